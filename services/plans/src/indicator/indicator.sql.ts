// Where an indicator stands, computed in SQL so lists and roll-ups agree: one definition, used by both.
//
// The path from the baseline to the target is a straight line: on date d the expected value is
//   baseline + (target − baseline) × (d − baselineOn) / (targetOn − baselineOn), d clamped to [baselineOn, targetOn].
// From the latest value v measured on d:
//   ACHIEVED  v has reached the target (≥ when the target is above the baseline, ≤ when below);
//   LATE      today is after the target date (not achieved), or v is behind the expected value on d;
//   ON_TRACK  otherwise; NO_DATA without any value.

/** SQL of the latest value of each indicator (alias `i`), as a LATERAL join aliased `latest`. */
export const LATEST_VALUE_JOIN = `LEFT JOIN LATERAL (
    SELECT v.measured_on, v.value FROM plans.indicator_value v
    WHERE v.indicator_id = i.id ORDER BY v.measured_on DESC LIMIT 1
  ) latest ON true`;

/** SQL of the expected value on the latest value's date, to the precision of the values (needs `i` and `latest`). */
export const EXPECTED_VALUE = `round(i.baseline + (i.target - i.baseline)
    * LEAST(GREATEST((latest.measured_on - i.baseline_on)::numeric / (i.target_on - i.baseline_on), 0), 1), 4)`;

/** SQL of the status (needs `i` and `latest`). */
export const INDICATOR_STATUS = `CASE
    WHEN latest.value IS NULL THEN 'NO_DATA'
    WHEN (i.target >= i.baseline AND latest.value >= i.target) OR (i.target < i.baseline AND latest.value <= i.target) THEN 'ACHIEVED'
    WHEN current_date > i.target_on THEN 'LATE'
    WHEN (i.target >= i.baseline AND latest.value >= ${EXPECTED_VALUE}) OR (i.target < i.baseline AND latest.value <= ${EXPECTED_VALUE}) THEN 'ON_TRACK'
    ELSE 'LATE'
  END`;
