import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql } from '@ess/kit';

// The actor registry: actors with French full-text search, networks and memberships, contacts, and the audit log.
export class CreateRegistry1763780000000 implements MigrationInterface {
  name = 'CreateRegistry1763780000000';

  async up(db: QueryRunner): Promise<void> {
    // unaccent is a trusted extension (PostgreSQL 13+): a database owner may create it.
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    // Names sort in French order ("Épicerie" with the E, "ADIE" after "Adapt’Services") through the ICU collation fr-x-icu.
    // French stemming that ignores accents: "economie" finds "économie".
    await db.query(`CREATE TEXT SEARCH CONFIGURATION actors.french_unaccent (COPY = pg_catalog.french)`);
    await db.query(`ALTER TEXT SEARCH CONFIGURATION actors.french_unaccent ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem`);

    await db.query(`
      CREATE TABLE actors.actor (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text COLLATE "fr-x-icu" NOT NULL CHECK (length(btrim(name)) > 0),
        legal_form_code text CHECK (legal_form_code ~ '^[1-9][0-9]{3}$'),
        legal_family text NOT NULL CHECK (legal_family IN ('ASSOCIATION','COOPERATIVE','MUTUAL','FOUNDATION','ESS_COMPANY','OTHER')),
        siren text CHECK (siren ~ '^[0-9]{9}$'),
        siret text CHECK (siret ~ '^[0-9]{14}$'),
        rna text CHECK (rna ~ '^W[0-9]{9}$'),
        ess_member boolean NOT NULL DEFAULT true,
        esus_approved_on date,
        inclusion_type text NOT NULL DEFAULT 'NONE' CHECK (inclusion_type IN ('NONE','EI','AI','ACI','ETTI','EITI','EA','ESAT','GEIQ')),
        naf_code text CHECK (naf_code ~ '^[0-9]{2}\\.[0-9]{2}[A-Z]$'),
        headcount_band text,
        street text,
        postal_code text,
        commune_code text,
        commune_name text,
        authority_code text NOT NULL,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        website text,
        description text,
        sectors text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','CEASED')),
        archived_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('actors.french_unaccent', coalesce(name, '')), 'A') ||
          setweight(to_tsvector('actors.french_unaccent', coalesce(description, '')), 'B') ||
          setweight(to_tsvector('actors.french_unaccent', coalesce(commune_name, '')), 'C')
        ) STORED,
        CHECK (siret IS NULL OR siren IS NULL OR left(siret, 9) = siren)
      )`);
    await db.query(`CREATE UNIQUE INDEX actor_siret_key ON actors.actor (siret) WHERE siret IS NOT NULL`);
    await db.query(`CREATE INDEX actor_search_idx ON actors.actor USING gin (search)`);
    await db.query(`CREATE INDEX actor_authority_name_idx ON actors.actor (authority_code, name, id)`);
    await db.query(`CREATE INDEX actor_name_idx ON actors.actor (name, id)`);
    await db.query(`CREATE INDEX actor_family_idx ON actors.actor (legal_family)`);
    await db.query(`CREATE INDEX actor_commune_idx ON actors.actor (commune_code)`);
    await db.query(`CREATE INDEX actor_sectors_idx ON actors.actor USING gin (sectors)`);

    await db.query(`
      CREATE TABLE actors.network (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text COLLATE "fr-x-icu" NOT NULL CHECK (length(btrim(name)) > 0),
        acronym text,
        kind text NOT NULL CHECK (kind IN ('NETWORK_HEAD','PTCE','DEPARTMENTAL','OTHER')),
        authority_code text,
        description text,
        website text,
        carrier_actor_id uuid REFERENCES actors.actor(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX network_name_key ON actors.network (lower(name))`);
    await db.query(`
      CREATE TABLE actors.network_membership (
        network_id uuid NOT NULL REFERENCES actors.network(id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES actors.actor(id) ON DELETE CASCADE,
        joined_on date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (network_id, actor_id)
      )`);
    await db.query(`CREATE INDEX network_membership_actor_idx ON actors.network_membership (actor_id)`);

    await db.query(`
      CREATE TABLE actors.contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid NOT NULL REFERENCES actors.actor(id) ON DELETE CASCADE,
        first_name text NOT NULL,
        last_name text NOT NULL,
        role text,
        email text,
        phone text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX contact_actor_idx ON actors.contact (actor_id, last_name, id)`);

    for (const statement of auditTableSql('actors')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE actors.audit_log, actors.contact, actors.network_membership, actors.network, actors.actor`);
    await db.query(`DROP TEXT SEARCH CONFIGURATION actors.french_unaccent`);
  }
}
