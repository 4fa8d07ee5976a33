/** What every server action and route handler answers: the data, or what went wrong in words a person can act on. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string };
