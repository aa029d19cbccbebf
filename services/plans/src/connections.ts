// The connection types of the lists of this subgraph (Relay: edges, nodes, pageInfo, totalCount).
import { ConnectionType, type RequestContext } from '@ess/kit';
import { Action } from './action/action.entity';
import { Agreement } from './agreement/agreement.entity';
import { Authority, PlanKind } from './authority/authority.entity';
import { PlanEvent } from './event/event.entity';
import { Indicator, IndicatorValue } from './indicator/indicator.entity';
import type { Loaders } from './loaders';
import { Plan } from './plan/plan.entity';

export const AuthorityConnection = ConnectionType(Authority, 'Authority');
export type AuthorityConnection = InstanceType<typeof AuthorityConnection>;
export const PlanKindConnection = ConnectionType(PlanKind, 'PlanKind');
export type PlanKindConnection = InstanceType<typeof PlanKindConnection>;
export const PlanConnection = ConnectionType(Plan, 'Plan');
export type PlanConnection = InstanceType<typeof PlanConnection>;
export const ActionConnection = ConnectionType(Action, 'Action');
export type ActionConnection = InstanceType<typeof ActionConnection>;
export const IndicatorConnection = ConnectionType(Indicator, 'Indicator');
export type IndicatorConnection = InstanceType<typeof IndicatorConnection>;
export const IndicatorValueConnection = ConnectionType(IndicatorValue, 'IndicatorValue');
export type IndicatorValueConnection = InstanceType<typeof IndicatorValueConnection>;
export const AgreementConnection = ConnectionType(Agreement, 'Agreement');
export type AgreementConnection = InstanceType<typeof AgreementConnection>;
export const EventConnection = ConnectionType(PlanEvent, 'Event');
export type EventConnection = InstanceType<typeof EventConnection>;

export type Context = RequestContext<Loaders>;

