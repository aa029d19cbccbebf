// The application page's typed documents: one application with its group, its call's criteria and jury, the reviews,
// the decision; and the juror's own review (created once, then edited with its version).
import { HistoryEntryFragment } from '../ui/HistoryPanel';
import { graphql, type ResultOf } from '../graphql/tada';

export const ApplicationQuery = graphql(
  `
    query Application($id: ID!) {
      me {
        user {
          id
        }
      }
      application(id: $id) {
        id
        callId
        title
        description
        proposedCommon
        licence
        requestedAmount
        requestedSkills
        requestedPremises
        requestedEquipment
        status
        ineligibilityReason
        submittedAt
        groupSize
        version
        documents {
          title
          url
        }
        lead {
          id
          name
        }
        partners {
          id
          name
        }
        needs {
          id
          description
        }
        call {
          id
          title
          status
          criteria {
            id
            label
            maxScore
          }
          jury {
            id
            userId
            name
          }
        }
        reviews {
          id
          juryMemberId
          comment
          version
          juror {
            id
            name
          }
          scores {
            criterionId
            score
          }
        }
        score {
          score
          reviewCount
        }
        decision {
          id
          accepted
          reasons
          grantedAmount
          decidedOn
        }
        commons {
          id
          name
          status
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
export type ApplicationData = NonNullable<ResultOf<typeof ApplicationQuery>['application']>;

export const ReviewApplicationMutation = graphql(`
  mutation ReviewApplication($applicationId: ID!, $input: ReviewInput!) {
    reviewApplication(applicationId: $applicationId, input: $input) {
      id
      applicationId
      juryMemberId
      comment
      version
      scores {
        criterionId
        score
      }
    }
  }
`);

export const UpdateReviewMutation = graphql(`
  mutation UpdateReview($id: ID!, $version: Int!, $input: ReviewInput!) {
    updateReview(id: $id, version: $version, input: $input) {
      id
      applicationId
      comment
      version
      scores {
        criterionId
        score
      }
    }
  }
`);
