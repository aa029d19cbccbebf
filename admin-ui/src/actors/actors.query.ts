// The actor list query: one page of actors matching the filters, with the cursor of the next page.
import { gql } from 'urql';
import type { ActorFilter, ActorOrder, InclusionType, LegalFamily, PageInfo } from '../graphql/types';

export interface ActorListItem {
  id: string;
  name: string;
  legalForm: { code: string | null; family: LegalFamily; label: string | null };
  siret: string | null;
  authorityCode: string;
  address: { communeName: string | null; postalCode: string | null };
  inclusionType: InclusionType;
  essMember: boolean;
  esus: { valid: boolean } | null;
  networks: Array<{ id: string; name: string }>;
}

export interface ActorsQueryData {
  actors: {
    edges: Array<{ cursor: string; node: ActorListItem }>;
    pageInfo: PageInfo;
    totalCount: number;
  };
}

export interface ActorsQueryVariables {
  first: number;
  after: string | null;
  filter: ActorFilter;
  orderBy?: ActorOrder;
}

export const ActorsQuery = gql<ActorsQueryData, ActorsQueryVariables>`
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
`;
