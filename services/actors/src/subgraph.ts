// The actor registry subgraph: its tables, migrations, schema, loaders and demo data.
import { buildFederatedSchema, JobQueue, jobResolver, jobsMigration, type SubgraphDefinition } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { Actor } from './actor/actor.entity';
import { resolveActorReference } from './actor/actor.reference';
import { ActorResolver } from './actor/actor.resolver';
import { ActorService } from './actor/actor.service';
import { Contact } from './contact/contact.entity';
import { ContactResolver } from './contact/contact.resolver';
import { ContactService } from './contact/contact.service';
import { readActorsConfig, type ActorsConfig } from './config';
import { seedDemoData } from './demo/demo-data';
import { essFeedRoute } from './feed/ess-feed';
import { ImportResolver } from './import/import.resolver';
import { MapImportService } from './import/map-import.service';
import { MapListingResolver } from './import/map-listing';
import { SireneImportService } from './import/sirene-import.service';
import { SIRENE_IMPORT, sireneImportJob, sireneUploadRoute } from './import/sirene-job';
import { createLoaders, type Loaders } from './loaders';
import { CreateRegistry1763780000000 } from './migrations/1763780000000-CreateRegistry';
import { PersonalData1764000000000 } from './migrations/1764000000000-PersonalData';
import { EssStatus1765400000000 } from './migrations/1765400000000-EssStatus';
import { Idempotency1765100000001 } from './migrations/1765100000001-Idempotency';
import { MapSources1765600000001 } from './migrations/1765600000001-MapSources';
import { Network, NetworkMembership } from './network/network.entity';
import { NetworkResolver } from './network/network.resolver';
import { NetworkService } from './network/network.service';
import { PersonalDataAccess } from './personal-data/personal-data-access.entity';
import { PersonalDataResolver } from './personal-data/personal-data.resolver';
import { CONTACT_RETENTION, contactRetentionJob, PersonalDataService } from './personal-data/personal-data.service';
import { resolveNetworkReference } from './network/network.reference';

const ActorsJobResolver = jobResolver('actors');

/** The subgraph with these settings; without them, they are read from the environment when the schema is built. */
export function createActorsSubgraph(config?: ActorsConfig): SubgraphDefinition<Loaders> {
  return {
    name: 'actors',
    defaultPort: 4001,
    entities: [Actor, Network, NetworkMembership, Contact, PersonalDataAccess],
    migrations: [
      CreateRegistry1763780000000,
      PersonalData1764000000000,
      jobsMigration('actors'),
      Idempotency1765100000001,
      EssStatus1765400000000,
      MapSources1765600000001,
    ],
    createLoaders,
    seedDemoData,
    internalRoutes: (dataSource: DataSource) => ({ 'ess-feed': essFeedRoute(dataSource) }),
    // The retention rule applies itself once a day (once across replicas), not only when an admin asks; a SIRENE
    // stock file larger than the GraphQL body limit is uploaded and imported as a job.
    jobs(dataSource: DataSource) {
      const retention = contactRetentionJob(dataSource, config ?? readActorsConfig());
      return {
        handlers: { [CONTACT_RETENTION]: retention.handler, [SIRENE_IMPORT]: sireneImportJob(dataSource) },
        periodic: [retention.periodic],
        uploads: { sirene: sireneUploadRoute },
      };
    },
    buildSchema(dataSource: DataSource) {
      const settings = config ?? readActorsConfig();
      return buildFederatedSchema({
        resolvers: [ActorResolver, NetworkResolver, ContactResolver, ImportResolver, PersonalDataResolver, ActorsJobResolver, MapListingResolver],
        resolverInstances: [
          new ActorResolver(new ActorService(dataSource)),
          new NetworkResolver(new NetworkService(dataSource)),
          new ContactResolver(new ContactService(dataSource)),
          new ImportResolver(new SireneImportService(dataSource), new MapImportService(dataSource)),
          new MapListingResolver(),
          new PersonalDataResolver(new PersonalDataService(dataSource, settings)),
          new ActorsJobResolver(new JobQueue(dataSource, 'actors')),
        ],
        referenceResolvers: {
          Actor: { __resolveReference: resolveActorReference },
          Network: { __resolveReference: resolveNetworkReference },
        },
      });
    },
  };
}

export const actorsSubgraph = createActorsSubgraph();
