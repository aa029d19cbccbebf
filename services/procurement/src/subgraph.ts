// The public procurement and SPASER subgraph: its tables, migrations, schema, loaders and demo data.
import {
  buildFederatedSchema,
  JobQueue,
  jobResolver,
  jobsMigration,
  type SubgraphDefinition,
  type SubgraphJobs,
} from '@ess/kit';
import type { DataSource } from 'typeorm';
import { RegistryActorResolver } from './actor/actor.resolver';
import { Buyer } from './buyer/buyer.entity';
import { BuyerResolver } from './buyer/buyer.resolver';
import { BuyerService } from './buyer/buyer.service';
import { Contract, ContractAwardee, ContractModification } from './contract/contract.entity';
import { ContractAwardeeResolver, ContractModificationResolver, ContractResolver } from './contract/contract.resolver';
import { ContractService } from './contract/contract.service';
import { DecpExportService } from './decp/decp-export.service';
import { DecpImportService } from './decp/decp-import.service';
import { DecpResolver } from './decp/decp.resolver';
import { DECP_IMPORT, decpImportJob, decpUploadRoute } from './decp/decp-job';
import { seedDemoData } from './demo/demo-data';
import { EssActor } from './ess/ess-actor.entity';
import { EssSyncResolver } from './ess/ess-sync.resolver';
import { EssSyncService } from './ess/ess-sync.service';
import { IndicatorsResolver } from './indicators/indicators.resolver';
import { IndicatorsService } from './indicators/indicators.service';
import { createLoaders, type Loaders } from './loaders';
import { CreateProcurement1763900000000 } from './migrations/1763900000000-CreateProcurement';
import { EssFeedState1764100000000 } from './migrations/1764100000000-EssFeedState';
import { ContractSubcontracts1765500000000 } from './migrations/1765500000000-ContractSubcontracts';
import { ContractSummary1765840000000 } from './migrations/1765840000000-ContractSummary';
import { EssFeedPuller, ESS_FEED_PULL, essFeedPullJob } from './ess/ess-feed-puller';
import { EnvReader } from '@ess/kit';
import { IndicatorKind, SpaserObjective, SpaserPlan } from './spaser/spaser.entity';
import { SpaserObjectiveResolver, SpaserPlanResolver } from './spaser/spaser.resolver';
import { SpaserService } from './spaser/spaser.service';
import { TrainingSession } from './training/training.entity';
import { TrainingSessionResolver } from './training/training.resolver';
import { TrainingService } from './training/training.service';
import { resolveActorReference } from './actor/actor.reference';
import { resolveContractReference } from './contract/contract.reference';
import { resolveSpaserPlanReference } from './spaser/spaser-plan.reference';


const ProcurementJobResolver = jobResolver('procurement');

export const procurementSubgraph: SubgraphDefinition<Loaders> = {
  name: 'procurement',
  defaultPort: 4002,
  entities: [Buyer, Contract, ContractModification, ContractAwardee, EssActor, IndicatorKind, SpaserPlan, SpaserObjective, TrainingSession],
  migrations: [
    CreateProcurement1763900000000, EssFeedState1764100000000,
    jobsMigration('procurement'),
    ContractSubcontracts1765500000000,
    ContractSummary1765840000000,
  ],
  // A DECP file larger than the GraphQL body limit is uploaded and imported as a job. With the registry's address known
  // (SUBGRAPH_ACTORS_URL), keep the ESS projection fresh from its feed: a periodic job, so that several replicas pull
  // once per interval between them.
  jobs(dataSource: DataSource): SubgraphJobs {
    const env = new EnvReader();
    const actorsUrl = env.url('SUBGRAPH_ACTORS_URL', { optional: true });
    const secret = env.string('GATEWAY_SECRET', { optional: true });
    const intervalMs = env.int('ESS_SYNC_INTERVAL_MS', { default: 60_000, min: 1000 });
    env.done();
    const imports = { handlers: { [DECP_IMPORT]: decpImportJob(dataSource) }, uploads: { decp: decpUploadRoute } };
    if (!actorsUrl || !secret) return imports;
    const pull = essFeedPullJob(new EssFeedPuller(dataSource, new EssSyncService(dataSource), actorsUrl, secret), intervalMs);
    return { ...imports, handlers: { ...imports.handlers, [ESS_FEED_PULL]: pull.handler }, periodic: [pull.periodic] };
  },
  createLoaders,
  seedDemoData,
  buildSchema(dataSource: DataSource) {
    return buildFederatedSchema({
      resolvers: [
        BuyerResolver,
        ContractResolver,
        ContractModificationResolver,
        ContractAwardeeResolver,
        RegistryActorResolver,
        DecpResolver,
        SpaserPlanResolver,
        SpaserObjectiveResolver,
        TrainingSessionResolver,
        IndicatorsResolver,
        EssSyncResolver,
        ProcurementJobResolver,
      ],
      resolverInstances: [
        new BuyerResolver(new BuyerService(dataSource)),
        new ContractResolver(new ContractService(dataSource)),
        new ContractModificationResolver(),
        new ContractAwardeeResolver(),
        new RegistryActorResolver(),
        new DecpResolver(new DecpImportService(dataSource), new DecpExportService(dataSource)),
        new SpaserPlanResolver(new SpaserService(dataSource)),
        new SpaserObjectiveResolver(),
        new TrainingSessionResolver(new TrainingService(dataSource)),
        new IndicatorsResolver(new IndicatorsService(dataSource)),
        new EssSyncResolver(new EssSyncService(dataSource)),
        new ProcurementJobResolver(new JobQueue(dataSource, 'procurement')),
      ],
      referenceResolvers: {
        Actor: { __resolveReference: resolveActorReference },
        Contract: { __resolveReference: resolveContractReference },
        SpaserPlan: { __resolveReference: resolveSpaserPlanReference },
      },
    });
  },
};
