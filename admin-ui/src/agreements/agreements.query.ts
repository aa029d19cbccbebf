// The agreements screens' documents: the filtered list, one agreement, the plans to filter on, the SCDL export.
import { graphql, type ResultOf } from '../graphql/tada';
import { HistoryEntryFragment } from '../ui/HistoryPanel';

export const AgreementsQuery = graphql(`
  query Agreements($filter: AgreementFilter, $first: Int!, $after: String) {
    agreements(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        version
        authorityCode
        beneficiaryName
        beneficiarySiret
        object
        amount
        nature
        status
        signedOn
        planId
        actionId
        plan {
          id
          title
        }
        action {
          id
          title
        }
      }
    }
  }
`);

export const AgreementFilterPlansQuery = graphql(`
  query AgreementFilterPlans($filter: PlanFilter) {
    plans(first: 50, filter: $filter) {
      nodes {
        id
        title
      }
    }
  }
`);

export const AgreementQuery = graphql(
  `
    query AgreementDetail($id: ID!) {
      agreement(id: $id) {
        id
        version
        authorityCode
        beneficiaryName
        beneficiarySiret
        beneficiaryRna
        object
        amount
        nature
        paymentTerms
        paymentTermsNote
        signedOn
        startOn
        endOn
        decisionReference
        status
        raeId
        euNotified
        subsidyShare
        aidScheme
        multiFunder
        authority {
          code
          name
        }
        actor {
          id
          name
        }
        plan {
          id
          title
        }
        action {
          id
          title
        }
        instalments {
          id
          dueOn
          amount
          paidOn
        }
        history(first: 20) {
          totalCount
          nodes {
            ...HistoryEntryFields
          }
        }
      }
    }
  `,
  [HistoryEntryFragment],
);

/** Years with signed or closed agreements in the authority's plans: the SCDL export starts on the latest. */
export const ScdlYearsQuery = graphql(`
  query AgreementsScdlYears($authority: String!) {
    plans(first: 50, filter: { authorities: [$authority] }) {
      nodes {
        id
        agreementTotals {
          year
        }
      }
    }
  }
`);

export const AgreementsScdlQuery = graphql(`
  query AgreementsScdl($authority: String!, $year: Int!, $format: ScdlFormat!) {
    agreementsScdl(authority: $authority, year: $year, format: $format)
  }
`);

export type AgreementRow = NonNullable<ResultOf<typeof AgreementsQuery>['agreements']>['nodes'][number];
export type AgreementDetail = NonNullable<ResultOf<typeof AgreementQuery>['agreement']>;
