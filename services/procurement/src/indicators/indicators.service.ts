// Computes the procurement indicators of an authority and year in SQL (one statement for all the figures), then sets each
// against the SPASER's own objective and the national PNAD reference.
import { BadInputError, isUuid } from '@ess/kit';
import type { DataSource } from 'typeorm';
import type { ReservedBasis } from '../common/codes';
import { departmentProblem } from '../common/identifiers';
import { IndicatorKind, SpaserObjective, SpaserPlan } from '../spaser/spaser.entity';
import { TargetStatus, type IndicatorResult, type ProcurementIndicators, type TargetComparison } from './indicators.types';

/** The codes of the kinds this subgraph computes (seeded by the migration). */
export const COMPUTED_KINDS = ['SOCIAL_CONSIDERATION_SHARE', 'ENVIRONMENTAL_CONSIDERATION_SHARE', 'RESERVED_CONTRACTS', 'INSERTION_HOURS', 'ESS_SPEND_SHARE'] as const;

interface FiguresRow {
  contract_count: number;
  total_amount: string;
  social_count: number;
  environmental_count: number;
  reserved_count: number;
  hours_planned: string;
  hours_achieved: string;
  ess_amount: string;
  ess_contract_count: number;
  as_of: Date | null;
  reserved_by_basis: Array<{ basis: ReservedBasis | null; count: number; amount: number }>;
}

/**
 * All the figures of one authority and year (and buyer, if given) in one statement, summed from the precomputed summary
 * (migration 1765840000000: a few rows per buyer and year, kept current by triggers in each write's transaction), so the
 * answer time follows the number of buyers, not of contracts. The ESS share splits a contract's current amount evenly
 * between its current awardees (the DECP gives no breakdown) and counts those the registry's projection marks as ESS.
 */
export const FIGURES_SQL = `
  WITH s AS (
    SELECT reserved_key, contract_count, total_amount, social_count, environmental_count, hours_planned, hours_achieved, ess_amount,
      ess_contract_count, updated_at
    FROM procurement.contract_summary
    WHERE authority_code = $1 AND year = $2 AND ($3::uuid IS NULL OR buyer_id = $3::uuid)
  )
  SELECT
    coalesce(sum(contract_count), 0)::int AS contract_count,
    coalesce(sum(total_amount), 0) AS total_amount,
    coalesce(sum(social_count), 0)::int AS social_count,
    coalesce(sum(environmental_count), 0)::int AS environmental_count,
    coalesce(sum(contract_count) FILTER (WHERE reserved_key <> ''), 0)::int AS reserved_count,
    coalesce(sum(hours_planned), 0) AS hours_planned,
    coalesce(sum(hours_achieved), 0) AS hours_achieved,
    round(coalesce(sum(ess_amount), 0), 2) AS ess_amount,
    coalesce(sum(ess_contract_count), 0)::int AS ess_contract_count,
    max(updated_at) AS as_of,
    (SELECT coalesce(json_agg(json_build_object('basis', b.basis, 'count', b.n, 'amount', b.amount) ORDER BY b.basis NULLS LAST), '[]'::json)
     FROM (SELECT nullif(reserved_key, 'UNKNOWN') AS basis, sum(contract_count)::int AS n, sum(total_amount)::float8 AS amount
           FROM s WHERE reserved_key <> '' GROUP BY reserved_key) b) AS reserved_by_basis
  FROM s`;

const STATUS_ORDER = `CASE plan.status WHEN 'IN_FORCE' THEN 0 WHEN 'UNDER_REVIEW' THEN 1 WHEN 'ADOPTED' THEN 2 ELSE 3 END`;

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((10000 * part) / whole) / 100 : null);
const round2 = (value: number) => Math.round(value * 100) / 100;

/** The value expected in `year`: on the straight line from the baseline to the target, the target itself without a baseline. */
export function expectedValue(target: { targetValue: number; targetYear: number; baselineValue: number | null; baselineYear: number | null }, year: number): number {
  const { targetValue, targetYear, baselineValue, baselineYear } = target;
  if (baselineValue === null || baselineYear === null || year >= targetYear) return targetValue;
  if (year <= baselineYear) return baselineValue;
  return round2(baselineValue + ((targetValue - baselineValue) * (year - baselineYear)) / (targetYear - baselineYear));
}

function compare(
  value: number | null,
  year: number,
  source: string,
  target: { targetValue: number; targetYear: number; baselineValue: number | null; baselineYear: number | null },
): TargetComparison {
  const expected = expectedValue(target, year);
  return {
    source,
    targetValue: target.targetValue,
    targetYear: target.targetYear,
    baselineValue: target.baselineValue,
    baselineYear: target.baselineYear,
    expectedValue: expected,
    status: value === null ? TargetStatus.NO_DATA : value >= expected ? TargetStatus.ON_TRACK : TargetStatus.BEHIND,
  };
}

/** The objective of a kind that speaks for `year`: the first target at or after it, else the last one. */
function objectiveFor(objectives: SpaserObjective[], kind: string, year: number): SpaserObjective | null {
  const mine = objectives.filter((o) => o.indicatorKindCode === kind).sort((a, b) => a.targetYear - b.targetYear);
  return mine.find((o) => o.targetYear >= year) ?? mine.at(-1) ?? null;
}

export class IndicatorsService {
  constructor(private readonly dataSource: DataSource) {}

  async compute(authority: string, year: number, buyerId: string | null = null): Promise<ProcurementIndicators> {
    const code = authority.trim().toUpperCase();
    const problem = departmentProblem(code);
    if (problem) throw BadInputError.field('authority', problem);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw BadInputError.field('year', 'must be a year between 2000 and 2100');

    if (buyerId !== null && !isUuid(buyerId)) throw BadInputError.field('buyer', 'is not an id');

    const [figures]: FiguresRow[] = await this.dataSource.query(FIGURES_SQL, [code, year, buyerId]);
    // the SPASER covering the year (in force first), else the one in preparation for a later period
    const plan = await this.dataSource
      .getRepository(SpaserPlan)
      .createQueryBuilder('plan')
      .where('plan.authority_code = :code AND plan.period_end >= :year', { code, year })
      .orderBy(`CASE WHEN plan.period_start <= ${Number(year)} THEN 0 ELSE 1 END`)
      .addOrderBy(STATUS_ORDER)
      .addOrderBy('plan.period_start', 'ASC')
      .addOrderBy('plan.id')
      .getOne();
    const objectives = plan ? await this.dataSource.getRepository(SpaserObjective).findBy({ planId: plan.id }) : [];
    const kinds = await this.dataSource.getRepository(IndicatorKind).createQueryBuilder('kind').where('kind.computed').getMany();

    const count = figures.contract_count;
    const totalAmount = Number(figures.total_amount);
    const essAmount = Number(figures.ess_amount);
    const values: Record<string, number | null> = {
      SOCIAL_CONSIDERATION_SHARE: percent(figures.social_count, count),
      ENVIRONMENTAL_CONSIDERATION_SHARE: percent(figures.environmental_count, count),
      RESERVED_CONTRACTS: count > 0 ? figures.reserved_count : null,
      INSERTION_HOURS: count > 0 ? Number(figures.hours_achieved) : null,
      ESS_SPEND_SHARE: percent(essAmount, totalAmount),
    };
    const indicators: IndicatorResult[] = kinds
      .filter((kind) => kind.code in values)
      .sort((a, b) => COMPUTED_KINDS.indexOf(a.code as never) - COMPUTED_KINDS.indexOf(b.code as never))
      .map((kind) => {
        const value = values[kind.code];
        const objective = plan ? objectiveFor(objectives, kind.code, year) : null;
        const national = kind.nationalTarget();
        return {
          kind,
          value,
          spaserTarget: objective && plan ? compare(value, year, plan.title, objective) : null,
          nationalTarget: national ? compare(value, year, national.source, { targetValue: national.value, targetYear: national.year, baselineValue: null, baselineYear: null }) : null,
        };
      });

    return {
      authority: code,
      year,
      buyerId,
      asOf: figures.as_of,
      contractCount: count,
      totalAmount,
      socialConsiderationCount: figures.social_count,
      socialConsiderationShare: values.SOCIAL_CONSIDERATION_SHARE,
      environmentalConsiderationCount: figures.environmental_count,
      environmentalConsiderationShare: values.ENVIRONMENTAL_CONSIDERATION_SHARE,
      reservedContractCount: figures.reserved_count,
      reservedByBasis: figures.reserved_by_basis.map((b) => ({ basis: b.basis, count: b.count, amount: b.amount })),
      insertionHoursPlanned: Number(figures.hours_planned),
      insertionHoursAchieved: Number(figures.hours_achieved),
      essAmount,
      essSpendShare: values.ESS_SPEND_SHARE,
      essContractCount: figures.ess_contract_count,
      spaserPlan: plan ?? null,
      indicators,
    };
  }
}
