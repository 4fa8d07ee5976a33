// Compares a bulk batch's rows with the TrustedForm simulator's own record (GET /sandbox/certificates/{id}: its
// `claims` on 3.0, its `v4_requests` on 4.0): each row's certificate must have reached TrustedForm at most once, and
// a row that never reached it must say so. On 4.0 a claim in flight when its worker died cannot be looked up
// afterwards (4.0 has no GET of a claim): recovery leaves such a row "unknown" for a reviewer, whether or not it
// reached TrustedForm. Those are allowed, but only rows that were "sending" when the worker died.

export interface LedgerRow {
  certId: string;
  status: string;
}

export interface LedgerResult {
  rows: number;
  claimed: number;
  /** Never reached TrustedForm, and the row does not say "unknown": nobody would ever know. */
  lost: string[];
  /** Reached TrustedForm more than once. */
  duplicated: string[];
  /** Left "unknown" for a reviewer (in flight when a worker died). */
  unknown: string[];
  /** Neither claimed nor unknown: failed, or still queued or sending. */
  unsettled: string[];
  /** "claimed" though TrustedForm never saw it, or "failed" though TrustedForm did. */
  disagreeing: string[];
}

export function compareClaims(rows: LedgerRow[], requestsAtSimulator: Map<string, number>): LedgerResult {
  const result: LedgerResult = {
    rows: rows.length,
    claimed: 0,
    lost: [],
    duplicated: [],
    unknown: [],
    unsettled: [],
    disagreeing: [],
  };
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.certId, (seen.get(row.certId) ?? 0) + 1);
  for (const row of rows) {
    const count = requestsAtSimulator.get(row.certId);
    if (count === undefined) throw new Error(`The simulator has no record of certificate ${row.certId}`);
    // Two rows of one certificate would each need a claim: the batch is built with one row per certificate.
    if (seen.get(row.certId)! > 1) throw new Error(`Certificate ${row.certId} is in the batch twice`);
    if (row.status === "claimed") result.claimed += 1;
    else if (row.status === "unknown") result.unknown.push(row.certId);
    else result.unsettled.push(row.certId);
    if (count === 0 && row.status !== "unknown") result.lost.push(row.certId);
    if (count > 1) result.duplicated.push(row.certId);
    if ((row.status === "claimed" && count === 0) || (row.status === "failed" && count > 0))
      result.disagreeing.push(row.certId);
  }
  return result;
}

/** What fails the check; `inFlightAtKill`: the certificates whose rows were "sending" when a worker was killed. */
export function ledgerProblems(result: LedgerResult, inFlightAtKill: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const sample = (ids: string[]) => ids.slice(0, 3).join(", ") + (ids.length > 3 ? ", ..." : "");
  if (result.lost.length) problems.push(`${result.lost.length} lost claims (${sample(result.lost)})`);
  if (result.duplicated.length)
    problems.push(`${result.duplicated.length} duplicated claims (${sample(result.duplicated)})`);
  if (result.unsettled.length)
    problems.push(
      `${result.unsettled.length} rows neither claimed nor unknown (${sample(result.unsettled)})`,
    );
  const unexplained = result.unknown.filter((certId) => !inFlightAtKill.has(certId));
  if (unexplained.length)
    problems.push(
      `${unexplained.length} rows unknown that were not in flight at the kill (${sample(unexplained)})`,
    );
  if (result.disagreeing.length)
    problems.push(
      `${result.disagreeing.length} rows disagree with the simulator (${sample(result.disagreeing)})`,
    );
  return problems;
}
