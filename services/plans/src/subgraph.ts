// The ESS plans subgraph: its tables, migrations, schema, loaders and demo data.
import { buildFederatedSchema, type RequestContext, type SubgraphDefinition } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { Action, ActionPartner, Milestone } from './action/action.entity';
import { ActionResolver } from './action/action.resolver';
import { ActionService } from './action/action.service';
import { Agreement, Instalment } from './agreement/agreement.entity';
import { AgreementResolver } from './agreement/agreement.resolver';
import { AgreementService } from './agreement/agreement.service';
import { ScdlExportService } from './agreement/scdl';
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
import { DemoSpaserReference1765700000000 } from './migrations/1765700000000-DemoSpaserReference';
import { Plan, PlanAuthority } from './plan/plan.entity';
import { PlanResolver } from './plan/plan.resolver';
import { PlanService } from './plan/plan.service';
import { ActorExtensionResolver } from './references/actor.resolver';
import { actorRef, CallRef, NetworkRef, SpaserPlanRef } from './references/external.types';
import { AgreementTotalResolver } from './rollup/rollup.resolver';

type Context = RequestContext<Loaders>;

export const plansSubgraph: SubgraphDefinition<Loaders> = {
  name: 'plans',
  defaultPort: 4004,
  entities: [Authority, PlanKind, Plan, PlanAuthority, Axis, Action, ActionPartner, Milestone, Indicator, IndicatorValue, Agreement, Instalment, PlanEvent],
  migrations: [CreatePlans1763800000000, SearchPlans1764100000000, DemoSpaserReference1765700000000],
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
        new AgreementResolver(new AgreementService(dataSource), new ScdlExportService(dataSource)),
        new EventResolver(new EventService(dataSource)),
        new ActorExtensionResolver(),
        new AgreementTotalResolver(),
      ],
      referenceResolvers: {
        Authority: { __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.authorityByCodeLoader.load(ref.code) },
        Plan: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.planByIdLoader.load(ref.id) },
        Axis: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.axisByIdLoader.load(ref.id) },
        Action: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.actionByIdLoader.load(ref.id) },
        Indicator: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.indicatorByIdLoader.load(ref.id) },
        Agreement: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.agreementByIdLoader.load(ref.id) },
        Event: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.eventByIdLoader.load(ref.id) },
        // Any registry actor may have agreements or partner actions here: the reference itself is the stub.
        Actor: { __resolveReference: (ref: { id: string }) => actorRef(ref.id) },
      },
    });
  },
};
