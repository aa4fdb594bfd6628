/**
 * @module Server-rendered SVG charts for the dashboard: no client script, readable when printed.
 */
import type { FC } from "hono/jsx";

export interface Series {
  label: string;
  color: string;
  values: number[];
}

/** Grouped bar chart over categories (months, say). */
export const BarChart: FC<{
  categories: string[];
  series: Series[];
  format?: (n: number) => string;
  height?: number;
}> = ({ categories, series, format = (n) => n.toLocaleString("ja-JP"), height = 220 }) => {
  const width = 560;
  const pad = { left: 56, right: 8, top: 12, bottom: 28 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const group = plotW / Math.max(1, categories.length);
  const bar = Math.max(2, (group * 0.7) / Math.max(1, series.length));
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  return (
    <div class="chart">
      <div class="legend">
        {series.map((s) => (
          <span style={`--c:${s.color}`}>{s.label}</span>
        ))}
      </div>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={series.map((s) => s.label).join("・")}>
        {ticks.map((t) => {
          const y = pad.top + plotH - (t / max) * plotH;
          return (
            <>
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} stroke="#d5dde5" />
              <text x={pad.left - 6} y={y + 4} text-anchor="end">
                {format(t)}
              </text>
            </>
          );
        })}
        {categories.map((cat, i) => (
          <>
            {series.map((s, j) => {
              const v = s.values[i] ?? 0;
              const h = (Math.max(0, v) / max) * plotH;
              const x = pad.left + i * group + group * 0.15 + j * bar;
              return (
                <rect x={x} y={pad.top + plotH - h} width={bar - 1} height={h} fill={s.color}>
                  <title>{`${cat} ${s.label}: ${format(v)}`}</title>
                </rect>
              );
            })}
            <text x={pad.left + i * group + group / 2} y={height - 8} text-anchor="middle">
              {cat}
            </text>
          </>
        ))}
        {categories.length === 0 && (
          <text x={width / 2} y={height / 2} text-anchor="middle">
            データがありません
          </text>
        )}
      </svg>
    </div>
  );
};

/** One horizontal bar split into parts (linked / pending / revoked, say). */
export const SplitBar: FC<{ parts: { label: string; color: string; value: number }[] }> = ({ parts }) => {
  const total = parts.reduce((n, p) => n + p.value, 0);
  let x = 0;
  return (
    <div class="chart">
      <svg viewBox="0 0 560 40" role="img" aria-label={parts.map((p) => `${p.label} ${p.value}`).join("、")}>
        {total === 0 ? (
          <rect x={0} y={8} width={560} height={24} fill="#e8edf3" />
        ) : (
          parts.map((p) => {
            const w = (p.value / total) * 560;
            const rect = <rect x={x} y={8} width={w} height={24} fill={p.color} />;
            x += w;
            return rect;
          })
        )}
      </svg>
      <div class="legend">
        {parts.map((p) => (
          <span style={`--c:${p.color}`}>
            {p.label} {p.value.toLocaleString("ja-JP")}
            {total > 0 && `（${Math.round((p.value / total) * 100)}%）`}
          </span>
        ))}
      </div>
    </div>
  );
};
