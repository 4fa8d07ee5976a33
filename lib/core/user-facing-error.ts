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
