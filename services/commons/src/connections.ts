// The connection types of the lists of this subgraph (Relay: edges, nodes, pageInfo, totalCount).
import { ConnectionType, type RequestContext } from '@ess/kit';
import { Application, ApplicationStatus } from './application/application.entity';
import { Call } from './call/call.entity';
import { Common } from './common/common.entity';
import type { Loaders } from './loaders';
import { Need, Workshop } from './workshop/workshop.entity';

export const CallConnection = ConnectionType(Call, 'Call');
export type CallConnection = InstanceType<typeof CallConnection>;
export const WorkshopConnection = ConnectionType(Workshop, 'Workshop');
export type WorkshopConnection = InstanceType<typeof WorkshopConnection>;
export const NeedConnection = ConnectionType(Need, 'Need');
export type NeedConnection = InstanceType<typeof NeedConnection>;
export const ApplicationConnection = ConnectionType(Application, 'Application');
export type ApplicationConnection = InstanceType<typeof ApplicationConnection>;
export const CommonConnection = ConnectionType(Common, 'Common');
export type CommonConnection = InstanceType<typeof CommonConnection>;

export type Context = RequestContext<Loaders>;

/** Whether the caller sees draft applications: staff and the system do; the public and partners see submitted ones only. */
export function seesDrafts(context: Context): boolean {
  return context.identity.kind === 'staff' || context.identity.kind === 'system';
}

/** The statuses a nested list of applications keeps for the caller (undefined: all), sorted so equal filters batch together. */
export function visibleStatuses(context: Context, statuses: readonly ApplicationStatus[] | null | undefined): { statuses: ApplicationStatus[] } | undefined {
  const asked = statuses?.length ? [...statuses] : null;
  if (seesDrafts(context)) return asked ? { statuses: asked.sort() } : undefined;
  const allowed = (asked ?? Object.values(ApplicationStatus)).filter((s) => s !== ApplicationStatus.DRAFT);
  return { statuses: allowed.sort() };
}
