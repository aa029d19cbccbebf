// Types of the supergraph that the admin SPA uses, written by hand from schema/supergraph.graphql.
// When the SPA grows, generate them instead (gql.tada or the graphql-codegen client preset).

export type LegalFamily = 'ASSOCIATION' | 'COOPERATIVE' | 'MUTUAL' | 'FOUNDATION' | 'ESS_COMPANY' | 'OTHER';

export const LEGAL_FAMILIES: readonly LegalFamily[] = ['ASSOCIATION', 'COOPERATIVE', 'MUTUAL', 'FOUNDATION', 'ESS_COMPANY', 'OTHER'];

export type InclusionType = 'NONE' | 'EI' | 'AI' | 'ACI' | 'ETTI' | 'EITI' | 'EA' | 'ESAT' | 'GEIQ';

export interface ActorFilter {
  search?: string;
  authorities?: string[];
  legalFamilies?: LegalFamily[];
  inclusionTypes?: InclusionType[];
  essMember?: boolean;
  esus?: boolean;
  networkId?: string;
  communeCodes?: string[];
  sector?: string;
  includeArchived?: boolean;
}

export interface ActorOrder {
  field: 'NAME' | 'CREATED_AT' | 'UPDATED_AT';
  direction: 'ASC' | 'DESC';
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export type StaffRole = 'ADMIN' | 'EDITOR' | 'VIEWER';

export type PlanStatus = 'DRAFT' | 'ADOPTED' | 'IN_PROGRESS' | 'CLOSED';

export type ActionStatus = 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'SUSPENDED' | 'CANCELLED';

export interface PlanFilter {
  authorities?: string[];
  statuses?: PlanStatus[];
  kinds?: string[];
}
