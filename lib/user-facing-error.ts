/** An error whose message is written for the person using Certdesk and is safe to show them as it is. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly kind: "invalid" | "not_found" | "forbidden" | "conflict" = "invalid",
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from URLs and forms; anything that is not a UUID can only be "not found". */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
