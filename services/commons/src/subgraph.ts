// The calls for commons subgraph: its tables, migrations, schema, loaders and demo data.
import { AccessStaffDirectory, buildFederatedSchema, EnvReader } from '@ess/kit';
import type { StaffDirectory, SubgraphDefinition } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { Application, ApplicationMember, ApplicationNeed, Decision, Review, ReviewScore } from './application/application.entity';
import { ApplicationResolver, ReviewResolver } from './application/application.resolver';
import { ApplicationService } from './application/application.service';
import { Call, Challenge, Criterion, JuryMember } from './call/call.entity';
import { CallResolver } from './call/call.resolver';
import { CallService } from './call/call.service';
import { Common, CommonMaintainer, CommonMilestone, CommonReuse } from './common/common.entity';
import { CommonResolver, CommonReuseResolver } from './common/common.resolver';
import { CommonService } from './common/common.service';
import { seedDemoData } from './demo/demo-data';
import { createLoaders, type Loaders } from './loaders';
import { CreateCommons1764300000000 } from './migrations/1764300000000-CreateCommons';
import { ActorExtensionResolver } from './references/actor.resolver';
import { Need, Workshop, WorkshopParticipant } from './workshop/workshop.entity';
import { NeedResolver, WorkshopResolver } from './workshop/workshop.resolver';
import { WorkshopService } from './workshop/workshop.service';
import { resolveActorReference } from './references/actor.reference';
import { resolveApplicationReference } from './application/application.reference';
import { resolveCallReference } from './call/call.reference';
import { resolveCommonReference } from './common/common.reference';


/**
 * Where jurors are checked: the access subgraph (SUBGRAPH_ACCESS_URL, signed with GATEWAY_SECRET), read at the first
 * use so that building the schema (npm run schema) needs neither. Unset, adding a juror fails (masked, logged).
 */
class StaffDirectoryFromEnv implements StaffDirectory {
  private directory: StaffDirectory | undefined;
  find(userId: string) {
    if (!this.directory) {
      const env = new EnvReader();
      const url = env.url('SUBGRAPH_ACCESS_URL', { optional: true });
      const secret = env.string('GATEWAY_SECRET', { optional: true });
      env.done();
      if (!url || !secret) throw new Error('SUBGRAPH_ACCESS_URL and GATEWAY_SECRET are needed to check jurors');
      this.directory = new AccessStaffDirectory(url, secret);
    }
    return this.directory.find(userId);
  }
}

/** The commons subgraph; tests pass their own staff directory. */
export function createCommonsSubgraph(options: { staffDirectory?: StaffDirectory } = {}): SubgraphDefinition<Loaders> {
  const staffDirectory = options.staffDirectory ?? new StaffDirectoryFromEnv();
  return {
    name: 'commons',
    defaultPort: 4003,
    entities: [Call, Challenge, Criterion, JuryMember, Workshop, WorkshopParticipant, Need, Application, ApplicationMember, ApplicationNeed, Review, ReviewScore, Decision, Common, CommonMaintainer, CommonMilestone, CommonReuse],
    migrations: [CreateCommons1764300000000],
    createLoaders,
    seedDemoData,
    buildSchema(dataSource: DataSource) {
      const workshops = new WorkshopService(dataSource);
      const applications = new ApplicationService(dataSource);
      const commons = new CommonService(dataSource);
      return buildFederatedSchema({
        resolvers: [CallResolver, WorkshopResolver, NeedResolver, ApplicationResolver, ReviewResolver, CommonResolver, CommonReuseResolver, ActorExtensionResolver],
        resolverInstances: [
          new CallResolver(new CallService(dataSource, staffDirectory)),
          new WorkshopResolver(workshops),
          new NeedResolver(workshops),
          new ApplicationResolver(applications),
          new ReviewResolver(),
          new CommonResolver(commons),
          new CommonReuseResolver(),
          new ActorExtensionResolver(),
        ],
        referenceResolvers: {
          Call: { __resolveReference: resolveCallReference },
          Application: { __resolveReference: resolveApplicationReference },
          Common: { __resolveReference: resolveCommonReference },
          Actor: { __resolveReference: resolveActorReference },
        },
      });
    },
  };
}

export const commonsSubgraph = createCommonsSubgraph();
