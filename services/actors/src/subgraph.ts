// The actor registry subgraph: its tables, migrations, schema, loaders and demo data.
import { buildFederatedSchema, type SubgraphDefinition } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { Actor } from './actor/actor.entity';
import { resolveActorReference } from './actor/actor.reference';
import { ActorResolver } from './actor/actor.resolver';
import { ActorService } from './actor/actor.service';
import { Contact } from './contact/contact.entity';
import { ContactResolver } from './contact/contact.resolver';
import { ContactService } from './contact/contact.service';
import { seedDemoData } from './demo/demo-data';
import { ImportResolver } from './import/import.resolver';
import { SireneImportService } from './import/sirene-import.service';
import { createLoaders, type Loaders } from './loaders';
import { CreateRegistry1763780000000 } from './migrations/1763780000000-CreateRegistry';
import { Network, NetworkMembership } from './network/network.entity';
import { NetworkResolver } from './network/network.resolver';
import { NetworkService } from './network/network.service';
import type { RequestContext } from '@ess/kit';

export const actorsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'actors',
  defaultPort: 4001,
  entities: [Actor, Network, NetworkMembership, Contact],
  migrations: [CreateRegistry1763780000000],
  createLoaders,
  seedDemoData,
  buildSchema(dataSource: DataSource) {
    return buildFederatedSchema({
      resolvers: [ActorResolver, NetworkResolver, ContactResolver, ImportResolver],
      resolverInstances: [
        new ActorResolver(new ActorService(dataSource)),
        new NetworkResolver(new NetworkService(dataSource)),
        new ContactResolver(new ContactService(dataSource)),
        new ImportResolver(new SireneImportService(dataSource)),
      ],
      referenceResolvers: {
        Actor: { __resolveReference: (ref: { id?: string; siret?: string }, ctx: RequestContext<Loaders>) => resolveActorReference(ref, ctx) },
        Network: { __resolveReference: (ref: { id: string }, ctx: RequestContext<Loaders>) => ctx.loaders.networkByIdLoader.load(ref.id) },
      },
    });
  },
};
