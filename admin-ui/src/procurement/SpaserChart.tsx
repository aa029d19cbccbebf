// A bar chart of shares by year (percent, 0 to 100), drawn as plain SVG and loaded on demand; the table beside it
// carries the same figures for screen readers (the SVG is hidden from them). A chart library may replace it later:
// the indicator chart's library is being chosen elsewhere (branch h/spa-defects).
export default function SpaserChart({ rows, label }: { rows: ReadonlyArray<{ year: number; value: number | null }>; label: string }) {
  const width = 320;
  const height = 160;
  const bar = width / Math.max(rows.length, 1);
  return (
    <svg className="spaser-chart" viewBox={`0 0 ${width} ${height + 20}`} width={width} height={height + 20} aria-hidden="true" focusable="false">
      <title>{label}</title>
      {rows.map((row, index) => {
        const value = Math.max(0, Math.min(100, row.value ?? 0));
        const h = (value / 100) * height;
        return (
          <g key={row.year}>
            <rect x={index * bar + 6} y={height - h} width={bar - 12} height={h} fill="currentColor" />
            <text x={index * bar + bar / 2} y={height + 14} textAnchor="middle" fontSize="11" fill="currentColor">
              {row.year}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
