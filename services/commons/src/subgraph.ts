// The calls for commons subgraph: its tables, migrations, schema, loaders and demo data.
import { buildFederatedSchema, type SubgraphDefinition } from '@ess/kit';
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


export const commonsSubgraph: SubgraphDefinition<Loaders> = {
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
        new CallResolver(new CallService(dataSource)),
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
