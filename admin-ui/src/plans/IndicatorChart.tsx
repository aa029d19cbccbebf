// A small line chart of an indicator: its measures over time, the straight path from the baseline to the target
// (dashed), drawn in SVG with the theme's colours. The figures are in the table beside it (the chart is a picture
// with a text alternative; the table is what assistive technologies read).
import { useMessages } from '../i18n';
import type { ActionIndicator } from './plans.query';

const WIDTH = 360;
const HEIGHT = 180;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export default function IndicatorChart({ indicator }: { indicator: ActionIndicator }) {
  const t = useMessages();
  const values = [...indicator.values.nodes].sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : 1));
  const start = day(indicator.baselineOn);
  const end = Math.max(day(indicator.targetOn), ...values.map((v) => day(v.measuredOn)));
  const numbers = [indicator.baseline, indicator.target, ...values.map((v) => v.value)];
  let low = Math.min(...numbers, 0);
  let high = Math.max(...numbers);
  if (high === low) high = low + 1;
  const margin = (high - low) * 0.08;
  high += margin;
  if (low !== 0) low -= margin;
  const x = (date: string) => PAD.left + ((day(date) - start) / Math.max(end - start, 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - (value - low) / (high - low)) * (HEIGHT - PAD.top - PAD.bottom);
  const points = values.map((v) => `${x(v.measuredOn).toFixed(1)},${y(v.value).toFixed(1)}`).join(' ');
  const description = [
    t.plans.action.baselineTarget(t.format.decimal.format(indicator.baseline), t.format.decimal.format(indicator.target), t.format.date(indicator.targetOn)),
    ...values.map((v) => `${t.format.date(v.measuredOn)} : ${t.format.decimal.format(v.value)} ${indicator.unit}`),
  ].join(' ; ');
  const ticks = [low, (low + high) / 2, high];
  return (
    <svg className="indicator-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${t.plans.action.chartTitle(indicator.title)}. ${description}`} focusable="false">
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="indicator-chart__grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
          <text className="indicator-chart__label" x={PAD.left - 6} y={y(tick) + 4} textAnchor="end">
            {t.format.decimal.format(Math.round(tick * 10) / 10)}
          </text>
        </g>
      ))}
      <text className="indicator-chart__label" x={PAD.left} y={HEIGHT - 8}>
        {indicator.baselineOn.slice(0, 4)}
      </text>
      <text className="indicator-chart__label" x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end">
        {new Date(end * 86_400_000).getUTCFullYear()}
      </text>
      <line className="indicator-chart__path" x1={x(indicator.baselineOn)} y1={y(indicator.baseline)} x2={x(indicator.targetOn)} y2={y(indicator.target)} />
      <circle className="indicator-chart__target" cx={x(indicator.targetOn)} cy={y(indicator.target)} r={5} />
      {values.length > 1 && <polyline className="indicator-chart__line" points={points} />}
      {values.map((v) => (
        <circle key={v.id} className="indicator-chart__point" cx={x(v.measuredOn)} cy={y(v.value)} r={4} />
      ))}
    </svg>
  );
}
