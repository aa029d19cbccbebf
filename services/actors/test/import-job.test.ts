// The SIRENE import job's handler on its own: statements bounded by batches whatever the rows, the report as its
// result, a refused file failing with BAD_USER_INPUT and the report, a cancelled run rolled back.
import { JobFailure, statementTally, type JobContext, type JobRecord } from '@ess/kit';
import { staff, startTestSubgraph, type TestSubgraph } from '@ess/kit/testing';
import { actorsSubgraph } from '../src';
import { sireneImportJob } from '../src/import/sirene-job';
import { countRows, siretFor, sireneCsv } from './factories';

const COLUMNS = [
  'siret',
  'denominationUniteLegale',
  'categorieJuridiqueUniteLegale',
  'codeCommuneEtablissement',
  'etatAdministratifUniteLegale',
];

function file(count: number, first: number, overrides: Record<number, Record<string, string>> = {}): Buffer {
  const rows = Array.from({ length: count }, (_, i) => ({
    siret: siretFor(first + i),
    denominationUniteLegale: `Structure ${first + i}`,
    categorieJuridiqueUniteLegale: '9220',
    codeCommuneEtablissement: '30189',
    etatAdministratifUniteLegale: 'A',
    ...overrides[i],
  }));
  return Buffer.from(sireneCsv(COLUMNS, rows), 'utf8');
}

describe('the SIRENE import job', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(actorsSubgraph);
  });
  afterAll(() => subgraph?.close());

  /** Runs the handler as the runner would, on this body, counting its SQL statements. */
  async function run(body: Buffer, payload: Record<string, unknown>, abort = new AbortController(), abortAfterFirstBatch = false) {
    const progress: Array<{ done: number; total?: number | null; phase?: string | null }> = [];
    const job = {
      id: 'j',
      payload: { authority: '30', dryRun: false, skipInvalidRows: false, ...payload },
      uploadBytes: body.length,
    } as JobRecord<never>;
    const context = {
      job,
      identity: staff('editor', ['30']),
      requestId: 'job:j',
      signal: abort.signal,
      progress: (update) => {
        progress.push(update);
        if (abortAfterFirstBatch && update.phase === 'rows' && update.done > 0) abort.abort();
      },
      // the body in 64 KiB chunks, as the runner reads them back (rows cut anywhere)
      async *upload() {
        for (let at = 0; at < body.length; at += 65_536) yield body.subarray(at, at + 65_536);
      },
    } as JobContext<never>;
    const tally = { count: 0 };
    const outcome = await statementTally.run(tally, () => sireneImportJob(subgraph.dataSource)(context).then(
      (result) => ({ result, failure: null as JobFailure | null }),
      (error: unknown) => {
        if (error instanceof JobFailure) return { result: error.result, failure: error };
        throw error;
      },
    ));
    return { ...outcome, statements: tally.count, progress };
  }

  it('writes 3 000 or 6 000 rows with statements that grow by batch of 1 000, never by row', async () => {
    const small = await run(file(3000, 1_000_000), {});
    const large = await run(file(6000, 2_000_000), {});
    expect(small.result).toMatchObject({ applied: true, created: 3000 });
    expect(large.result).toMatchObject({ applied: true, created: 6000 });
    const perBatch = (large.statements - small.statements) / 3;
    expect(Number.isInteger(perBatch)).toBe(true);
    expect(perBatch).toBeLessThanOrEqual(4); // lock-read, insert, audit (+ an update when rows change): 3 measured
    expect(large.statements).toBeLessThan(40);
    // progress in bytes of the file, ending at its size
    expect(large.progress.at(-1)).toEqual({ done: file(6000, 2_000_000).length, total: file(6000, 2_000_000).length, phase: 'done' });
    expect(large.progress.filter((p) => p.phase === 'rows').length).toBeGreaterThanOrEqual(6);
  });

  it('a dry run writes nothing and reports what the run would do', async () => {
    const before = await countRows(subgraph.dataSource, 'actor');
    const audited = await countRows(subgraph.dataSource, 'audit_log');
    const dry = await run(file(1200, 3_000_000), { dryRun: true });
    expect(dry).toMatchObject({ failure: null, result: { applied: false, dryRun: true, created: 1200 } });
    expect(await countRows(subgraph.dataSource, 'actor')).toBe(before);
    expect(await countRows(subgraph.dataSource, 'audit_log')).toBe(audited);
  });

  it('a refused file fails with BAD_USER_INPUT and the report; nothing written', async () => {
    const before = await countRows(subgraph.dataSource, 'actor');
    const refused = await run(file(1500, 4_000_000, { 1200: { siret: '123' } }), {});
    expect(refused.failure?.code).toBe('BAD_USER_INPUT');
    expect(refused.result).toMatchObject({ applied: false, rows: 1500, errors: [{ line: 1202, column: 'siret' }] });
    expect(await countRows(subgraph.dataSource, 'actor')).toBe(before);
  });

  it('a run cancelled after its first batch rolls back the batch already written', async () => {
    const before = await countRows(subgraph.dataSource, 'actor');
    await expect(run(file(3000, 5_000_000), {}, new AbortController(), true)).rejects.toThrow();
    expect(await countRows(subgraph.dataSource, 'actor')).toBe(before);
  });
});
