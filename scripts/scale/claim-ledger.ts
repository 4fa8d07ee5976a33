// Compares a bulk batch's rows with the TrustedForm simulator's own record of claims (GET
// /sandbox/certificates/{id} answers every claim made on a certificate): each row's certificate must have been
// claimed exactly once, and each row must say so.

export interface LedgerRow {
  certId: string;
  status: string;
}

export interface LedgerResult {
  rows: number;
  claimed: number;
  /** Rows whose certificate the simulator never saw claimed. */
  lost: string[];
  /** Rows whose certificate the simulator saw claimed more than once. */
  duplicated: string[];
  /** Rows that did not end "claimed" (failed, unknown, or still waiting). */
  unsettled: string[];
  /** Rows marked claimed whose certificate the simulator never saw claimed, or the reverse. */
  disagreeing: string[];
}

export function compareClaims(rows: LedgerRow[], claimsAtSimulator: Map<string, number>): LedgerResult {
  const result: LedgerResult = {
    rows: rows.length,
    claimed: 0,
    lost: [],
    duplicated: [],
    unsettled: [],
    disagreeing: [],
  };
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.certId, (seen.get(row.certId) ?? 0) + 1);
  for (const row of rows) {
    const count = claimsAtSimulator.get(row.certId);
    if (count === undefined) throw new Error(`The simulator has no record of certificate ${row.certId}`);
    // Two rows of one certificate would each need a claim: the batch is built with one row per certificate.
    if (seen.get(row.certId)! > 1) throw new Error(`Certificate ${row.certId} is in the batch twice`);
    if (row.status === "claimed") result.claimed += 1;
    else result.unsettled.push(row.certId);
    if (count === 0) result.lost.push(row.certId);
    if (count > 1) result.duplicated.push(row.certId);
    if ((row.status === "claimed") !== count >= 1) result.disagreeing.push(row.certId);
  }
  return result;
}

export function ledgerProblems(result: LedgerResult): string[] {
  const problems: string[] = [];
  const sample = (ids: string[]) => ids.slice(0, 3).join(", ") + (ids.length > 3 ? ", ..." : "");
  if (result.lost.length) problems.push(`${result.lost.length} lost claims (${sample(result.lost)})`);
  if (result.duplicated.length)
    problems.push(`${result.duplicated.length} duplicated claims (${sample(result.duplicated)})`);
  if (result.unsettled.length)
    problems.push(`${result.unsettled.length} rows not claimed (${sample(result.unsettled)})`);
  if (result.disagreeing.length)
    problems.push(
      `${result.disagreeing.length} rows disagree with the simulator (${sample(result.disagreeing)})`,
    );
  return problems;
}
