// The fixed query mixes, each a function of the list size (10 or 100 for the SQL counts), and the edits mix.
import type { DataSource } from 'typeorm';

export interface Scenario {
  name: string;
  description: string;
  /** List size used under load. */
  loadSize: number;
  body(size: number): string;
}

const PARTNER_PAGE = `query PartnerPage($first: Int!) {
  actors(first: $first, filter: { authorities: ["30", "26", "07"] }) {
    totalCount
    nodes {
      id name siret authorityCode essMember inclusionType
      address { communeName postalCode }
      networks { id name kind }
      awardedContracts(first: 5) { totalCount nodes { id decpId object notifiedOn currentAmount reserved } }
      commonsApplications(first: 5) { totalCount nodes { id title status submittedAt } }
    }
  }
}`;

const DASHBOARD = `query AuthorityDashboard($authority: String!, $year: Int!, $authorities: [String!], $first: Int) {
  procurementIndicators(authority: $authority, year: $year) {
    authority year contractCount totalAmount socialConsiderationShare environmentalConsiderationShare
    reservedContractCount insertionHoursAchieved essSpendShare
    indicators {
      kind { code label } value
      spaserTarget { source targetValue targetYear expectedValue status }
      nationalTarget { source targetValue targetYear expectedValue status }
    }
  }
  plans(first: $first) {
    nodes {
      id title status
      authorities { code name }
      progress { actionCount progress }
      budget { planned committed commitmentRate }
      indicatorCounts { total onTrack late achieved noData }
      axes { id title progress { actionCount progress } budget { planned committed } }
    }
  }
  all: actors(first: 0, filter: { authorities: $authorities }) { totalCount }
  associations: actors(first: 0, filter: { authorities: $authorities, legalFamilies: [ASSOCIATION] }) { totalCount }
  cooperatives: actors(first: 0, filter: { authorities: $authorities, legalFamilies: [COOPERATIVE] }) { totalCount }
}`;

const ADMIN_LIST = `query AdminList($first: Int!, $search: String, $authorities: [String!]) {
  actors(first: $first, filter: { search: $search, authorities: $authorities, essMember: true }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name siret status authorityCode updatedAt version address { communeName } networks { id name } }
  }
}`;

export const SCENARIOS: Scenario[] = [
  {
    name: 'partner page',
    description: 'actors page with networks (actors), awardedContracts (procurement) and commonsApplications (commons)',
    loadSize: 100,
    body: (first) => JSON.stringify({ query: PARTNER_PAGE, variables: { first } }),
  },
  {
    name: 'dashboard',
    description: 'procurementIndicators of the Gard for 2025, plans progress/budget/indicators by axis (list size = plans), actor counts by family',
    loadSize: 10,
    body: (first) => JSON.stringify({ query: DASHBOARD, variables: { authority: '30', year: 2025, authorities: ['30'], first } }),
  },
  {
    name: 'admin list',
    description: 'actors(filter: { search: "insertion", authorities: [30, 26], essMember: true }) with networks, total count and cursor',
    loadSize: 50,
    body: (first) => JSON.stringify({ query: ADMIN_LIST, variables: { first, search: 'insertion', authorities: ['30', '26'] } }),
  },
];

// Edits: a fixed mix through the gateway as a Gard editor (staff session cookie): every other request changes an actor
// (updateActor with its current version), the others record an indicator value (recordIndicatorValue, versioned too).
// Each request takes the next record of a pool larger than the connections, so no two edits race on one record; the
// load worker keeps the versions the answers return.
export const UPDATE_ACTOR = `mutation BenchUpdateActor($id: ID!, $version: Int!, $input: UpdateActorInput!) {
  updateActor(id: $id, version: $version, input: $input) { id version name updatedAt }
}`;
export const RECORD_VALUE = `mutation BenchRecordValue($id: ID!, $version: Int!, $input: IndicatorValueInput!) {
  recordIndicatorValue(indicatorId: $id, version: $version, input: $input) { id version }
}`;

export interface EditTarget {
  kind: 'actor' | 'indicator';
  id: string;
  version: number;
}

/** The body of the n-th edit of a target (a pure function: also used by the load worker). */
export function editBody(target: EditTarget, n: number): string {
  if (target.kind === 'actor') {
    return JSON.stringify({ query: UPDATE_ACTOR, variables: { id: target.id, version: target.version, input: { description: `Structure de l'ESS, fiche revue (bench ${n})` } } });
  }
  const measuredOn = new Date(Date.now() - (n % 60) * 86_400_000).toISOString().slice(0, 10);
  return JSON.stringify({ query: RECORD_VALUE, variables: { id: target.id, version: target.version, input: { measuredOn, value: n % 1000, comment: 'bench' } } });
}

/** The version an edit's answer carries, to use for the next edit of the same record. */
export function versionOf(json: any): number | undefined {
  return json?.data?.updateActor?.version ?? json?.data?.recordIndicatorValue?.version;
}

/**
 * Records of the Gard (authority 30) the editor may change, interleaved actor / indicator, with their current versions.
 * Generated SIRETs are not Luhn-valid and an update re-validates the record: the actors edited are the demo ones and
 * the generated ones without SIRET.
 */
export async function editTargets(db: DataSource, count = 2000): Promise<EditTarget[]> {
  const actors: Array<{ id: string; version: number }> = await db.query(
    `SELECT id, version FROM actors.actor WHERE authority_code = '30' AND archived_at IS NULL AND (siret IS NULL OR siret NOT LIKE '9%') ORDER BY id LIMIT $1`,
    [count],
  );
  const indicators: Array<{ id: string; version: number }> = await db.query(
    `SELECT i.id, i.version FROM plans.indicator i
     WHERE i.baseline_on <= current_date - 60 AND EXISTS (SELECT 1 FROM plans.plan_authority pa WHERE pa.plan_id = i.plan_id AND pa.authority_code = '30')
     ORDER BY i.id LIMIT $1`,
    [count],
  );
  // one actor, one indicator, … : the pool is as long as twice the shorter list (each record once)
  const targets: EditTarget[] = [];
  for (let i = 0; i < Math.min(actors.length, indicators.length); i++) targets.push({ kind: 'actor', ...actors[i] }, { kind: 'indicator', ...indicators[i] });
  return targets;
}
