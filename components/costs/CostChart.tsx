'use client';

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bucketLabel, dimensionLabel, seriesColour } from '@/lib/costs/chart';
import type { ApiCostSeries, ApiCostSeriesPoint } from '@/lib/costs/types';
import { formatUsd } from '@/lib/ui/format';

interface Props {
  series: ApiCostSeries | undefined;
  /** The budget's share of one bucket; null draws no line. */
  budgetPerBucket: number | null;
}

/**
 * Spend per bucket, stacked by the chosen dimension. Series are read through functions rather than key paths,
 * because model names contain dots that Recharts would take for nested properties.
 */
export function CostChart({ series, budgetPerBucket }: Props) {
  if (!series) return <div data-testid="cost-chart" aria-busy="true" className="h-64 animate-pulse rounded bg-page" />;
  const { keys, bucket, dimension } = series;
  return (
    <div data-testid="cost-chart" data-dimension={dimension} data-bucket={bucket} className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={series.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e5ea" vertical={false} />
          <XAxis
            dataKey="t"
            tickFormatter={(t: string) => bucketLabel(t, bucket)}
            tick={{ fontSize: 11, fill: '#5b6470' }}
            tickLine={false}
            axisLine={{ stroke: '#cdd2d9' }}
            minTickGap={16}
          />
          <YAxis
            tickFormatter={(v: number) => formatUsd(v)}
            tick={{ fontSize: 11, fill: '#5b6470' }}
            tickLine={false}
            axisLine={false}
            width={64}
          />
          <Tooltip
            cursor={{ fill: 'rgba(36, 87, 197, 0.06)' }}
            labelFormatter={(t) => bucketLabel(String(t), bucket)}
            formatter={(value, name) => [formatUsd(Number(value)), String(name)]}
            contentStyle={{ fontSize: 12, borderColor: '#cdd2d9' }}
          />
          {keys.map((key, index) => (
            <Bar
              key={key}
              name={dimensionLabel(key, dimension)}
              dataKey={(p: ApiCostSeriesPoint) => p.values[key] ?? 0}
              stackId="cost"
              fill={seriesColour(key, index)}
              isAnimationActive={false}
            />
          ))}
          {budgetPerBucket !== null && (
            <ReferenceLine y={budgetPerBucket} stroke="#c02b2b" strokeDasharray="5 3" ifOverflow="extendDomain" />
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
