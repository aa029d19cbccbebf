// The registry's Actor as this subgraph sees it: a reference by SIRET, which is all the DECP says of an awardee.
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Keyed by `siret`, not `id`: contracts name their awardees by SIRET and this subgraph never learns registry ids for
 * most of them (companies outside the ESS are not in the registry's sync). The registry resolves Actor by SIRET too, so
 * the gateway can join an awardee to its registry record, or answer null when the registry does not know the SIRET.
 */
@ObjectType('Actor', { description: 'An ESS structure of the registry (actors subgraph), seen from procurement.' })
@Directive('@key(fields: "siret")')
export class RegistryActor {
  @Field(() => String, { nullable: true, description: 'SIRET (14 digits) of the establishment.' })
  siret: string | null;

  static of(siret: string | null): RegistryActor {
    return Object.assign(new RegistryActor(), { siret });
  }
}
