// A call's metrics (applications, structures involved, decisions, commons; support granted), asked only when the person
// opens them: a table, and beside it a bar chart in plain SVG drawn with the theme's colours (a picture with a text
// alternative; the table is what assistive technologies read). A chart library may replace the SVG later.
import { useId } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../graphql/tada';
import { useMessages } from '../i18n';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useCallsMessages } from './messages';

const CallMetricsQuery = graphql(`
  query CallMetrics($id: ID!) {
    call(id: $id) {
      id
      metrics {
        applicationCount
        structuresInvolved
        averageGroupSize
        decidedCount
        acceptedCount
        acceptanceRate
        commonCount
        commonsAlive
        supportGranted {
          kind
          grantCount
          amount
        }
      }
    }
  }
`);

const WIDTH = 360;
const BAR = 22;
const GAP = 10;
const LABEL = 150;

export default function CallMetrics({ id }: { id: string }) {
  const t = useMessages();
  const c = useCallsMessages();
  const captionId = useId();
  const [result, reexecute] = useQuery({ query: CallMetricsQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const metrics = result.data?.call?.metrics;
  if (result.error && !metrics) return <ErrorNotice title={c.metricsError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!metrics) return <p role="status">{t.common.loading}</p>;

  const counts = [
    { label: c.metricLabels.applications, value: metrics.applicationCount },
    { label: c.metricLabels.structures, value: metrics.structuresInvolved },
    { label: c.metricLabels.decided, value: metrics.decidedCount },
    { label: c.metricLabels.accepted, value: metrics.acceptedCount },
    { label: c.metricLabels.commons, value: metrics.commonCount },
    { label: c.metricLabels.commonsAlive, value: metrics.commonsAlive },
  ];
  const max = Math.max(1, ...counts.map((count) => count.value));
  const height = counts.length * (BAR + GAP);
  const money = metrics.supportGranted.find((support) => support.kind === 'MONEY')?.amount ?? 0;

  return (
    <div className="indicator__body">
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table">
          <caption id={captionId}>{c.metrics}</caption>
          <tbody>
            {counts.map((count) => (
              <tr key={count.label}>
                <th scope="row">{count.label}</th>
                <td className="numeric">{t.format.integer.format(count.value)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{c.metricLabels.averageGroupSize}</th>
              <td className="numeric">{metrics.averageGroupSize == null ? '–' : t.format.decimal.format(metrics.averageGroupSize)}</td>
            </tr>
            <tr>
              <th scope="row">{c.metricLabels.acceptanceRate}</th>
              <td className="numeric">{metrics.acceptanceRate == null ? '–' : t.format.percent.format(metrics.acceptanceRate)}</td>
            </tr>
            <tr>
              <th scope="row">{c.granted}</th>
              <td className="numeric">{t.format.euros(money)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <svg
        className="indicator-chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`${c.metrics}. ${counts.map((count) => `${count.label} : ${t.format.integer.format(count.value)}`).join(' ; ')}`}
        focusable="false"
      >
        {counts.map((count, index) => {
          const y = index * (BAR + GAP);
          const width = ((WIDTH - LABEL - 40) * count.value) / max;
          return (
            <g key={count.label}>
              <text className="indicator-chart__label" x={LABEL - 6} y={y + BAR * 0.7} textAnchor="end">
                {count.label}
              </text>
              <rect className="indicator-chart__point" x={LABEL} y={y} width={Math.max(width, 1)} height={BAR} />
              <text className="indicator-chart__label" x={LABEL + width + 6} y={y + BAR * 0.7}>
                {t.format.integer.format(count.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
