// The line chart of an indicator, drawn by Observable Plot (SVG, loaded on demand with this module: see
// docs/decisions.md): its measures over time and the straight path from the baseline to the target (dashed). The
// figures are in the table beside it; the chart is a picture with a text alternative. The y axis is as wide as its
// longest label, and the dates are labelled at the step their span calls for (years, months or days).
import { dot, line, plot, ruleY } from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';
import { useMessages, type Messages } from '../i18n';
import type { ActionIndicator } from './plans.query';

const HEIGHT = 200;
const FONT_SIZE = 12;
const DAY = 86_400_000;
/** Room a date label needs on the x axis, in pixels (« 12 févr. 2025 » at 12 px, with a gap). */
const X_LABEL_ROOM = 96;

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** Round steps (1, 2, 5 × 10ⁿ) covering [low, high] in about four intervals, starting at or below low. */
export function niceTicks(low: number, high: number): number[] {
  if (high <= low) high = low + 1;
  const rough = (high - low) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let value = Math.floor(low / step) * step; value < high + step; value += step) {
    ticks.push(Number(value.toPrecision(12)));
    if (value >= high) break;
  }
  return ticks;
}

interface DateStep {
  months: number;
  days: number;
  format: Intl.DateTimeFormatOptions;
}

const STEPS: DateStep[] = [
  { months: 0, days: 1, format: { day: 'numeric', month: 'short', year: 'numeric' } },
  { months: 0, days: 7, format: { day: 'numeric', month: 'short', year: 'numeric' } },
  { months: 1, days: 0, format: { month: 'short', year: 'numeric' } },
  { months: 3, days: 0, format: { month: 'short', year: 'numeric' } },
  { months: 6, days: 0, format: { month: 'short', year: 'numeric' } },
  { months: 12, days: 0, format: { year: 'numeric' } },
  { months: 24, days: 0, format: { year: 'numeric' } },
  { months: 60, days: 0, format: { year: 'numeric' } },
];

/** The first 1st of a month, at a multiple of `months` counted from January of year 0, on or after the date. */
function firstBoundary(date: Date, months: number): Date {
  const index = date.getUTCFullYear() * 12 + date.getUTCMonth() + (date.getUTCDate() > 1 ? 1 : 0);
  const aligned = Math.ceil(index / months) * months;
  return new Date(Date.UTC(Math.floor(aligned / 12), aligned % 12, 1));
}

/** Date ticks from start to end at the smallest step that leaves each label its room; labelled at that step. */
export function dateTicks(start: Date, end: Date, room: number): { ticks: Date[]; format: Intl.DateTimeFormatOptions } {
  const fits = Math.max(2, Math.floor(room / X_LABEL_ROOM));
  for (const step of STEPS) {
    const ticks: Date[] = [];
    let tick = step.months ? firstBoundary(start, step.months) : start;
    while (tick <= end && ticks.length <= fits) {
      ticks.push(tick);
      tick = step.months
        ? new Date(Date.UTC(tick.getUTCFullYear(), tick.getUTCMonth() + step.months, 1))
        : new Date(tick.getTime() + step.days * DAY);
    }
    if (ticks.length >= 2 && ticks.length <= fits) return { ticks, format: step.format };
  }
  // A span too short for two boundaries of a fitting step: its two ends, with their full dates.
  return { ticks: [start, end], format: STEPS[0]!.format };
}

/** Width of a text in the chart's font, measured by the browser. */
function textWidth(text: string, font: string): number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return text.length * FONT_SIZE * 0.65;
  context.font = font;
  return context.measureText(text).width;
}

export function describe(indicator: ActionIndicator, t: Messages): string {
  const values = [...indicator.values.nodes].sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : 1));
  return [
    t.plans.action.baselineTarget(
      t.format.decimal.format(indicator.baseline),
      t.format.decimal.format(indicator.target),
      t.format.date(indicator.targetOn),
    ),
    ...values.map((v) => `${t.format.date(v.measuredOn)} : ${t.format.decimal.format(v.value)} ${indicator.unit}`),
  ].join(' ; ');
}

function draw(indicator: ActionIndicator, t: Messages, width: number, font: string): SVGSVGElement | HTMLElement {
  const measures = [...indicator.values.nodes]
    .sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : 1))
    .map((v) => ({ date: utc(v.measuredOn), value: v.value }));
  const path = [
    { date: utc(indicator.baselineOn), value: indicator.baseline },
    { date: utc(indicator.targetOn), value: indicator.target },
  ];
  const all = [...path, ...measures];
  const numbers = all.map((p) => p.value);
  const yTicks = niceTicks(Math.min(0, ...numbers), Math.max(...numbers));
  const yLabel = (value: number) => t.format.decimal.format(value);
  const marginLeft = Math.ceil(Math.max(...yTicks.map((tick) => textWidth(yLabel(tick), font)))) + 14;
  const marginRight = 28; // half of the last date label may overhang the last tick
  const start = new Date(Math.min(...all.map((p) => p.date.getTime())));
  const end = new Date(Math.max(...all.map((p) => p.date.getTime())));
  const x = dateTicks(start, end, width - marginLeft - marginRight);
  const dateLabel = new Intl.DateTimeFormat(t.format.locale, { ...x.format, timeZone: 'UTC' });
  return plot({
    width,
    height: HEIGHT,
    marginLeft,
    marginRight,
    marginBottom: 32,
    style: { fontSize: `${FONT_SIZE}px`, fontFamily: 'inherit', background: 'transparent', overflow: 'visible' },
    x: { type: 'utc', domain: [start, end], ticks: x.ticks, tickFormat: (date: Date) => dateLabel.format(date), label: null },
    y: { domain: [yTicks[0]!, yTicks[yTicks.length - 1]!], ticks: yTicks, tickFormat: yLabel, grid: true, label: null },
    marks: [
      ruleY([yTicks[0]!], { stroke: 'var(--color-rule)' }),
      line(path, { x: 'date', y: 'value', stroke: 'var(--color-muted)', strokeWidth: 1.5, strokeDasharray: '5 4' }),
      dot([path[1]], { x: 'date', y: 'value', r: 5, stroke: 'var(--color-muted)', strokeWidth: 2 }),
      line(measures, { x: 'date', y: 'value', stroke: 'var(--color-link)', strokeWidth: 2.5 }),
      dot(measures, { x: 'date', y: 'value', r: 4, fill: 'var(--color-link)' }),
    ],
  });
}

export default function IndicatorChart({ indicator }: { indicator: ActionIndicator }) {
  const t = useMessages();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = box.current;
    if (!element || width < 100) return;
    const style = getComputedStyle(element);
    const chart = draw(indicator, t, width, `${FONT_SIZE}px ${style.fontFamily}`);
    chart.setAttribute('aria-hidden', 'true');
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [indicator, t, width]);

  return (
    <div
      ref={box}
      className="indicator-chart"
      role="img"
      aria-label={`${t.plans.action.chartTitle(indicator.title)}. ${describe(indicator, t)}`}
    />
  );
}
