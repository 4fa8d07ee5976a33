// What the outbound guard answers instead of a response. Messages are in words and name no address: the person
// reading them chose an origin from a list, and the resolved addresses behind it are none of their business.
import { ADDRESS_CLASS_WORDS, type AddressClass } from "./classify-address";

export type RefusalReason = AddressClass | "scheme" | "userinfo" | "not-https";

/** The guard refused the target before any connection was made: nothing was sent. */
export class OutboundRefusedError extends Error {
  constructor(readonly reason: RefusalReason) {
    super(
      reason === "scheme"
        ? "Certdesk sends requests only over http or https."
        : reason === "userinfo"
          ? "Certdesk does not send requests to a URL with a user name or password in it."
          : reason === "not-https"
            ? "Certdesk sends requests outside the deployment's sandboxes only over https."
            : `Certdesk does not send requests there: the host resolves to ${ADDRESS_CLASS_WORDS[reason]}, and only the deployment's allowed sandboxes may be on a local or private network.`,
    );
    this.name = "OutboundRefusedError";
  }
}

/** The service answered with a redirect, which Certdesk never follows (the answer's Location is not kept). */
export class OutboundRedirectError extends Error {
  constructor(readonly status: number) {
    super(`The service answered with a redirect (HTTP ${status}), which Certdesk does not follow.`);
    this.name = "OutboundRedirectError";
  }
}

/** No HTTP answer: the name did not resolve, the connection failed or dropped. `cause.code` says which. */
export class OutboundNetworkError extends Error {
  constructor(cause: unknown) {
    super("The request got no HTTP answer (the connection failed).", { cause });
    this.name = "OutboundNetworkError";
  }
}
