// Imports actors from INSEE SIRENE rows: idempotent by SIRET, every bad row reported, all or nothing unless asked.
import { assertCanWrite, BadInputError, canWrite, recordAudit, type AuditEntry, type RequestContext } from '@ess/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Actor } from '../actor/actor.entity';
import { ACTOR_VALUE_KEYS, applyActorChanges, valuesOf, type ActorValues } from '../actor/actor.rules';
import { EssStatus } from '../identifiers/codes';
import { departmentProblem } from '@ess/kit';
import type { ActorImportReport, ImportRowError } from './import.types';
import { readSireneCsv } from './sirene-csv';
import { detectLayout, mapRow, type RowProblem, type SireneLayout, type SireneRecord } from './sirene-layout';

/** Rows a CSV sent in a request may hold; larger files (a département's stock) go through an upload job. */
export const MAX_REQUEST_ROWS = 20_000;
/** Rows read, checked and written together: bounds memory and statements whatever the file's size. */
const BATCH = 1000;

export interface ImportOptions {
  authority: string;
  skipInvalidRows: boolean;
  dryRun: boolean;
  /** Refuse the file beyond this many rows (the request path); none for an upload job. */
  maxRows?: number;
}

/** Where a run stands, after each batch: what a job shows as its progress. */
export interface ImportProgress {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

/** Thrown inside the transaction to roll it back (dry run, or bad rows without skipping) and carry the report out. */
class RolledBack {
  constructor(readonly report: ActorImportReport) {}
}

function sameValues(a: ActorValues, b: ActorValues): boolean {
  return JSON.stringify(valuesOf(a)) === JSON.stringify(valuesOf(b));
}

function summary(report: ActorImportReport): string {
  const bad = report.errors.length ? `${new Set(report.errors.map((e) => e.line)).size} invalid row(s)` : 'no invalid row';
  const counts = `${report.rows} row(s): ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged, ${bad}`;
  if (report.dryRun) return `Dry run, nothing written. ${counts}.`;
  if (!report.applied) return `Nothing written: the file has invalid rows (import them with skipInvalidRows to leave them out). ${counts}.`;
  if (report.created + report.updated === 0) return `Nothing changed: the registry already holds these rows. ${counts}.`;
  return `Imported. ${counts}${report.skipped ? `; ${report.skipped} invalid row(s) left out` : ''}.`;
}

export class SireneImportService {
  constructor(private readonly dataSource: DataSource) {}

  /** The request path: a CSV sent as text. */
  importCsv(context: RequestContext, csv: string, options: Omit<ImportOptions, 'maxRows'>): Promise<ActorImportReport> {
    return this.importRows(context, readSireneCsv(csv), { ...options, maxRows: MAX_REQUEST_ROWS });
  }

  /**
   * The import itself, for any source of rows (the request's CSV, an upload job's stream): rows are checked and written
   * batch by batch inside one transaction, which is rolled back at the end for a dry run or when a row is invalid and
   * skipping was not asked, so the counts of a dry run are exactly those of the real run.
   */
  async importRows(
    context: RequestContext,
    rows: AsyncIterable<SireneRecord>,
    options: ImportOptions,
    onProgress?: (progress: ImportProgress) => void | Promise<void>,
  ): Promise<ActorImportReport> {
    const authority = options.authority.trim().toUpperCase();
    const authorityProblem = departmentProblem(authority);
    if (authorityProblem) throw BadInputError.field('authority', authorityProblem);
    assertCanWrite(context, authority);

    try {
      return await this.dataSource.transaction(async (manager) => {
        const report: ActorImportReport = {
          applied: false,
          dryRun: options.dryRun,
          layout: null,
          rows: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          skipped: 0,
          errors: [],
          summary: '',
        };
        const seen = new Map<string, number>();
        const badLines = new Set<number>();
        let layout: SireneLayout | null = null;
        let batch: SireneRecord[] = [];
        const flush = async () => {
          if (!layout || !batch.length) return;
          await this.importBatch(manager, context, authority, layout, batch, seen, report, badLines);
          batch = [];
          const { rows: read, created, updated, unchanged } = report;
          await onProgress?.({ rows: read, created, updated, unchanged, invalid: badLines.size });
        };
        for await (const record of rows) {
          layout ??= report.layout = detectLayout(Object.keys(record.row));
          report.rows++;
          if (options.maxRows && report.rows > options.maxRows) {
            const message = `has more than ${options.maxRows} rows: send a larger file as an upload, which is imported as a job`;
            throw BadInputError.field('csv', message);
          }
          batch.push(record);
          if (batch.length >= BATCH) await flush();
        }
        await flush();
        if (report.rows === 0) throw BadInputError.field('csv', 'has no data rows');
        report.skipped = options.skipInvalidRows ? badLines.size : 0;
        if (options.dryRun || (badLines.size && !options.skipInvalidRows)) {
          report.summary = summary(report);
          throw new RolledBack(report);
        }
        report.applied = true;
        report.summary = summary(report);
        return report;
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.report;
      throw error;
    }
  }

  private async importBatch(
    manager: EntityManager,
    context: RequestContext,
    authority: string,
    layout: SireneLayout,
    batch: SireneRecord[],
    seen: Map<string, number>,
    report: ActorImportReport,
    badLines: Set<number>,
  ): Promise<void> {
    const mapped = batch.map(({ row, line }) => {
      const problems: RowProblem[] = [];
      return { line, problems, ...mapRow(layout, row, problems) };
    });
    const sirets = [...new Set(mapped.map((m) => m.siret).filter((s) => /^\d{14}$/.test(s)))];
    const existing = new Map<string, Actor>();
    if (sirets.length) {
      const found = await manager.getRepository(Actor).find({ where: { siret: In(sirets) }, lock: { mode: 'pessimistic_write' } });
      for (const actor of found) existing.set(actor.siret as string, actor);
    }

    const toCreate: ActorValues[] = [];
    const toUpdate: Array<{ before: Actor; values: ActorValues }> = [];
    for (const { line, problems, changes, siret, columns } of mapped) {
      const rowErrors: ImportRowError[] = problems.map((p) => ({ line, siret: siret || null, column: p.column, message: p.message }));
      const column = (field: string) => columns[field] ?? field;
      if (!siret && !problems.some((p) => p.column === column('siret'))) {
        const message = 'is required: it is how a later import finds the actor again';
        rowErrors.push({ line, siret: null, column: column('siret'), message });
      }
      if (siret && seen.has(siret)) {
        rowErrors.push({ line, siret, column: column('siret'), message: `appears twice in the file (first on line ${seen.get(siret)})` });
      }
      if (siret && !seen.has(siret)) seen.set(siret, line);
      const before = existing.get(siret) ?? null;
      if (before && !canWrite(context.identity, before.authorityCode)) {
        const message = `belongs to an actor of authority ${before.authorityCode}, which you cannot change`;
        rowErrors.push({ line, siret, column: column('siret'), message });
      }
      // SIRENE's empty flag says nothing: it does not undo an ESS status the registry knows.
      if (before && changes.essStatus === EssStatus.UNKNOWN && before.essStatus !== EssStatus.UNKNOWN) delete changes.essStatus;
      const { values, problems: ruleProblems } = applyActorChanges(before, before ? changes : { ...changes, authority });
      for (const p of ruleProblems) rowErrors.push({ line, siret: siret || null, column: column(p.field), message: p.message });
      if (rowErrors.length) {
        report.errors.push(...rowErrors);
        badLines.add(line);
        continue;
      }
      if (!before) toCreate.push(values);
      else if (sameValues(before, values)) report.unchanged++;
      else toUpdate.push({ before, values });
    }
    report.created += toCreate.length;
    report.updated += toUpdate.length;
    await this.write(manager, context, toCreate, toUpdate);
  }

  private async write(
    manager: EntityManager,
    context: RequestContext,
    toCreate: ActorValues[],
    toUpdate: Array<{ before: Actor; values: ActorValues }>,
  ): Promise<void> {
    const audit: AuditEntry[] = [];
    if (toCreate.length) {
      const result = await manager.createQueryBuilder().insert().into(Actor).values(toCreate).returning('id').execute();
      (result.raw as Array<{ id: string }>).forEach((row, index) => {
        audit.push({ entity: 'Actor', entityId: row.id, action: 'import', after: toCreate[index] });
      });
    }
    if (toUpdate.length) {
      // One statement for the batch's updates, not one per row: the values travel as JSON, typed by the entity's columns.
      const metadata = manager.connection.getMetadata(Actor);
      const columns = ACTOR_VALUE_KEYS.map((key) => {
        const column = metadata.findColumnWithPropertyName(key);
        if (!column) throw new Error(`Actor has no column for ${key}`);
        const type = column.isArray ? `${String(column.type)}[]` : String(column.type);
        return { key, name: column.databaseName, type };
      });
      const rows = toUpdate.map(({ before, values }) => {
        const row: Record<string, unknown> = { id: before.id };
        for (const { key, name } of columns) row[name] = values[key];
        return row;
      });
      await manager.query(
        `UPDATE actors.actor a SET ${columns.map((c) => `"${c.name}" = r."${c.name}"`).join(', ')}, version = a.version + 1, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, ${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})
         WHERE a.id = r.id`,
        [JSON.stringify(rows)],
      );
      for (const { before, values } of toUpdate) {
        audit.push({ entity: 'Actor', entityId: before.id, action: 'import', before: valuesOf(before), after: values });
      }
    }
    if (audit.length) await recordAudit(manager, 'actors', context, audit);
  }
}
