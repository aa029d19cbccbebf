// Benchmark: loads a generated million contracts into a scratch database and prints the time of each indicator query beside
// a plain full scan of the contracts table; then times the DECP import of a 5 000-record file (create, re-import, update).
//
//   npx tsc -b services/procurement
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node -r esbuild-register services/procurement/test/bench/indicators.bench.ts [contracts]
//
// It runs the compiled subgraph (esbuild emits no decorator metadata, so the sources cannot run under it). The scratch
// database is dropped at the end. Nothing here runs in the test suite.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createDataSource, createScratchDatabase, openDatabase, SYSTEM } from '@ess/kit';
import { DecpImportService, IndicatorsService, procurementSubgraph } from '@ess/procurement';
import { decpFile, decpRecord, siretFor } from '../factories';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const AUTHORITIES = ['30', '26', '07', '13', '34'];

async function time<T>(label: string, run: () => Promise<T>, repeat = 3): Promise<{ label: string; ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { label, ms: Math.round(times[Math.floor(times.length / 2)] * 10) / 10, result: result as T };
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('Set DATABASE_URL to a PostgreSQL server (a scratch database is created on it)');
  const scratch = await createScratchDatabase(server, 'bench_procurement');
  const dataSource = createDataSource({ url: scratch.url, schema: 'procurement', entities: procurementSubgraph.entities, migrations: procurementSubgraph.migrations });
  try {
    await openDatabase(dataSource, 'procurement');
    console.log(`Loading ${TOTAL.toLocaleString('en')} contracts (half of them the Gard's, over 2016–2025)…`);
    const load = performance.now();
    const buyers: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO procurement.buyer (siret, name, authority_code) SELECT s, 'Acheteur ' || a, a FROM unnest($1::text[], $2::text[]) AS t(s, a) RETURNING id`,
      [AUTHORITIES.map((_, i) => siretFor(800 + i)), AUTHORITIES],
    );
    // 50 000 registry SIRETs, one in five an ESS member
    await dataSource.query(
      `INSERT INTO procurement.ess_actor (siret, actor_id, ess_member) SELECT lpad(i::text, 14, '0'), gen_random_uuid(), i % 5 = 0 FROM generate_series(1, 50000) AS i`,
    );
    const chunk = 100_000;
    for (let start = 0; start < TOTAL; start += chunk) {
      const end = Math.min(TOTAL, start + chunk);
      await dataSource.query(
        `INSERT INTO procurement.contract (buyer_id, authority_code, decp_id, nature, object, cpv_code, procedure, duration_months, notified_on, amount, current_amount,
           current_duration_months, social_considerations, environmental_considerations, reserved_basis, insertion_hours_planned, insertion_hours_achieved)
         SELECT ($1::uuid[])[b + 1], ($2::text[])[b + 1], 'B' || i, 'MARCHE', 'Marché ' || i, '45000000-7', 'ADAPTED', 12,
           DATE '2016-01-01' + (i::bigint * 7919 % 3650)::int, 40000 + (i::bigint * 104729 % 2000000), 40000 + (i::bigint * 104729 % 2000000), 12,
           CASE WHEN i % 10 = 0 THEN ARRAY['RESERVED_CONTRACT'] WHEN i % 4 = 0 THEN ARRAY['SOCIAL_CLAUSE'] ELSE ARRAY['NONE'] END,
           CASE WHEN i % 3 = 0 THEN ARRAY['NONE'] ELSE ARRAY['ENVIRONMENTAL_CLAUSE'] END,
           CASE WHEN i % 20 = 0 THEN 'L2113_12' WHEN i % 10 = 0 THEN 'L2113_13' END,
           CASE WHEN i % 4 = 0 THEN 500 END, CASE WHEN i % 4 = 0 THEN 350 END
         FROM (SELECT i, CASE WHEN i % 2 = 0 THEN 0 ELSE 1 + (i / 2) % 4 END AS b FROM generate_series($3::int, $4::int) AS i) g`,
        [buyers.map((b) => b.id), AUTHORITIES, start + 1, end],
      );
      await dataSource.query(
        `INSERT INTO procurement.contract_awardee (contract_id, position, id_type, identifier, is_current)
         SELECT c.id, 0, 'SIRET', lpad((1 + abs(hashtext(c.decp_id)) % 60000)::text, 14, '0'), true
         FROM procurement.contract c WHERE c.decp_id IN (SELECT 'B' || i FROM generate_series($1::int, $2::int) AS i)`,
        [start + 1, end],
      );
      process.stdout.write(`  ${end.toLocaleString('en')}\r`);
    }
    await dataSource.query('VACUUM ANALYZE procurement.contract');
    await dataSource.query('VACUUM ANALYZE procurement.contract_awardee');
    await dataSource.query('VACUUM ANALYZE procurement.ess_actor');
    console.log(`Loaded in ${Math.round((performance.now() - load) / 1000)} s.`);

    const indicators = new IndicatorsService(dataSource);
    const rows = [
      await time('full scan: SELECT count(*) FROM contract', () => dataSource.query('SELECT count(*) FROM procurement.contract')),
      await time('full scan: sum(current_amount) of every contract', () => dataSource.query('SELECT sum(current_amount) FROM procurement.contract')),
    ];
    for (const [authority, year] of [['30', 2025], ['30', 2020], ['26', 2025], ['34', 2016]] as const) {
      rows.push(await time(`procurementIndicators(${authority}, ${year}), 4 statements`, () => indicators.compute(authority, year)));
    }
    const perYear = await dataSource.query(`SELECT count(*)::int AS n FROM procurement.contract WHERE authority_code = '30' AND notified_on >= '2025-01-01' AND notified_on < '2026-01-01'`);
    console.log(`\n${TOTAL.toLocaleString('en')} contracts; the Gard notifies ${perYear[0].n.toLocaleString('en')} a year in this data set.\n`);
    for (const row of rows) console.log(`${String(row.ms).padStart(9)} ms  ${row.label}`);

    // DECP import: one file of 5 000 records, then the same file again, then with a modification on every record
    const importer = new DecpImportService(dataSource);
    const buyer = siretFor(900);
    const records = Array.from({ length: 5000 }, (_, i) => decpRecord(buyer, { id: `IMP-${i}`, montant: 50_000 + i }));
    const context = { identity: SYSTEM, requestId: 'bench', loaders: {} };
    const options = { authority: '30', skipInvalidRecords: false, dryRun: false };
    const json = decpFile(records);
    const modified = decpFile(records.map((r) => ({ ...r, modifications: [{ modification: { id: 1, dateNotificationModification: '2025-09-01', montant: 70_000, datePublicationDonneesModification: '2025-09-05' } }] })));
    console.log(`\nDECP import of 5 000 records (${Math.round(json.length / 1024)} KiB):`);
    for (const [label, file] of [['first import (creates)', json], ['same file again (unchanged)', json], ['with a modification each (updates)', modified]] as const) {
      const start = performance.now();
      const report = await importer.importText(context, file, options);
      const ms = performance.now() - start;
      console.log(`${String(Math.round(ms)).padStart(9)} ms  ${label}: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged} (${Math.round((5000 / ms) * 1000)} records/s)`);
    }
  } finally {
    await dataSource.destroy();
    if (process.env.BENCH_KEEP_DATABASE) console.log(`\nKept ${scratch.url}`);
    else await scratch.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
