import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql } from '@ess/kit';

const DEPARTMENT = `'^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$'`;

// Buyers, contracts in the DECP 2024 shape (modifications, awardees), the ESS projection fed by the registry, the SPASER
// with its objectives and indicator kinds, buyer training sessions, and the audit log.
export class CreateProcurement1763900000000 implements MigrationInterface {
  name = 'CreateProcurement1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE procurement.buyer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        siret text NOT NULL CHECK (siret ~ '^[0-9]{14}$'),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
        authority_code text NOT NULL CHECK (authority_code ~ ${DEPARTMENT}),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX buyer_siret_key ON procurement.buyer (siret)`);
    await db.query(`CREATE INDEX buyer_authority_name_idx ON procurement.buyer (authority_code, name, id)`);
    await db.query(`CREATE INDEX buyer_name_idx ON procurement.buyer (name, id)`);

    await db.query(`
      CREATE TABLE procurement.contract (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_id uuid NOT NULL REFERENCES procurement.buyer(id),
        -- the buyer's authority, copied (a buyer never changes authority) so filters, rights and indicators need no join
        authority_code text NOT NULL CHECK (authority_code ~ ${DEPARTMENT}),
        decp_id text NOT NULL CHECK (length(decp_id) BETWEEN 1 AND 16),
        nature text NOT NULL CHECK (nature IN ('MARCHE','PARTNERSHIP','DEFENCE_OR_SECURITY')),
        object text NOT NULL CHECK (length(btrim(object)) BETWEEN 1 AND 1000),
        cpv_code text NOT NULL CHECK (cpv_code ~ '^[0-9]{8}(-[0-9])?$'),
        procedure text NOT NULL CHECK (procedure IN ('ADAPTED','OPEN_TENDER','RESTRICTED_TENDER','NEGOTIATED','WITHOUT_PUBLICITY_OR_COMPETITION','COMPETITIVE_DIALOGUE')),
        techniques text[] NOT NULL DEFAULT '{}' CHECK (techniques <@ ARRAY['FRAMEWORK_AGREEMENT','DESIGN_CONTEST','QUALIFICATION_SYSTEM','DYNAMIC_PURCHASING_SYSTEM','ELECTRONIC_CATALOGUE','ELECTRONIC_AUCTION','NOT_APPLICABLE']::text[]),
        execution_modes text[] NOT NULL DEFAULT '{}' CHECK (execution_modes <@ ARRAY['TRANCHES','PURCHASE_ORDERS','SUBSEQUENT_CONTRACTS','NOT_APPLICABLE']::text[]),
        framework_agreement_id text CHECK (length(framework_agreement_id) BETWEEN 1 AND 16),
        innovative boolean,
        ccag text CHECK (ccag IN ('WORKS','PROJECT_MANAGEMENT','SUPPLIES_AND_SERVICES','INDUSTRIAL','INTELLECTUAL_SERVICES','ICT','NONE')),
        offers_received integer CHECK (offers_received >= 1),
        advance_granted boolean,
        advance_rate double precision CHECK (advance_rate BETWEEN 0 AND 1),
        operator_grouping text CHECK (operator_grouping IN ('JOINT','JOINT_AND_SEVERAL','NONE')),
        subcontracting_declared boolean,
        place_code text CHECK (length(place_code) BETWEEN 1 AND 10),
        place_type_code text CHECK (place_type_code IN ('POSTAL_CODE','COMMUNE','ARRONDISSEMENT','CANTON','DEPARTEMENT','REGION','COUNTRY')),
        duration_months integer NOT NULL CHECK (duration_months BETWEEN 1 AND 600),
        notified_on date NOT NULL CHECK (notified_on >= DATE '2000-01-01'),
        published_on date CHECK (published_on >= notified_on),
        amount numeric(15,2) NOT NULL CHECK (amount >= 1 AND amount < 1000000000),
        price_form text CHECK (price_form IN ('UNIT','LUMP_SUM','MIXED')),
        price_types text[] NOT NULL DEFAULT '{}' CHECK (price_types <@ ARRAY['FIRM','ADJUSTABLE','REVISABLE','PROVISIONAL']::text[]),
        origin_eu double precision CHECK (origin_eu BETWEEN 0 AND 1),
        origin_france double precision CHECK (origin_france BETWEEN 0 AND 1),
        social_considerations text[] NOT NULL DEFAULT '{}' CHECK (social_considerations <@ ARRAY['SOCIAL_CLAUSE','SOCIAL_CRITERION','RESERVED_CONTRACT','NONE']::text[]),
        environmental_considerations text[] NOT NULL DEFAULT '{}' CHECK (environmental_considerations <@ ARRAY['ENVIRONMENTAL_CLAUSE','ENVIRONMENTAL_CRITERION','NONE']::text[]),
        reserved_basis text CHECK (reserved_basis IN ('L2113_12','L2113_13','L2113_15')),
        insertion_hours_planned integer CHECK (insertion_hours_planned >= 0),
        insertion_hours_achieved integer CHECK (insertion_hours_achieved >= 0),
        -- after the latest modification that changed them; maintained by the service with the modifications
        current_amount numeric(15,2) NOT NULL CHECK (current_amount >= 1 AND current_amount < 1000000000),
        current_duration_months integer NOT NULL CHECK (current_duration_months BETWEEN 1 AND 600),
        has_social boolean NOT NULL GENERATED ALWAYS AS (social_considerations && ARRAY['SOCIAL_CLAUSE','SOCIAL_CRITERION','RESERVED_CONTRACT']::text[]) STORED,
        has_environmental boolean NOT NULL GENERATED ALWAYS AS (environmental_considerations && ARRAY['ENVIRONMENTAL_CLAUSE','ENVIRONMENTAL_CRITERION']::text[]) STORED,
        is_reserved boolean NOT NULL GENERATED ALWAYS AS ('RESERVED_CONTRACT' = ANY(social_considerations)) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (reserved_basis IS NULL OR 'RESERVED_CONTRACT' = ANY(social_considerations)),
        CHECK (origin_france IS NULL OR origin_eu IS NULL OR origin_france <= origin_eu)
      )`);
    // The DECP identity of a contract: its buyer and the buyer's own number (what re-imports match on).
    await db.query(`CREATE UNIQUE INDEX contract_buyer_decp_key ON procurement.contract (buyer_id, decp_id)`);
    // Lists by authority in notification order, and the indicators (index-only scans over a year of an authority).
    await db.query(`
      CREATE INDEX contract_authority_notified_idx ON procurement.contract (authority_code, notified_on, id)
      INCLUDE (current_amount, has_social, has_environmental, is_reserved, reserved_basis, insertion_hours_planned, insertion_hours_achieved)`);
    await db.query(`CREATE INDEX contract_notified_idx ON procurement.contract (notified_on, id)`);
    await db.query(`CREATE INDEX contract_amount_idx ON procurement.contract (current_amount, id)`);
    await db.query(`CREATE INDEX contract_updated_idx ON procurement.contract (updated_at, id)`);
    await db.query(`CREATE INDEX contract_buyer_notified_idx ON procurement.contract (buyer_id, notified_on, id)`);
    await db.query(`CREATE INDEX contract_cpv_idx ON procurement.contract (cpv_code text_pattern_ops)`);

    await db.query(`
      CREATE TABLE procurement.contract_modification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES procurement.contract(id) ON DELETE CASCADE,
        decp_modification_id integer NOT NULL CHECK (decp_modification_id >= 1),
        object text CHECK (length(object) <= 1000),
        notified_on date NOT NULL CHECK (notified_on >= DATE '2000-01-01'),
        published_on date CHECK (published_on >= DATE '2000-01-01'),
        duration_months integer CHECK (duration_months BETWEEN 1 AND 600),
        amount numeric(15,2) CHECK (amount >= 1 AND amount < 1000000000),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX contract_modification_key ON procurement.contract_modification (contract_id, decp_modification_id)`);

    await db.query(`
      CREATE TABLE procurement.contract_awardee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES procurement.contract(id) ON DELETE CASCADE,
        -- null: an awardee of the contract as notified; otherwise of the state after this modification
        modification_id uuid REFERENCES procurement.contract_modification(id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position >= 0),
        id_type text NOT NULL CHECK (id_type IN ('SIRET','TVA','TAHITI','RIDET','FRWF','IREP','HORS_UE')),
        identifier text NOT NULL CHECK (length(identifier) BETWEEN 1 AND 64),
        name text CHECK (length(name) <= 300),
        -- whether this row is among the contract's awardees today (latest modification listing awardees, or the initial ones)
        is_current boolean NOT NULL,
        siret text GENERATED ALWAYS AS (CASE WHEN id_type = 'SIRET' THEN identifier END) STORED,
        CHECK (id_type <> 'SIRET' OR identifier ~ '^[0-9]{14}$')
      )`);
    await db.query(`CREATE UNIQUE INDEX contract_awardee_position_key ON procurement.contract_awardee (contract_id, modification_id, position) NULLS NOT DISTINCT`);
    await db.query(`CREATE INDEX contract_awardee_siret_idx ON procurement.contract_awardee (siret, contract_id) WHERE siret IS NOT NULL`);
    await db.query(`CREATE INDEX contract_awardee_current_idx ON procurement.contract_awardee (contract_id) INCLUDE (siret) WHERE is_current`);
    await db.query(`CREATE INDEX contract_awardee_modification_idx ON procurement.contract_awardee (modification_id) WHERE modification_id IS NOT NULL`);

    // What this subgraph knows of the registry: the ESS status of actors by SIRET, as the registry last published it.
    await db.query(`
      CREATE TABLE procurement.ess_actor (
        siret text PRIMARY KEY CHECK (siret ~ '^[0-9]{14}$'),
        actor_id uuid NOT NULL,
        name text CHECK (length(name) <= 300),
        ess_member boolean NOT NULL,
        inclusion_type text NOT NULL DEFAULT 'NONE' CHECK (inclusion_type ~ '^[A-Z_]{1,20}$'),
        source_updated_at timestamptz(3),
        synced_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ess_actor_actor_idx ON procurement.ess_actor (actor_id)`);

    await db.query(`
      CREATE TABLE procurement.indicator_kind (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 300),
        description text,
        unit text NOT NULL CHECK (unit IN ('PERCENT','COUNT','HOURS','EUROS')),
        -- computed from the contracts by this subgraph; kinds added as data are followed by hand
        computed boolean NOT NULL DEFAULT false,
        national_target numeric(14,2) CHECK (national_target >= 0),
        national_target_year integer CHECK (national_target_year BETWEEN 2015 AND 2100),
        national_source text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((national_target IS NULL) = (national_target_year IS NULL)),
        CHECK (unit <> 'PERCENT' OR national_target IS NULL OR national_target <= 100)
      )`);
    await db.query(`
      INSERT INTO procurement.indicator_kind (code, label, description, unit, computed, national_target, national_target_year, national_source) VALUES
      ('SOCIAL_CONSIDERATION_SHARE', 'Part des marchés notifiés comportant au moins une considération sociale',
       'Clause sociale, critère social ou marché réservé, en nombre de marchés notifiés dans l''année.', 'PERCENT', true, 30, 2025, 'PNAD 2022-2025'),
      ('ENVIRONMENTAL_CONSIDERATION_SHARE', 'Part des marchés notifiés comportant au moins une considération environnementale',
       'Clause ou critère environnemental, en nombre de marchés notifiés dans l''année.', 'PERCENT', true, 100, 2025, 'PNAD 2022-2025'),
      ('RESERVED_CONTRACTS', 'Nombre de marchés réservés notifiés',
       'Marchés réservés (L2113-12 EA/ESAT, L2113-13 SIAE, L2113-15 entreprises de l''ESS) notifiés dans l''année.', 'COUNT', true, NULL, NULL, NULL),
      ('INSERTION_HOURS', 'Heures d''insertion réalisées',
       'Heures d''insertion réalisées au titre des clauses sociales des marchés notifiés dans l''année.', 'HOURS', true, NULL, NULL, NULL),
      ('ESS_SPEND_SHARE', 'Part du montant des marchés attribuée à des acteurs de l''ESS',
       'Montant actuel des marchés notifiés dans l''année attribué à des titulaires membres de l''ESS (partagé à parts égales entre cotitulaires).', 'PERCENT', true, NULL, NULL, NULL)`);

    await db.query(`
      CREATE TABLE procurement.spaser_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        authority_code text NOT NULL CHECK (authority_code ~ ${DEPARTMENT}),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        status text NOT NULL CHECK (status IN ('PLANNED','ADOPTED','IN_FORCE','UNDER_REVIEW')),
        adopted_on date CHECK (adopted_on >= DATE '2015-01-01'),
        period_start integer NOT NULL CHECK (period_start BETWEEN 2015 AND 2100),
        period_end integer NOT NULL CHECK (period_end BETWEEN 2015 AND 2100),
        description text CHECK (length(description) <= 10000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (period_end >= period_start AND period_end - period_start <= 10),
        CHECK (status = 'PLANNED' OR adopted_on IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX spaser_plan_authority_idx ON procurement.spaser_plan (authority_code, period_start, id)`);
    await db.query(`CREATE INDEX spaser_plan_period_idx ON procurement.spaser_plan (period_start, id)`);

    await db.query(`
      CREATE TABLE procurement.spaser_objective (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES procurement.spaser_plan(id) ON DELETE CASCADE,
        indicator_kind text NOT NULL REFERENCES procurement.indicator_kind(code),
        target_value numeric(14,2) NOT NULL CHECK (target_value >= 0),
        target_year integer NOT NULL CHECK (target_year BETWEEN 2015 AND 2100),
        baseline_value numeric(14,2) CHECK (baseline_value >= 0),
        baseline_year integer CHECK (baseline_year BETWEEN 2000 AND 2100),
        description text CHECK (length(description) <= 2000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((baseline_value IS NULL) = (baseline_year IS NULL)),
        CHECK (baseline_year IS NULL OR baseline_year < target_year)
      )`);
    await db.query(`CREATE UNIQUE INDEX spaser_objective_key ON procurement.spaser_objective (plan_id, indicator_kind, target_year)`);
    await db.query(`CREATE INDEX spaser_objective_kind_idx ON procurement.spaser_objective (indicator_kind)`);

    await db.query(`
      CREATE TABLE procurement.training_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        authority_code text NOT NULL CHECK (authority_code ~ ${DEPARTMENT}),
        topic text NOT NULL CHECK (length(btrim(topic)) BETWEEN 1 AND 300),
        held_on date NOT NULL CHECK (held_on >= DATE '2015-01-01'),
        organiser text NOT NULL CHECK (length(btrim(organiser)) BETWEEN 1 AND 300),
        buyers_trained integer NOT NULL CHECK (buyers_trained BETWEEN 0 AND 100000),
        description text CHECK (length(description) <= 5000),
        spaser_plan_id uuid REFERENCES procurement.spaser_plan(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX training_session_authority_idx ON procurement.training_session (authority_code, held_on, id)`);
    await db.query(`CREATE INDEX training_session_held_idx ON procurement.training_session (held_on, id)`);
    await db.query(`CREATE INDEX training_session_plan_idx ON procurement.training_session (spaser_plan_id) WHERE spaser_plan_id IS NOT NULL`);

    for (const statement of auditTableSql('procurement')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE procurement.audit_log, procurement.training_session, procurement.spaser_objective, procurement.spaser_plan,
      procurement.indicator_kind, procurement.ess_actor, procurement.contract_awardee, procurement.contract_modification,
      procurement.contract, procurement.buyer`);
  }
}
