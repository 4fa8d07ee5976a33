// The text alternative of an overview chart: its numbers in a table, folded under "Show the numbers" (a native
// <details>, so it opens with the keyboard).
import type { ReactNode } from "react";

interface TableProps {
  caption: string;
  headers: string[];
  rows: ReactNode[][];
  testId: string;
}

/** Numbers in a table: the first column names the row, the others are right-aligned figures. */
export function NumbersGrid({ caption, headers, rows, testId }: TableProps) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            {headers.map((header, i) => (
              <th key={header} scope="col" className={`px-3 py-2 ${i ? "text-right" : ""}`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="break-words px-3 py-1.5 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className="px-3 py-1.5 text-right tabular-nums">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A chart's numbers, folded under "Show the numbers". */
export function NumbersTable({ open = false, ...table }: TableProps & { open?: boolean }) {
  return (
    <details className="mt-3 text-sm" open={open}>
      <summary className="cursor-pointer text-brand-700 hover:underline">Show the numbers</summary>
      <div className="mt-2">
        <NumbersGrid {...table} />
      </div>
    </details>
  );
}
