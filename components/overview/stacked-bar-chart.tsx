"use client";

// One stacked bar chart of the overview (recharts). The chart is a picture with its summary as its name; the numbers
// themselves are in the table beside it (components/overview/numbers-table.tsx), which is what screen readers and
// keyboard users read.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export function StackedBarChart({
  data,
  categoryKey,
  series,
  summary,
  horizontal = false,
  height = 260,
  testId,
}: {
  data: object[];
  categoryKey: string;
  series: ChartSeries[];
  summary: string;
  /** Bars running left to right, one per category (long category names such as vendors). */
  horizontal?: boolean;
  height?: number;
  testId?: string;
}) {
  return (
    <div role="img" aria-label={summary} data-testid={testId} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout={horizontal ? "vertical" : "horizontal"}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 8, left: horizontal ? 24 : 0 }}
          stackOffset={horizontal ? "expand" : undefined}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {horizontal ? (
            <>
              <XAxis
                type="number"
                tickFormatter={(value: number) => `${Math.round(value * 100)}%`}
                fontSize={12}
              />
              <YAxis type="category" dataKey={categoryKey} width={120} fontSize={12} />
            </>
          ) : (
            <>
              <XAxis dataKey={categoryKey} fontSize={12} />
              <YAxis allowDecimals={false} fontSize={12} />
            </>
          )}
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((item) => (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.label}
              stackId="all"
              fill={item.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
