// Artifact URLs come from TrueScreen's answers (presigned, valid for 60 seconds). They are fetched through the
// outbound guard (public addresses only, unless on an allowed sandbox; no redirects) and with no credentials at all:
// this function has no parameter through which a key or an Authorization header could reach them.
import { outboundFetch } from "@/lib/outbound/outbound-fetch";

const ARTIFACT_TIMEOUT_MS = 30 * 60_000;

export function fetchArtifact(url: URL): Promise<Response> {
  return outboundFetch(url, { service: "artifact", signal: AbortSignal.timeout(ARTIFACT_TIMEOUT_MS) });
}
