// The actor list query: one page of actors matching the filters, with the cursor of the next page.
import { graphql, type ResultOf, type VariablesOf } from '../graphql/tada';

export const ActorsQuery = graphql(`
  query AdminActors($first: Int, $after: String, $filter: ActorFilter, $orderBy: ActorOrder) {
    actors(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges {
        cursor
        node {
          id
          name
          legalForm {
            code
            family
            label
          }
          siret
          authorityCode
          address {
            communeName
            postalCode
          }
          inclusionType
          essMember
          esus {
            valid
          }
          networks {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export type ActorsQueryData = ResultOf<typeof ActorsQuery>;
export type ActorsQueryVariables = VariablesOf<typeof ActorsQuery>;
export type ActorListItem = NonNullable<ActorsQueryData['actors']>['edges'][number]['node'];
