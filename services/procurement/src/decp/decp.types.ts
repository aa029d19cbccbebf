// What the DECP import reports and what the export returns.
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

@ObjectType({
  description: 'A problem (or, in warnings, a remark) on one record of a DECP file: where it is, which field, which value, and why.',
})
export class DecpImportError {
  @Field(() => Int, { description: 'Position of the record in the file’s list of contracts, from 0.' })
  index: number;

  @Field({ description: 'Path of the record, e.g. $.marches.marche[3] (for XML, the same path over its elements).' })
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

  @Field(() => Int, { description: 'Marché records found in the file (concessions and records that are neither are counted apart).' })
  records: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int, { description: 'Contracts already known that the file changes (new modifications, corrected fields).' })
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int, { description: 'Bad records left out (only when skipping bad records was asked).' })
  skipped: number;

  @Field(() => Int, {
    description:
      'Concession contracts (contrats de concession) found and not imported, each listed in warnings: this subgraph follows marchés.',
  })
  ignoredConcessions: number;

  @Field(() => Int, { description: 'Records in the older 2019 format (no considerations, formePrix as the price type).' })
  legacyRecords: number;

  @Field(() => Int, { description: 'Buyers created for SIRETs the platform did not know.' })
  buyersCreated: number;

  @Field({ description: 'What the run did in one sentence, e.g. "Nothing to change: 12 contract(s) of the file are already up to date."' })
  summary: string;

  @Field(() => [DecpImportError], {
    description: 'Records refused, one entry per problem; records that are neither marché nor concession are here too.',
  })
  errors: DecpImportError[];

  @Field(() => [DecpImportError], {
    description:
      'What was accepted with a remark: concessions set aside, fields completed (completeMissing), new buyers, ' +
      'places in another département.',
  })
  warnings: DecpImportError[];
}

export enum DecpExportFormat {
  JSON = 'JSON',
  XML = 'XML',
  CSV = 'CSV',
}
registerEnumType(DecpExportFormat, {
  name: 'DecpExportFormat',
  description: 'JSON in the DECP 2024 shape, XML (its XML variant, schema 2.0.2), or CSV (one line per contract).',
});

@ObjectType({ description: 'A contract the export left out because the DECP 2024 format requires fields it lacks.' })
export class DecpExportOmission {
  @Field()
  contractId: string;

  @Field()
  decpId: string;

  @Field(() => [String], { description: 'DECP names of the missing fields, e.g. formePrix.' })
  missing: string[];
}

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

  @Field(() => [DecpExportOmission], {
    description: 'Contracts left out of a JSON or XML file because they lack fields the format requires (a published file must validate).',
  })
  omitted: DecpExportOmission[];
}
