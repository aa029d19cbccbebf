// What a GoGoCarto / Carteco map import receives (a person's decisions on proposed matches) and reports.
import { IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum MapImportOutcome {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  UNCHANGED = 'UNCHANGED',
  LINK = 'LINK',
  NEEDS_DECISION = 'NEEDS_DECISION',
  SKIP = 'SKIP',
  INVALID = 'INVALID',
}
registerEnumType(MapImportOutcome, {
  name: 'MapImportOutcome',
  description:
    'CREATE a new actor; UPDATE the actor a previous import linked (UNCHANGED when nothing differs); LINK to an existing actor ' +
    '(same SIRET, or chosen by a person); NEEDS_DECISION: registry actors of the same commune have a similar name, a person ' +
    'chooses; SKIP as decided; INVALID: see the errors.',
});

export enum MapDecisionAction {
  LINK = 'LINK',
  CREATE = 'CREATE',
  SKIP = 'SKIP',
}
registerEnumType(MapDecisionAction, { name: 'MapDecisionAction', description: 'What to do with an element of the map.' });

@InputType({ description: 'A person’s decision for one element of the map (by its id on the map).' })
export class MapImportDecision {
  @Field({ description: 'The element’s id on the map.' })
  @IsString()
  @Length(1, 200)
  sourceId: string;

  @Field(() => MapDecisionAction)
  @IsEnum(MapDecisionAction)
  action: MapDecisionAction;

  @Field(() => ID, { nullable: true, description: 'The registry actor the element is, for LINK.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an actor id' })
  actorId?: string | null;
}

@ObjectType({ description: 'A registry actor that may be the map’s element.' })
export class MapMatchCandidate {
  @Field(() => ID)
  actorId: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  siret: string | null;

  @Field(() => String, { nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true })
  communeName: string | null;

  @Field({ description: 'Why it is proposed: same name and commune, similar name, already on this map under another id.' })
  reason: string;
}

@ObjectType({ description: 'One element of the map and what the import does (or would do) with it.' })
export class MapImportElement {
  @Field(() => Int, { description: 'Position in the file’s list of elements, from 1.' })
  index: number;

  @Field(() => String, { nullable: true })
  sourceId: string | null;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true })
  communeName: string | null;

  @Field(() => MapImportOutcome)
  outcome: MapImportOutcome;

  @Field(() => ID, { nullable: true, description: 'The actor updated or linked (none for a creation before it is applied).' })
  actorId: string | null;

  @Field(() => [MapMatchCandidate], { description: 'Proposed registry actors, best first (NEEDS_DECISION).' })
  candidates: MapMatchCandidate[];

  @Field(() => [String], { description: 'The map’s categories, as labelled on the map.' })
  categories: string[];

  @Field(() => [String], { description: 'Registry sectors the categories map to.' })
  sectors: string[];

  @Field({ description: 'Whether the element has an email or phone (stored as a contact, personal data).' })
  hasContact: boolean;
}

@ObjectType({ description: 'A problem with an element of the map.' })
export class MapImportProblem {
  @Field(() => Int)
  index: number;

  @Field(() => String, { nullable: true })
  sourceId: string | null;

  @Field(() => String, { nullable: true, description: 'Attribute of the element at fault (geo.latitude, address.postalCode, …).' })
  field: string | null;

  @Field()
  message: string;
}

@ObjectType({ description: 'What a map import did, or would do: the preview lists every element with its outcome.' })
export class MapImportReport {
  @Field({ description: 'Whether anything was written.' })
  applied: boolean;

  @Field()
  dryRun: boolean;

  @Field({ description: 'The map’s name, which the element ids belong to.' })
  source: string;

  @Field(() => Int)
  elements: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int, { description: 'Elements linked to an existing actor this time (by SIRET or by decision).' })
  linked: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int, { description: 'Elements skipped by decision, or left out because invalid or undecided (when skipping was asked).' })
  skipped: number;

  @Field(() => Int, { description: 'Elements waiting for a person’s decision: nothing is written while any waits, unless skipping.' })
  needsDecision: number;

  @Field(() => [MapImportProblem])
  errors: MapImportProblem[];

  @Field(() => [String], { description: 'Category labels of the map with no registry sector: kept as labels, no sector added.' })
  unmappedCategories: string[];

  @Field(() => [MapImportElement])
  items: MapImportElement[];
}
