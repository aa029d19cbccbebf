// The fixed query mixes, each a function of the list size (10 or 100 for the SQL counts).
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
