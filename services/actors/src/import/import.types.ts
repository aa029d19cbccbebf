// The report of a SIRENE import: counts, the layout read, and every refused row with its line, column and reason.
import { Field, Int, ObjectType } from 'type-graphql';
import { SireneLayout } from './sirene-layout';

@ObjectType({ description: 'A row of an import that was refused, and why.' })
export class ImportRowError {
  @Field(() => Int, { description: 'Line in the file (the header is line 1).' })
  line: number;

  @Field(() => String, { nullable: true })
  siret: string | null;

  @Field(() => String, { nullable: true, description: 'Column of the file at fault, when one is.' })
  column: string | null;

  @Field()
  message: string;
}

@ObjectType({ description: 'What an import did, or would do (dry run, or refused because of bad rows).' })
export class ActorImportReport {
  @Field({ description: 'Whether anything was written.' })
  applied: boolean;

  @Field()
  dryRun: boolean;

  @Field(() => SireneLayout, { nullable: true, description: 'The SIRENE layout the header was read as.' })
  layout: SireneLayout | null;

  @Field(() => Int)
  rows: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int, { description: 'Bad rows left out (only when skipping bad rows was asked).' })
  skipped: number;

  @Field(() => [ImportRowError])
  errors: ImportRowError[];

  @Field({ description: 'What happened, in one sentence (e.g. "Nothing changed: the registry already holds these rows.").' })
  summary: string;
}
