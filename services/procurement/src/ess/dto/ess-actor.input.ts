import { Field, ID, InputType } from 'type-graphql';

/**
 * What the registry publishes about one actor: its SIRET, id and ESS status. Checked by the sync service rather than
 * class-validator, so each problem names its entry (`actors.3.siret`) in a batch of thousands.
 */
@InputType({ description: 'What the registry publishes about one actor: its SIRET, id and ESS status.' })
export class EssActorInput {
  @Field({ description: 'SIRET (14 digits).' })
  siret: string;

  @Field(() => ID, { description: 'The registry id of the actor.' })
  actorId: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field({ description: 'Member of the ESS (SIRENE economieSocialeSolidaireUniteLegale = O, or the registry’s decision).' })
  essMember: boolean;

  @Field({ defaultValue: 'NONE', description: 'Inclusion structure type in the registry: NONE, EI, AI, ACI, ETTI, EITI, EA, ESAT, GEIQ.' })
  inclusionType: string;

  @Field(() => Date, { nullable: true, description: 'When the registry last changed the actor: an older message never overwrites a newer one.' })
  updatedAt?: Date | null;

  @Field({ defaultValue: false, description: 'The actor left the registry (or lost this SIRET): forget it.' })
  removed: boolean;
}
