// /set-password's action (and /invite's) needs no session (the link's token is the credential), so anyone may call it with any token.
// A wrong token must be refused before the new password is hashed: argon2id costs tens of milliseconds of CPU and
// 19 MiB of memory per call, which an unthrottled, unauthenticated caller could otherwise spend at will.
import { describe, expect, it, vi } from "vitest";
import { acceptInvitationWithPassword } from "@/lib/invitations/accept-invitation-with-password";
import { createUser, uniqueEmail } from "@/scripts/test/factories";
import { issuePasswordReset } from "./issue-password-reset";
import * as password from "./password";
import { resetPassword } from "./reset-password";

vi.mock("./password", { spy: true });

describe("a password reset with a wrong token", () => {
  it("is refused without hashing the offered password", async () => {
    vi.mocked(password.hashPassword).mockClear();
    for (const token of ["x".repeat(43), "", "y".repeat(200)])
      await expect(resetPassword({ token, password: "a long enough password", ip: null })).rejects.toThrow(
        /not valid any more/,
      );
    expect(password.hashPassword).not.toHaveBeenCalled();
  });

  it("is refused without hashing on the invitation's set-password form too", async () => {
    vi.mocked(password.hashPassword).mockClear();
    await expect(
      acceptInvitationWithPassword({ token: "x".repeat(43), password: "a long enough password", ip: null }),
    ).rejects.toThrow(/not valid|no longer|expired|invitation/i);
    expect(password.hashPassword).not.toHaveBeenCalled();
  });

  it("still hashes (and sets) the password for a good token", async () => {
    const user = await createUser({ email: uniqueEmail("reset") });
    const issued = await issuePasswordReset(user.email);
    const token = new URL(issued.url).searchParams.get("reset")!;
    vi.mocked(password.hashPassword).mockClear();
    await expect(resetPassword({ token, password: "a long enough password", ip: null })).resolves.toEqual({
      email: user.email,
    });
    expect(password.hashPassword).toHaveBeenCalledTimes(1);
  });
});
