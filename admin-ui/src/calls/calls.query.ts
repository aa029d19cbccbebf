// The calls-for-commons screens' typed documents: the list of calls, one call with its applications and envelope, and
// the lifecycle, screening and decision mutations (each selects what the screens show, so graphcache updates them).
import { HistoryEntryFragment } from '../ui/HistoryPanel';
import { graphql, type ResultOf, type VariablesOf } from '../graphql/tada';

export const CALLS_PAGE_SIZE = 50;
/** Applications shown on a call's page; a call gathers a few dozen at most. */
export const APPLICATIONS_PER_CALL = 200;

export const CallsQuery = graphql(`
  query Calls($filter: CallFilter, $first: Int, $after: String) {
    calls(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        authorityCode
        title
        status
        budgetEnvelope
        opensOn
        closesOn
        version
      }
    }
  }
`);
export type CallsQueryVariables = VariablesOf<typeof CallsQuery>;

export const CallQuery = graphql(
  `
    query Call($id: ID!, $applications: Int!) {
      call(id: $id) {
        id
        authorityCode
        title
        description
        status
        minStructures
        acceptedLicences
        supportKinds
        budgetEnvelope
        opensOn
        closesOn
        decisionOn
        version
        challenges {
          id
          title
        }
        criteria {
          id
          label
          maxScore
          weight
        }
        jury {
          id
          name
        }
        applications(first: $applications) {
          totalCount
          nodes {
            id
            callId
            title
            status
            groupSize
            requestedAmount
            ineligibilityReason
            version
            lead {
              id
              name
            }
            partners {
              id
              name
            }
            score {
              score
              reviewCount
            }
            decision {
              id
              accepted
              grantedAmount
            }
          }
        }
        metrics {
          supportGranted {
            kind
            amount
          }
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
export type CallData = NonNullable<ResultOf<typeof CallQuery>['call']>;
export type CallApplication = CallData['applications']['nodes'][number];

export const TransitionCallMutation = graphql(`
  mutation TransitionCall($id: ID!, $version: Int!, $status: CallStatus!) {
    transitionCall(id: $id, version: $version, status: $status) {
      id
      status
      version
    }
  }
`);

export const ScreenApplicationMutation = graphql(`
  mutation ScreenApplication($id: ID!, $version: Int!, $eligible: Boolean!, $reason: String) {
    screenApplication(id: $id, version: $version, eligible: $eligible, reason: $reason) {
      id
      status
      ineligibilityReason
      version
    }
  }
`);

export const DecideApplicationMutation = graphql(`
  mutation DecideApplication($applicationId: ID!, $version: Int!, $input: DecisionInput!) {
    decideApplication(applicationId: $applicationId, version: $version, input: $input) {
      id
      applicationId
      accepted
      grantedAmount
    }
  }
`);

export const CreateCallMutation = graphql(`
  mutation CreateCall($input: CreateCallInput!) {
    createCall(input: $input) {
      id
      title
      status
      version
    }
  }
`);
