// What an SCDL import reports: counts, every refused row with its line, column and reason, the rows it would write.
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ScdlImportOutcome {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(ScdlImportOutcome, {
  name: 'ScdlImportOutcome',
  description: 'What the import does (or would do) with a row of the file.',
});

@ObjectType({ description: 'A problem with a row (or a note about it), and where it is in the file.' })
export class ScdlImportProblem {
  @Field(() => Int, { description: 'Line in the file (the header is line 1).' })
  line: number;

  @Field(() => String, { nullable: true, description: 'SCDL column at fault, when one is.' })
  column: string | null;

  @Field(() => String, { nullable: true, description: 'The value read from the file.' })
  value: string | null;

  @Field()
  message: string;
}

@ObjectType({ description: 'A row of the file as it will be written: the preview of an import.' })
export class ScdlImportPreviewRow {
  @Field(() => Int)
  line: number;

  @Field(() => ScdlImportOutcome)
  outcome: ScdlImportOutcome;

  @Field()
  beneficiaryName: string;

  @Field(() => String, { nullable: true })
  beneficiarySiret: string | null;

  @Field(() => String, { nullable: true })
  beneficiaryRna: string | null;

  @Field(() => ID, { nullable: true, description: 'The registry actor the beneficiary was linked to by its SIRET, if any.' })
  actorId: string | null;

  @Field()
  signedOn: string;

  @Field()
  object: string;

  @Field(() => Float)
  amount: number;
}

@ObjectType({ description: 'What an SCDL import did, or would do (dry run, or refused because of bad rows).' })
export class ScdlImportReport {
  @Field({ description: 'Whether anything was written.' })
  applied: boolean;

  @Field()
  dryRun: boolean;

  @Field({ description: 'Encoding detected: UTF-8 or WINDOWS-1252.' })
  encoding: string;

  @Field({ description: 'Column separator detected: ; or ,' })
  delimiter: string;

  @Field(() => Int, { description: 'Data rows in the file.' })
  rows: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int, { description: 'Rows already imported with the same values (a second run of a file changes nothing).' })
  unchanged: number;

  @Field(() => Int, { description: 'Refused rows left out (only when skipping them was asked).' })
  skipped: number;

  @Field(() => Int, { description: 'Valid rows whose beneficiary is linked to a registry actor by its SIRET.' })
  linked: number;

  @Field(() => [ScdlImportProblem], { description: 'Every refused row, with the column and the reason.' })
  errors: ScdlImportProblem[];

  @Field(() => [ScdlImportProblem], {
    description: 'Valid rows whose beneficiary could not be linked to a registry actor (stored unlinked).',
  })
  unlinked: ScdlImportProblem[];

  @Field(() => [String], { description: 'Columns of the file that are not SCDL 2.1.1 columns, hence not read.' })
  ignoredColumns: string[];

  @Field(() => [ScdlImportPreviewRow], { description: 'The valid rows, in file order (at most the first 500).' })
  preview: ScdlImportPreviewRow[];
}
