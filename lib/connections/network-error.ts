// Words for a request that got no usable HTTP answer: refused by the outbound guard, redirected, refused, unknown
// host, timeout, dropped. They name only the origin the admin chose (production or a sandbox from the deployment's
// list), never an address, port or text that came from the network.
import { OutboundRedirectError, OutboundRefusedError } from "@/lib/outbound/outbound-errors";

export function networkErrorMessage(service: string, origin: string, error: unknown): string {
  if (error instanceof OutboundRefusedError)
    return `Certdesk did not call ${service} at ${origin}. ${error.message}`;
  if (error instanceof OutboundRedirectError)
    return `${service} at ${origin} answered with a redirect (HTTP ${error.status}), which Certdesk does not follow. Check the connection's environment.`;
  const cause = (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError")
    return `${service} did not answer within 10 seconds at ${origin}. Try again, or check the service's status.`;
  if (cause === "ECONNREFUSED")
    return `Nothing answers at ${origin}: ${service} cannot be reached. Check the URL, or that the sandbox is running.`;
  if (cause === "ENOTFOUND" || cause === "EAI_AGAIN")
    return `The host of ${origin} cannot be found. Check the URL and the server's network.`;
  return `${service} could not be reached at ${origin} (the connection failed). Try again in a moment.`;
}
