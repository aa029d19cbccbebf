// The ESS plans subgraph: its tables, migrations, schema, loaders and demo data.
import { buildFederatedSchema, type SubgraphDefinition } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { Action, ActionPartner, Milestone } from './action/action.entity';
import { ActionResolver } from './action/action.resolver';
import { ActionService } from './action/action.service';
import { Agreement, Instalment } from './agreement/agreement.entity';
import { AgreementResolver } from './agreement/agreement.resolver';
import { AgreementService } from './agreement/agreement.service';
import { ScdlExportService } from './agreement/scdl';
import { ScdlImportService } from './agreement/scdl-import';
import { Authority, PlanKind } from './authority/authority.entity';
import { AuthorityResolver } from './authority/authority.resolver';
import { AuthorityService } from './authority/authority.service';
import { Axis } from './axis/axis.entity';
import { AxisResolver } from './axis/axis.resolver';
import { AxisService } from './axis/axis.service';
import { seedDemoData } from './demo/demo-data';
import { PlanEvent } from './event/event.entity';
import { EventResolver } from './event/event.resolver';
import { EventService } from './event/event.service';
import { Indicator, IndicatorValue } from './indicator/indicator.entity';
import { IndicatorResolver } from './indicator/indicator.resolver';
import { IndicatorService } from './indicator/indicator.service';
import { createLoaders, type Loaders } from './loaders';
import { CreatePlans1763800000000 } from './migrations/1763800000000-CreatePlans';
import { SearchPlans1764100000000 } from './migrations/1764100000000-SearchPlans';
import { Idempotency1765100000002 } from './migrations/1765100000002-Idempotency';
import { ScdlConformity1765600000000 } from './migrations/1765600000000-ScdlConformity';
import { DemoSpaserReference1765700000000 } from './migrations/1765700000000-DemoSpaserReference';
import { Plan, PlanAuthority } from './plan/plan.entity';
import { PlanResolver } from './plan/plan.resolver';
import { PlanService } from './plan/plan.service';
import { ActorExtensionResolver } from './references/actor.resolver';
import { CallRef, NetworkRef, SpaserPlanRef } from './references/external.types';
import { AgreementTotalResolver } from './rollup/rollup.resolver';
import { resolveActionReference } from './action/action.reference';
import { resolveActorReference } from './references/actor.reference';
import { resolveAgreementReference } from './agreement/agreement.reference';
import { resolveAuthorityReference } from './authority/authority.reference';
import { resolveAxisReference } from './axis/axis.reference';
import { resolveEventReference } from './event/event.reference';
import { resolveIndicatorReference } from './indicator/indicator.reference';
import { resolvePlanReference } from './plan/plan.reference';


export const plansSubgraph: SubgraphDefinition<Loaders> = {
  name: 'plans',
  defaultPort: 4004,
  entities: [Authority, PlanKind, Plan, PlanAuthority, Axis, Action, ActionPartner, Milestone, Indicator, IndicatorValue, Agreement, Instalment, PlanEvent],
  migrations: [
    CreatePlans1763800000000,
    SearchPlans1764100000000,
    Idempotency1765100000002,
    ScdlConformity1765600000000,
    DemoSpaserReference1765700000000,
  ],
  createLoaders,
  seedDemoData,
  buildSchema(dataSource: DataSource) {
    return buildFederatedSchema({
      resolvers: [AuthorityResolver, PlanResolver, AxisResolver, ActionResolver, IndicatorResolver, AgreementResolver, EventResolver, ActorExtensionResolver, AgreementTotalResolver],
      // Referenced entities of other subgraphs that no field of a resolver returns directly are listed here.
      orphanedTypes: [CallRef, SpaserPlanRef, NetworkRef],
      resolverInstances: [
        new AuthorityResolver(new AuthorityService(dataSource)),
        new PlanResolver(new PlanService(dataSource)),
        new AxisResolver(new AxisService(dataSource)),
        new ActionResolver(new ActionService(dataSource)),
        new IndicatorResolver(new IndicatorService(dataSource)),
        new AgreementResolver(new AgreementService(dataSource), new ScdlExportService(dataSource), new ScdlImportService(dataSource)),
        new EventResolver(new EventService(dataSource)),
        new ActorExtensionResolver(),
        new AgreementTotalResolver(),
      ],
      referenceResolvers: {
        Authority: { __resolveReference: resolveAuthorityReference },
        Plan: { __resolveReference: resolvePlanReference },
        Axis: { __resolveReference: resolveAxisReference },
        Action: { __resolveReference: resolveActionReference },
        Indicator: { __resolveReference: resolveIndicatorReference },
        Agreement: { __resolveReference: resolveAgreementReference },
        Event: { __resolveReference: resolveEventReference },
        Actor: { __resolveReference: resolveActorReference },
      },
    });
  },
};
