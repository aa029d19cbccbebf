// Data generator: adds generated rows on top of the demo data, deterministic from a seed (no random(): every value and id
// derives from the seed and the row number), with set-based SQL (INSERT … SELECT generate_series), never row by row.
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';

export interface Size {
  name: 'demo' | 'medium' | 'large';
  actors: number;
  contracts: number;
  applications: number;
  actions: number;
}

export const SIZES: Record<Size['name'], Size> = {
  demo: { name: 'demo', actors: 0, contracts: 0, applications: 0, actions: 0 },
  medium: { name: 'medium', actors: 10_000, contracts: 100_000, applications: 2_000, actions: 500 },
  large: { name: 'large', actors: 100_000, contracts: 1_000_000, applications: 20_000, actions: 500 },
};

export interface LoadReport {
  size: Size['name'];
  seconds: number;
  rows: Record<string, number>;
}

const AUTHORITIES = ['30', '26', '07'];
const WORDS = ['insertion', 'recyclerie', 'alimentation', 'mobilité', 'culture', 'habitat', 'énergie', 'numérique', 'santé', 'jeunesse', 'tourisme', 'agriculture'];
const COMMUNES = ['Nîmes', 'Alès', 'Valence', 'Privas', 'Aubenas', 'Montélimar', 'Bagnols-sur-Cèze', 'Uzès', 'Romans-sur-Isère', 'Annonay'];

/** SQL for a deterministic pseudo-random integer in [0, n) from the seed, a salt and the row number `i`. */
const rnd = (seed: number, salt: string, n: number | string, i = 'i') => `(abs(hashtext('${seed}:${salt}:' || ${i}))::bigint % ${n})`;
/** SQL for a deterministic uuid from the seed, a salt and the row number. */
const uuid = (seed: number, salt: string, i = 'i') => `md5('${seed}:${salt}:' || ${i})::uuid`;
/** Generated actors' SIRET: 14 digits starting with 9 (the demo data uses none), unique by row number. */
const siret = (i: string) => `'9' || lpad((${i})::text, 13, '0')`;

async function chunked(total: number, chunk: number, run: (from: number, to: number) => Promise<unknown>): Promise<void> {
  for (let from = 1; from <= total; from += chunk) await run(from, Math.min(total, from + chunk - 1));
}

export async function generate(db: DataSource, size: Size, seed: number): Promise<LoadReport> {
  const start = performance.now();
  if (size.actors > 0) {
    // actors: one in six without SIRET; names and descriptions from a small vocabulary so that search finds some
    await chunked(size.actors, 50_000, (from, to) =>
      db.query(
        `INSERT INTO actors.actor (id, name, legal_family, siret, ess_status, inclusion_type, naf_code, street, postal_code, commune_code, commune_name,
           authority_code, latitude, longitude, description, sectors, created_at, updated_at)
         SELECT ${uuid(seed, 'actor')},
           'Bench ' || initcap(($1::text[])[1 + ${rnd(seed, 'w1', WORDS.length)}]) || ' ' || i,
           (ARRAY['ASSOCIATION','ASSOCIATION','ASSOCIATION','COOPERATIVE','MUTUAL','FOUNDATION','ESS_COMPANY'])[1 + ${rnd(seed, 'family', 7)}],
           CASE WHEN i % 6 = 0 THEN NULL ELSE ${siret('i')} END,
           CASE WHEN i % 10 <> 0 THEN 'ESS' ELSE 'NOT_ESS' END,
           (ARRAY['NONE','NONE','NONE','ACI','EI','ESAT'])[1 + ${rnd(seed, 'inclusion', 6)}],
           '88.99B', i || ' rue de la Bench', '30000', '30189', ($2::text[])[1 + ${rnd(seed, 'commune', COMMUNES.length)}],
           ($3::text[])[1 + ${rnd(seed, 'authority', AUTHORITIES.length)}],
           43.5 + ${rnd(seed, 'lat', 1000)} / 1000.0, 4.0 + ${rnd(seed, 'lon', 1000)} / 1000.0,
           'Structure de l''ESS active dans ' || ($1::text[])[1 + ${rnd(seed, 'w2', WORDS.length)}] || ' et ' || ($1::text[])[1 + ${rnd(seed, 'w3', WORDS.length)}],
           ARRAY[($1::text[])[1 + ${rnd(seed, 'w2', WORDS.length)}]],
           TIMESTAMPTZ '2024-01-01' + (i || ' minutes')::interval, TIMESTAMPTZ '2024-01-01' + (i || ' minutes')::interval
         FROM generate_series($4::int, $5::int) AS i`,
        [WORDS, COMMUNES, AUTHORITIES, from, to],
      ),
    );
    // each actor in one or two of the demo networks
    await db.query(
      `INSERT INTO actors.network_membership (network_id, actor_id, joined_on)
       SELECT DISTINCT n.ids[1 + ${rnd(seed, 'net', 'cardinality(n.ids)', 'i || k')}], ${uuid(seed, 'actor')}, DATE '2020-01-01'
       FROM generate_series(1, $1::int) AS i, generate_series(1, 2) AS k, (SELECT array_agg(id ORDER BY name) AS ids FROM actors.network) n
       WHERE k = 1 OR i % 3 = 0
       ON CONFLICT DO NOTHING`,
      [size.actors],
    );
  }
  if (size.contracts > 0) {
    const buyers: Array<{ id: string }> = await db.query(
      `INSERT INTO procurement.buyer (siret, name, authority_code) SELECT '8' || lpad(k::text, 13, '0'), 'Acheteur bench ' || a, a
       FROM unnest($1::text[]) WITH ORDINALITY AS t(a, k) ON CONFLICT (siret) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [AUTHORITIES],
    );
    // the registry's feed mirror: the generated actors with a SIRET
    await db.query(
      `INSERT INTO procurement.ess_actor (siret, actor_id, name, ess_member)
       SELECT ${siret('i')}, ${uuid(seed, 'actor')}, 'Bench ' || i, i % 10 <> 0 FROM generate_series(1, $1::int) AS i WHERE i % 6 <> 0
       ON CONFLICT (siret) DO NOTHING`,
      [size.actors],
    );
    await chunked(size.contracts, 100_000, async (from, to) => {
      await db.query(
        `INSERT INTO procurement.contract (id, buyer_id, authority_code, decp_id, nature, object, cpv_code, procedure, duration_months, notified_on, amount, current_amount,
           current_duration_months, social_considerations, environmental_considerations, reserved_basis, insertion_hours_planned, insertion_hours_achieved)
         SELECT ${uuid(seed, 'contract')}, ($1::uuid[])[1 + b], ($2::text[])[1 + b], 'BN' || i, 'MARCHE', 'Marché bench ' || i, '45000000-7', 'ADAPTED', 12,
           DATE '2016-01-01' + ${rnd(seed, 'date', 3650)}::int, 40000 + ${rnd(seed, 'amount', 2000000)}, 40000 + ${rnd(seed, 'amount', 2000000)}, 12,
           CASE WHEN i % 10 = 0 THEN ARRAY['RESERVED_CONTRACT'] WHEN i % 4 = 0 THEN ARRAY['SOCIAL_CLAUSE'] ELSE ARRAY['NONE'] END,
           CASE WHEN i % 3 = 0 THEN ARRAY['NONE'] ELSE ARRAY['ENVIRONMENTAL_CLAUSE'] END,
           CASE WHEN i % 20 = 0 THEN 'L2113_12' WHEN i % 10 = 0 THEN 'L2113_13' END,
           CASE WHEN i % 4 = 0 THEN 500 END, CASE WHEN i % 4 = 0 THEN 350 END
         FROM (SELECT i, ${rnd(seed, 'buyer', AUTHORITIES.length)} AS b FROM generate_series($3::int, $4::int) AS i) g`,
        [buyers.map((b) => b.id), AUTHORITIES, from, to],
      );
      // one awardee each: a generated actor's SIRET (so partner pages find contracts), one in five an unknown company
      await db.query(
        `INSERT INTO procurement.contract_awardee (contract_id, position, id_type, identifier, is_current)
         SELECT ${uuid(seed, 'contract')}, 0, 'SIRET',
           CASE WHEN i % 5 = 0 THEN '7' || lpad(i::text, 13, '0') ELSE ${siret(`1 + 6 * ${rnd(seed, 'awardee', Math.max(1, Math.floor(size.actors / 6)))} + ${rnd(seed, 'awardee2', 5)}`)} END, true
         FROM generate_series($1::int, $2::int) AS i`,
        [from, to],
      );
    });
  }
  if (size.applications > 0) {
    await db.query(
      `INSERT INTO commons.application (id, call_id, lead_actor_id, title, proposed_common, licence, requested_amount, status, submitted_at, created_at, updated_at)
       SELECT ${uuid(seed, 'application')}, c.ids[1 + ${rnd(seed, 'call', 'cardinality(c.ids)')}], ${uuid(seed, 'actor', `1 + ${rnd(seed, 'lead', size.actors)}`)},
         'Candidature bench ' || i, 'Commun bench ' || i, 'CC-BY-4.0', 10000 + ${rnd(seed, 'requested', 90000)},
         (ARRAY['SUBMITTED','ELIGIBLE','UNDER_REVIEW','ACCEPTED','REJECTED'])[1 + i % 5], TIMESTAMPTZ '2025-01-01' + (i || ' minutes')::interval, now(), now()
       FROM generate_series(1, $1::int) AS i, (SELECT array_agg(id ORDER BY title) AS ids FROM commons.call WHERE status NOT IN ('DRAFT', 'CO_CONSTRUCTION')) c`,
      [size.applications],
    );
    await db.query(
      `INSERT INTO commons.application_member (application_id, actor_id, role, position)
       SELECT a.id, a.lead_actor_id, 'LEAD', 1 FROM commons.application a WHERE a.title LIKE 'Candidature bench %'
       UNION ALL
       SELECT ${uuid(seed, 'application')}, ${uuid(seed, 'actor', `1 + ${rnd(seed, 'partner', size.actors)}`)}, 'PARTNER', 2 FROM generate_series(1, $1::int) AS i
       ON CONFLICT DO NOTHING`,
      [size.applications],
    );
  }
  if (size.actions > 0) {
    await db.query(
      `INSERT INTO plans.action (id, plan_id, axis_id, position, title, status, progress, planned_budget, committed_budget)
       SELECT ${uuid(seed, 'action')}, x.plan_id, x.id, 1000 + i, 'Action bench ' || i,
         (ARRAY['PLANNED','IN_PROGRESS','IN_PROGRESS','DONE','SUSPENDED'])[1 + i % 5],
         CASE WHEN i % 5 = 3 THEN 100 WHEN i % 5 = 0 THEN 0 ELSE ${rnd(seed, 'progress', 100)} END,
         10000 + ${rnd(seed, 'planned', 90000)}, ${rnd(seed, 'committed', 10000)}
       FROM generate_series(1, $1::int) AS i
       JOIN (SELECT id, plan_id, row_number() OVER (ORDER BY plan_id, position) - 1 AS k, count(*) OVER () AS n FROM plans.axis) x ON x.k = i % x.n`,
      [size.actions],
    );
  }
  if (size.actions > 0) {
    // one indicator per generated action (the edits scenario records values on them)
    await db.query(
      `INSERT INTO plans.indicator (id, plan_id, action_id, title, unit, baseline, baseline_on, target, target_on)
       SELECT ${uuid(seed, 'indicator', 'a.position')}, a.plan_id, a.id, 'Indicateur bench ' || a.position, 'structures', 0, DATE '2024-01-01', 100, DATE '2028-12-31'
       FROM plans.action a WHERE a.title LIKE 'Action bench %'`,
    );
  }
  for (const table of ['actors.actor', 'actors.network_membership', 'procurement.contract', 'procurement.contract_awardee', 'procurement.ess_actor', 'commons.application', 'commons.application_member', 'plans.action', 'plans.indicator']) {
    await db.query(`VACUUM ANALYZE ${table}`);
  }
  const seconds = (performance.now() - start) / 1000;
  const counts: Array<{ t: string; n: number }> = await db.query(
    `SELECT 'actors' AS t, count(*)::int AS n FROM actors.actor UNION ALL SELECT 'memberships', count(*)::int FROM actors.network_membership
     UNION ALL SELECT 'contracts', count(*)::int FROM procurement.contract UNION ALL SELECT 'applications', count(*)::int FROM commons.application
     UNION ALL SELECT 'actions', count(*)::int FROM plans.action UNION ALL SELECT 'indicators', count(*)::int FROM plans.indicator`,
  );
  return { size: size.name, seconds, rows: Object.fromEntries(counts.map((r) => [r.t, r.n])) };
}
