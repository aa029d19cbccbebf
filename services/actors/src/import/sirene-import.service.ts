// Imports actors from a CSV with INSEE SIRENE column names: idempotent by SIRET, every bad row reported, all or nothing.
import { BadInputError, canWrite, recordAudit, type AuditEntry, type RequestContext, assertCanWrite } from '@ess/kit';
import { parse } from 'csv-parse/sync';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Actor } from '../actor/actor.entity';
import { applyActorChanges, valuesOf, type ActorChanges, type ActorValues } from '../actor/actor.rules';
import { ActorStatus } from '../identifiers/codes';
import { compactDigits, departmentProblem } from '../identifiers/identifiers';
import type { ActorImportReport, ImportRowError } from './import.types';

export const MAX_IMPORT_ROWS = 20_000;
const INSERT_CHUNK = 500;

/** Which SIRENE column feeds which field, for error messages that name the file's own column. */
const COLUMN_OF_FIELD: Record<string, string> = {
  name: 'denominationUniteLegale',
  siren: 'siren',
  siret: 'siret',
  legalFormCode: 'categorieJuridiqueUniteLegale',
  legalFamily: 'categorieJuridiqueUniteLegale',
  nafCode: 'activitePrincipaleUniteLegale',
  headcountBand: 'trancheEffectifsUniteLegale',
  essMember: 'economieSocialeSolidaireUniteLegale',
  communeCode: 'codeCommuneEtablissement',
  postalCode: 'codePostalEtablissement',
  rna: 'identifiantAssociationUniteLegale',
  status: 'etatAdministratifUniteLegale',
  latitude: 'latitude',
  longitude: 'longitude',
};

type Row = Record<string, string | undefined>;

function flag(value: string | undefined, column: string, problems: ImportRowError[], line: number): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toUpperCase();
  if (v === 'O' || v === 'OUI' || v === 'TRUE' || v === '1') return true;
  if (v === 'N' || v === 'NON' || v === 'FALSE' || v === '0') return false;
  problems.push({ line, siret: null, column, message: `must be O or N, got "${value}"` });
  return undefined;
}

function number(value: string | undefined, column: string, problems: ImportRowError[], line: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n)) {
    problems.push({ line, siret: null, column, message: `must be a number, got "${value}"` });
    return undefined;
  }
  return n;
}

/** Reads one CSV row into the changes it asks for; problems of format are collected with the row's line. */
export function rowToChanges(row: Row, line: number, problems: ImportRowError[]): ActorChanges {
  const street = [row.numeroVoieEtablissement, row.indiceRepetitionEtablissement, row.typeVoieEtablissement, row.libelleVoieEtablissement]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  const state = (row.etatAdministratifEtablissement || row.etatAdministratifUniteLegale)?.trim().toUpperCase();
  if (state && state !== 'A' && state !== 'C' && state !== 'F') problems.push({ line, siret: null, column: 'etatAdministratifUniteLegale', message: `must be A or C, got "${state}"` });
  const changes: ActorChanges = {
    name: row.denominationUniteLegale?.trim() || row.denominationUsuelle1UniteLegale?.trim() || row.enseigne1Etablissement?.trim() || undefined,
    siren: row.siren,
    siret: row.siret,
    legalFormCode: row.categorieJuridiqueUniteLegale,
    nafCode: row.activitePrincipaleUniteLegale,
    headcountBand: row.trancheEffectifsUniteLegale,
    essMember: flag(row.economieSocialeSolidaireUniteLegale, 'economieSocialeSolidaireUniteLegale', problems, line),
    communeCode: row.codeCommuneEtablissement,
    communeName: row.libelleCommuneEtablissement,
    postalCode: row.codePostalEtablissement,
    rna: row.identifiantAssociationUniteLegale,
    status: state ? (state === 'A' ? ActorStatus.ACTIVE : ActorStatus.CEASED) : undefined,
    latitude: number(row.latitude, 'latitude', problems, line),
    longitude: number(row.longitude, 'longitude', problems, line),
  };
  if (street) changes.street = street;
  // Columns absent from the file change nothing; present but empty ones clear the field (handled by the rules).
  for (const key of Object.keys(changes) as Array<keyof ActorChanges>) if (changes[key] === undefined) delete changes[key];
  return changes;
}

function sameValues(a: ActorValues, b: ActorValues): boolean {
  return JSON.stringify(valuesOf(a)) === JSON.stringify(valuesOf(b));
}

export interface ImportOptions {
  authority: string;
  skipInvalidRows: boolean;
  dryRun: boolean;
}

export class SireneImportService {
  constructor(private readonly dataSource: DataSource) {}

  async importCsv(context: RequestContext, csv: string, options: ImportOptions): Promise<ActorImportReport> {
    const authority = options.authority.trim().toUpperCase();
    const authorityProblem = departmentProblem(authority);
    if (authorityProblem) throw BadInputError.field('authority', authorityProblem);
    assertCanWrite(context, authority);

    const records = this.parse(csv);
    const errors: ImportRowError[] = [];
    const sirets = records.map(({ row }) => (row.siret ? compactDigits(row.siret) : '')).filter((s) => /^\d{14}$/.test(s));

    return this.dataSource.transaction(async (manager) => {
      const existing = new Map<string, Actor>();
      for (let i = 0; i < sirets.length; i += 5000) {
        const found = await manager.getRepository(Actor).find({ where: { siret: In(sirets.slice(i, i + 5000)) }, lock: { mode: 'pessimistic_write' } });
        for (const actor of found) existing.set(actor.siret as string, actor);
      }

      const toCreate: Array<{ line: number; values: ActorValues }> = [];
      const toUpdate: Array<{ line: number; before: Actor; values: ActorValues }> = [];
      const seen = new Map<string, number>();
      let unchanged = 0;
      const badLines = new Set<number>();

      for (const { row, line } of records) {
        const rowProblems: ImportRowError[] = [];
        const changes = rowToChanges(row, line, rowProblems);
        const siret = changes.siret ? compactDigits(changes.siret) : '';
        if (!siret) rowProblems.push({ line, siret: null, column: 'siret', message: 'is required: it is how a later import finds the actor again' });
        const before = existing.get(siret) ?? null;
        if (siret && seen.has(siret)) rowProblems.push({ line, siret, column: 'siret', message: `appears twice in the file (first on line ${seen.get(siret)})` });
        if (siret) seen.set(siret, seen.get(siret) ?? line);
        if (before && !canWrite(context.identity, before.authorityCode)) {
          rowProblems.push({ line, siret, column: 'siret', message: `belongs to an actor of authority ${before.authorityCode}, which you cannot change` });
        }
        const { values, problems } = applyActorChanges(before, before ? changes : { ...changes, authority });
        for (const problem of problems) rowProblems.push({ line, siret: siret || null, column: COLUMN_OF_FIELD[problem.field] ?? problem.field, message: problem.message });
        if (rowProblems.length) {
          for (const problem of rowProblems) errors.push({ ...problem, siret: problem.siret ?? (siret || null) });
          badLines.add(line);
          continue;
        }
        if (!before) toCreate.push({ line, values });
        else if (sameValues(before, values as Actor)) unchanged++;
        else toUpdate.push({ line, before, values });
      }

      const report: ActorImportReport = {
        applied: false,
        dryRun: options.dryRun,
        rows: records.length,
        created: toCreate.length,
        updated: toUpdate.length,
        unchanged,
        skipped: options.skipInvalidRows ? badLines.size : 0,
        errors,
      };
      if (options.dryRun || (errors.length && !options.skipInvalidRows)) return report;

      await this.write(manager, context, toCreate, toUpdate);
      report.applied = true;
      return report;
    });
  }

  private parse(csv: string): Array<{ row: Row; line: number }> {
    const text = csv.replace(/^\uFEFF/, '');
    const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    let parsed: Array<{ record: Row; info: { lines: number } }>;
    try {
      parsed = parse(text, { columns: true, delimiter, skip_empty_lines: true, trim: true, info: true, relax_column_count: false, bom: true });
    } catch (error) {
      const e = error as { message: string; lines?: number };
      throw BadInputError.field('csv', `is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${e.message}`);
    }
    if (parsed.length === 0) throw BadInputError.field('csv', 'has no data rows');
    if (parsed.length > MAX_IMPORT_ROWS) throw BadInputError.field('csv', `has ${parsed.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`);
    const columns = Object.keys(parsed[0].record);
    if (!columns.includes('siret')) throw BadInputError.field('csv', 'needs a siret column (SIRENE column names: siret, denominationUniteLegale, …)');
    if (!columns.some((c) => ['denominationUniteLegale', 'denominationUsuelle1UniteLegale', 'enseigne1Etablissement'].includes(c))) {
      throw BadInputError.field('csv', 'needs a denominationUniteLegale column for the name');
    }
    return parsed.map(({ record, info }) => ({ row: record, line: info.lines }));
  }

  private async write(
    manager: EntityManager,
    context: RequestContext,
    toCreate: Array<{ values: ActorValues }>,
    toUpdate: Array<{ before: Actor; values: ActorValues }>,
  ): Promise<void> {
    const audit: AuditEntry[] = [];
    for (let i = 0; i < toCreate.length; i += INSERT_CHUNK) {
      const chunk = toCreate.slice(i, i + INSERT_CHUNK);
      const result = await manager.createQueryBuilder().insert().into(Actor).values(chunk.map((c) => c.values)).returning('id').execute();
      (result.raw as Array<{ id: string }>).forEach((row, index) => audit.push({ entity: 'Actor', entityId: row.id, action: 'import', after: chunk[index].values }));
    }
    for (const { before, values } of toUpdate) {
      await manager.createQueryBuilder().update(Actor).set({ ...values, version: () => 'version + 1' }).where('id = :id', { id: before.id }).execute();
      audit.push({ entity: 'Actor', entityId: before.id, action: 'import', before: valuesOf(before), after: values });
    }
    for (let i = 0; i < audit.length; i += 2000) await recordAudit(manager, 'actors', context, audit.slice(i, i + 2000));
  }
}
