/**
 * What a server action answers when the request's session is gone. The browser recognises it (an alert showing it
 * sends the user to sign in and back: components/session/), so it is one constant shared by both sides.
 */
export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again.";
