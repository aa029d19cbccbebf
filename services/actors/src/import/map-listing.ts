// How an actor appears on the ESS maps it was imported from (GoGoCarto, Carteco): the element id, the map's own category
// labels and its opening hours, public like the map itself.
import { Role, type RequestContext } from '@ess/kit';
import { Authorized, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Actor } from '../actor/actor.entity';
import type { Loaders } from '../loaders';

@ObjectType({ description: 'Opening hours of one day, as the map writes them.' })
export class MapOpeningHours {
  @Field({ description: 'Day as the map names it (GoGoCarto: Mo, Tu, We, Th, Fr, Sa, Su).' })
  day: string;

  @Field({ description: 'e.g. 09:00-12:00 & 14:00-18:00' })
  hours: string;
}

@ObjectType({ description: 'The actor as an element of an ESS map it was imported from.' })
export class MapListing {
  @Field({ description: 'The map, e.g. carteco.' })
  source: string;

  @Field({ description: 'The element’s id on the map.' })
  sourceId: string;

  @Field(() => [String], { description: 'Categories as labelled on the map (the registry’s sectors are on the actor).' })
  categories: string[];

  @Field(() => [MapOpeningHours])
  openingHours: MapOpeningHours[];
}

export interface MapListingRow {
  source: string;
  source_id: string;
  categories: string[];
  open_hours: MapOpeningHours[] | null;
}

export function mapListing(row: MapListingRow): MapListing {
  return { source: row.source, sourceId: row.source_id, categories: row.categories, openingHours: row.open_hours ?? [] };
}

@Resolver(() => Actor)
export class MapListingResolver {
  @Authorized(Role.Public)
  @FieldResolver(() => [MapListing], { description: 'Where the actor appears on ESS maps it was imported from (GoGoCarto, Carteco).' })
  mapListings(@Root() actor: Actor, @Ctx() context: RequestContext<Loaders>): Promise<MapListing[]> {
    return context.loaders.mapListingsByActorIdLoader.load(actor.id);
  }
}
