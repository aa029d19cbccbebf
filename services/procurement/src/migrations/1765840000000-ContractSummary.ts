import type { MigrationInterface, QueryRunner } from 'typeorm';

// The procurement metrics precomputed: one row per (authority, year, buyer, reserved basis) with counts and sums, kept
// current by statement-level triggers in the writing transaction (why triggers: docs/decisions.md, "Procurement metrics").
export class ContractSummary1765840000000 implements MigrationInterface {
  name = 'ContractSummary1765840000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE procurement.contract_summary (
        authority_code text NOT NULL,
        year integer NOT NULL,
        buyer_id uuid NOT NULL,
        -- '' not reserved; the legal basis of reserved contracts, 'UNKNOWN' when not recorded (as in DECP files)
        reserved_key text NOT NULL,
        contract_count integer NOT NULL,
        total_amount numeric NOT NULL,
        social_count integer NOT NULL,
        environmental_count integer NOT NULL,
        hours_planned bigint NOT NULL,
        hours_achieved bigint NOT NULL,
        -- unrounded: each contract's amount shared evenly between its current awardees, summed over those that are ESS
        ess_amount numeric NOT NULL,
        ess_contract_count integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (authority_code, year, buyer_id, reserved_key)
      )`);
    await db.query(`CREATE INDEX contract_summary_buyer_idx ON procurement.contract_summary (buyer_id, year)`);

    // Recomputes the rows of the given (buyer, year) buckets from the base tables. A transaction-scoped advisory lock per
    // bucket, taken in a fixed order, serializes concurrent writers of one bucket: the next one recomputes after the
    // first commits (each statement below takes a fresh snapshot under READ COMMITTED), so no write is lost.
    await db.query(`
      CREATE FUNCTION procurement.contract_summary_refresh(p_buyers uuid[], p_years integer[]) RETURNS void
      LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('contract_summary:' || k.buyer_id || ':' || k.year, 0))
        FROM (SELECT DISTINCT buyer_id, year FROM unnest(p_buyers, p_years) AS u(buyer_id, year) ORDER BY 1, 2) k;

        DELETE FROM procurement.contract_summary s
        USING (SELECT DISTINCT buyer_id, year FROM unnest(p_buyers, p_years) AS u(buyer_id, year)) k
        WHERE s.buyer_id = k.buyer_id AND s.year = k.year;

        INSERT INTO procurement.contract_summary (authority_code, year, buyer_id, reserved_key, contract_count, total_amount, social_count,
          environmental_count, hours_planned, hours_achieved, ess_amount, ess_contract_count)
        SELECT c.authority_code, k.year, c.buyer_id,
          CASE WHEN c.is_reserved THEN coalesce(c.reserved_basis, 'UNKNOWN') ELSE '' END,
          count(*), sum(c.current_amount),
          count(*) FILTER (WHERE c.has_social), count(*) FILTER (WHERE c.has_environmental),
          coalesce(sum(c.insertion_hours_planned), 0), coalesce(sum(c.insertion_hours_achieved), 0),
          coalesce(sum(c.current_amount * w.ess_awardees / nullif(w.awardees, 0)), 0),
          count(*) FILTER (WHERE w.ess_awardees > 0)
        FROM (SELECT DISTINCT buyer_id, year FROM unnest(p_buyers, p_years) AS u(buyer_id, year)) k
        JOIN procurement.contract c
          ON c.buyer_id = k.buyer_id AND c.notified_on >= make_date(k.year, 1, 1) AND c.notified_on < make_date(k.year + 1, 1, 1)
        LEFT JOIN LATERAL (
          SELECT count(*) AS awardees, count(*) FILTER (WHERE e.ess_member) AS ess_awardees
          FROM procurement.contract_awardee a LEFT JOIN procurement.ess_actor e ON e.siret = a.siret
          WHERE a.contract_id = c.id AND a.is_current
        ) w ON true
        GROUP BY 1, 2, 3, 4;
      END $fn$`);

    // contract: the buckets a statement's rows were in and are in now (a move between buyers or years refreshes both)
    const contractTrigger = (event: string, tables: string, keys: string) =>
      db.query(`
        CREATE FUNCTION procurement.contract_summary_on_contract_${event.toLowerCase()}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          PERFORM procurement.contract_summary_refresh(array_agg(buyer_id), array_agg(year)) FROM (${keys}) k HAVING count(*) > 0;
          RETURN NULL;
        END $fn$;
        CREATE TRIGGER contract_summary_${event.toLowerCase()} AFTER ${event} ON procurement.contract
          REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION procurement.contract_summary_on_contract_${event.toLowerCase()}()`);
    const yearOf = (t: string) => `SELECT DISTINCT buyer_id, extract(year FROM notified_on)::int AS year FROM ${t}`;
    await contractTrigger('INSERT', 'NEW TABLE AS new_rows', yearOf('new_rows'));
    await contractTrigger('UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', `${yearOf('old_rows')} UNION ${yearOf('new_rows')}`);
    await contractTrigger('DELETE', 'OLD TABLE AS old_rows', yearOf('old_rows'));

    // awardees (creation, modifications, DECP import): the buckets of their contracts; rows deleted with their contract
    // find no contract any more and leave the work to the contract's own trigger
    const awardeeTrigger = (event: string, tables: string, ids: string) =>
      db.query(`
        CREATE FUNCTION procurement.contract_summary_on_awardee_${event.toLowerCase()}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          PERFORM procurement.contract_summary_refresh(array_agg(buyer_id), array_agg(year))
          FROM (SELECT DISTINCT c.buyer_id, extract(year FROM c.notified_on)::int AS year
                FROM procurement.contract c WHERE c.id IN (${ids})) k
          HAVING count(*) > 0;
          RETURN NULL;
        END $fn$;
        CREATE TRIGGER contract_summary_${event.toLowerCase()} AFTER ${event} ON procurement.contract_awardee
          REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION procurement.contract_summary_on_awardee_${event.toLowerCase()}()`);
    await awardeeTrigger('INSERT', 'NEW TABLE AS new_rows', 'SELECT contract_id FROM new_rows');
    await awardeeTrigger('UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'SELECT contract_id FROM old_rows UNION SELECT contract_id FROM new_rows');
    await awardeeTrigger('DELETE', 'OLD TABLE AS old_rows', 'SELECT contract_id FROM old_rows');

    // the registry's projection: only a change of ESS status moves the figures (each sync touches synced_at of every row)
    const essTrigger = (event: string, tables: string, sirets: string) =>
      db.query(`
        CREATE FUNCTION procurement.contract_summary_on_ess_${event.toLowerCase()}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          PERFORM procurement.contract_summary_refresh(array_agg(buyer_id), array_agg(year))
          FROM (SELECT DISTINCT c.buyer_id, extract(year FROM c.notified_on)::int AS year
                FROM procurement.contract_awardee a JOIN procurement.contract c ON c.id = a.contract_id
                WHERE a.is_current AND a.siret IN (${sirets})) k
          HAVING count(*) > 0;
          RETURN NULL;
        END $fn$;
        CREATE TRIGGER contract_summary_${event.toLowerCase()} AFTER ${event} ON procurement.ess_actor
          REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION procurement.contract_summary_on_ess_${event.toLowerCase()}()`);
    await essTrigger('INSERT', 'NEW TABLE AS new_rows', 'SELECT siret FROM new_rows WHERE ess_member');
    await essTrigger(
      'UPDATE',
      'OLD TABLE AS old_rows NEW TABLE AS new_rows',
      'SELECT n.siret FROM new_rows n JOIN old_rows o ON o.siret = n.siret WHERE o.ess_member IS DISTINCT FROM n.ess_member',
    );
    await essTrigger('DELETE', 'OLD TABLE AS old_rows', 'SELECT siret FROM old_rows WHERE ess_member');

    // backfill the existing contracts, every bucket at once
    await db.query(`
      SELECT procurement.contract_summary_refresh(array_agg(buyer_id), array_agg(year))
      FROM (SELECT DISTINCT buyer_id, extract(year FROM notified_on)::int AS year FROM procurement.contract) k HAVING count(*) > 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['contract', 'contract_awardee', 'ess_actor']) {
      for (const event of ['insert', 'update', 'delete']) await db.query(`DROP TRIGGER contract_summary_${event} ON procurement.${table}`);
    }
    for (const source of ['contract', 'awardee', 'ess']) {
      for (const event of ['insert', 'update', 'delete']) await db.query(`DROP FUNCTION procurement.contract_summary_on_${source}_${event}()`);
    }
    await db.query(`DROP FUNCTION procurement.contract_summary_refresh(uuid[], integer[])`);
    await db.query(`DROP TABLE procurement.contract_summary`);
  }
}
