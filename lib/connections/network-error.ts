/** Words for a request that got no HTTP answer: refused, unknown host, timeout, dropped. */
export function networkErrorMessage(service: string, baseUrl: string, error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError")
    return `${service} did not answer within 10 seconds at ${baseUrl}. Try again, or check the service's status.`;
  if (cause === "ECONNREFUSED")
    return `Nothing answers at ${baseUrl}: ${service} cannot be reached. Check the URL, or that the sandbox is running.`;
  if (cause === "ENOTFOUND" || cause === "EAI_AGAIN")
    return `The host of ${baseUrl} cannot be found. Check the URL and the server's network.`;
  return `${service} could not be reached at ${baseUrl} (the connection failed). Try again in a moment.`;
}
