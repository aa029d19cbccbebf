// Types of the schema the SPA names in its own code, derived from schema/api.graphql (never written by hand).
import type { SchemaType } from './tada';

export type LegalFamily = SchemaType<'LegalFamily'>;
export type InclusionType = SchemaType<'InclusionType'>;
export type StaffRole = SchemaType<'StaffRole'>;
export type PlanStatus = SchemaType<'PlanStatus'>;
export type ActionStatus = SchemaType<'ActionStatus'>;
export type ActorFilter = SchemaType<'ActorFilter'>;
export type ActorOrder = SchemaType<'ActorOrder'>;
export type PlanFilter = SchemaType<'PlanFilter'>;

export const LEGAL_FAMILIES: readonly LegalFamily[] = ['ASSOCIATION', 'COOPERATIVE', 'MUTUAL', 'FOUNDATION', 'ESS_COMPANY', 'OTHER'];
