/** The two external services Certdesk drives, and the two environments each tenant connection can be on. */
export type ServiceName = "truescreen" | "trustedform";
export type Environment = "production" | "sandbox";

export const SERVICE_NAMES: Record<ServiceName, string> = {
  truescreen: "TrueScreen",
  trustedform: "TrustedForm",
};
