// What the DECP import reports and what the export returns.
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

@ObjectType({ description: 'A problem of one record of a DECP file: where it is, which field, which value, and why.' })
export class DecpImportError {
  @Field(() => Int, { description: 'Position of the record in the file’s list of contracts, from 0.' })
  index: number;

  @Field({ description: 'JSON path of the record, e.g. $.marches.marche[3].' })
  path: string;

  @Field(() => String, { nullable: true, description: 'The record’s DECP id, when it has one.' })
  decpId: string | null;

  @Field(() => String, { nullable: true, description: 'The record’s buyer SIRET (acheteur.id), when it has one.' })
  buyerSiret: string | null;

  @Field(() => String, { nullable: true, description: 'DECP field at fault, e.g. montant or titulaires[0].id.' })
  field: string | null;

  @Field(() => String, { nullable: true, description: 'The value found, as text (cut at 100 characters).' })
  value: string | null;

  @Field()
  message: string;
}

@ObjectType({ description: 'What a DECP import did, or would do (dry run, or refused because of bad records).' })
export class DecpImportReport {
  @Field({ description: 'Whether anything was written.' })
  applied: boolean;

  @Field()
  dryRun: boolean;

  @Field(() => Int, { description: 'Contract records found in the file.' })
  records: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int, { description: 'Contracts already known that the file changes (new modifications, corrected fields).' })
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int, { description: 'Bad records left out (only when skipping bad records was asked).' })
  skipped: number;

  @Field(() => Int, { description: 'Concession contracts (contrats de concession) found and not imported: this subgraph follows public contracts.' })
  ignoredConcessions: number;

  @Field(() => Int, { description: 'Records in the older 2019 format (no considerations, formePrix as the price type).' })
  legacyRecords: number;

  @Field(() => Int, { description: 'Buyers created for SIRETs the platform did not know.' })
  buyersCreated: number;

  @Field(() => [DecpImportError])
  errors: DecpImportError[];
}

export enum DecpExportFormat {
  JSON = 'JSON',
  CSV = 'CSV',
}
registerEnumType(DecpExportFormat, { name: 'DecpExportFormat', description: 'JSON in the DECP 2024 shape, or CSV (one line per contract).' });

@ObjectType({ description: 'A DECP file of an authority’s contracts, ready to save.' })
export class DecpExport {
  @Field(() => DecpExportFormat)
  format: DecpExportFormat;

  @Field()
  filename: string;

  @Field()
  contentType: string;

  @Field(() => Int)
  contractCount: number;

  @Field({ description: 'The file itself.' })
  content: string;
}
