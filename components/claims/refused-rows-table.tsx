import { DisplayName } from "@/components/ui/display-name";

/** The rows of a CSV that were refused before anything was sent, with the reason for each. */
export function RefusedRowsTable({
  rows,
  testId,
}: {
  rows: Array<{ row: number; certUrl: string; reason: string }>;
  testId: string;
}) {
  return (
    <table className="mt-3 w-full text-left text-sm" data-testid={testId}>
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th scope="col" className="py-1">
            Row
          </th>
          <th scope="col" className="py-1">
            Certificate URL
          </th>
          <th scope="col" className="py-1">
            Reason
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.row}>
            <td className="py-1.5 pr-3">{r.row}</td>
            <td className="max-w-xs truncate py-1.5 pr-3 font-mono text-xs">
              <DisplayName value={r.certUrl} />
            </td>
            <td className="py-1.5">
              <DisplayName value={r.reason} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
