import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql } from '@ess/kit';

// The ESS plans: authorities and plan kinds (reference data), plans, axes, actions with partners and milestones,
// indicators and their values, agreements and their instalments, events, and the audit log.
// Positions are unique per plan (axes) and per axis (actions) with constraints checked at the end of each statement,
// so a reordering renumbers a whole list in one UPDATE. Composite foreign keys keep every child in its plan.
export class CreatePlans1763800000000 implements MigrationInterface {
  name = 'CreatePlans1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plans.authority (
        code text PRIMARY KEY CHECK (code ~ '^(0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-6])$'),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        official_name text NOT NULL CHECK (length(btrim(official_name)) > 0),
        siret text CHECK (siret ~ '^[0-9]{14}$'),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0)
      )`);
    // The three authorities of the founding documents; others are added with createAuthority.
    // SIRENs are those of the départements; the establishment numbers (NIC) are to be checked against SIRENE.
    await db.query(`
      INSERT INTO plans.authority (code, name, official_name, siret) VALUES
        ('30', 'Gard', 'Département du Gard', '22300001900016'),
        ('26', 'Drôme', 'Département de la Drôme', '22260001700016'),
        ('07', 'Ardèche', 'Département de l''Ardèche', '22070001700019')`);

    await db.query(`
      CREATE TABLE plans.plan_kind (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        label text NOT NULL CHECK (length(btrim(label)) > 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0)
      )`);
    await db.query(`INSERT INTO plans.plan_kind (code, label) VALUES ('ESS_PLAN', 'Schéma ou plan départemental de l''économie sociale et solidaire')`);

    await db.query(`
      CREATE TABLE plans.plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        summary text,
        kind text NOT NULL REFERENCES plans.plan_kind (code) ON UPDATE CASCADE,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ADOPTED', 'IN_PROGRESS', 'CLOSED')),
        adopted_on date,
        deciding_body text,
        decision_reference text,
        start_on date,
        end_on date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        CHECK (end_on IS NULL OR start_on IS NULL OR end_on >= start_on),
        CHECK (status = 'DRAFT' OR adopted_on IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX plan_title_idx ON plans.plan (title, id)`);
    await db.query(`CREATE INDEX plan_status_idx ON plans.plan (status)`);
    await db.query(`CREATE INDEX plan_kind_idx ON plans.plan (kind)`);

    await db.query(`
      CREATE TABLE plans.plan_authority (
        plan_id uuid NOT NULL REFERENCES plans.plan (id) ON DELETE CASCADE,
        authority_code text NOT NULL REFERENCES plans.authority (code),
        PRIMARY KEY (plan_id, authority_code)
      )`);
    await db.query(`CREATE INDEX plan_authority_code_idx ON plans.plan_authority (authority_code, plan_id)`);

    await db.query(`
      CREATE TABLE plans.axis (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans.plan (id),
        position integer NOT NULL CHECK (position > 0),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        CONSTRAINT axis_position_key UNIQUE (plan_id, position) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT axis_plan_key UNIQUE (id, plan_id)
      )`);

    await db.query(`
      CREATE TABLE plans.action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL,
        axis_id uuid NOT NULL,
        parent_id uuid,
        position integer NOT NULL CHECK (position > 0),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text,
        lead_service text,
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'SUSPENDED', 'CANCELLED')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        start_on date,
        end_on date,
        planned_budget numeric(14, 2) CHECK (planned_budget >= 0),
        committed_budget numeric(14, 2) CHECK (committed_budget >= 0),
        call_id uuid,
        spaser_plan_id uuid,
        network_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        CHECK (end_on IS NULL OR start_on IS NULL OR end_on >= start_on),
        CHECK (status <> 'DONE' OR progress = 100),
        CHECK (parent_id IS NULL OR parent_id <> id),
        CONSTRAINT action_position_key UNIQUE (axis_id, position) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT action_plan_key UNIQUE (id, plan_id),
        -- the axis and the parent action are in the action's plan
        FOREIGN KEY (axis_id, plan_id) REFERENCES plans.axis (id, plan_id),
        FOREIGN KEY (parent_id, plan_id) REFERENCES plans.action (id, plan_id)
      )`);
    await db.query(`CREATE INDEX action_plan_idx ON plans.action (plan_id, status)`);
    await db.query(`CREATE INDEX action_parent_idx ON plans.action (parent_id)`);
    await db.query(`CREATE INDEX action_title_idx ON plans.action (title, id)`);
    await db.query(`CREATE INDEX action_call_idx ON plans.action (call_id) WHERE call_id IS NOT NULL`);
    await db.query(`CREATE INDEX action_spaser_idx ON plans.action (spaser_plan_id) WHERE spaser_plan_id IS NOT NULL`);
    await db.query(`CREATE INDEX action_network_idx ON plans.action (network_id) WHERE network_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE plans.action_partner (
        action_id uuid NOT NULL REFERENCES plans.action (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        PRIMARY KEY (action_id, actor_id)
      )`);
    await db.query(`CREATE INDEX action_partner_actor_idx ON plans.action_partner (actor_id, action_id)`);

    await db.query(`
      CREATE TABLE plans.milestone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id uuid NOT NULL REFERENCES plans.action (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        due_on date NOT NULL,
        done boolean NOT NULL DEFAULT false,
        done_on date,
        CHECK (done OR done_on IS NULL)
      )`);
    await db.query(`CREATE INDEX milestone_action_idx ON plans.milestone (action_id, due_on, id)`);

    await db.query(`
      CREATE TABLE plans.indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans.plan (id),
        action_id uuid,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text,
        unit text NOT NULL CHECK (length(btrim(unit)) > 0),
        baseline numeric(18, 4) NOT NULL,
        baseline_on date NOT NULL,
        target numeric(18, 4) NOT NULL,
        target_on date NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        CHECK (target_on > baseline_on),
        FOREIGN KEY (action_id, plan_id) REFERENCES plans.action (id, plan_id)
      )`);
    await db.query(`CREATE INDEX indicator_plan_idx ON plans.indicator (plan_id, title, id)`);
    await db.query(`CREATE INDEX indicator_action_idx ON plans.indicator (action_id, title, id) WHERE action_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE plans.indicator_value (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES plans.indicator (id) ON DELETE CASCADE,
        measured_on date NOT NULL,
        value numeric(18, 4) NOT NULL,
        comment text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT indicator_value_date_key UNIQUE (indicator_id, measured_on)
      )`);

    await db.query(`
      CREATE TABLE plans.agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL,
        action_id uuid NOT NULL,
        authority_code text NOT NULL,
        actor_id uuid NOT NULL,
        beneficiary_name text NOT NULL CHECK (length(btrim(beneficiary_name)) > 0),
        beneficiary_siret text NOT NULL CHECK (beneficiary_siret ~ '^[0-9]{14}$'),
        beneficiary_rna text CHECK (beneficiary_rna ~ '^W[0-9]{9}$'),
        object text NOT NULL CHECK (length(btrim(object)) BETWEEN 1 AND 356),
        amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
        nature text NOT NULL CHECK (nature IN ('CASH', 'IN_KIND')),
        payment_terms text NOT NULL DEFAULT 'SINGLE' CHECK (payment_terms IN ('SINGLE', 'STAGED', 'OTHER')),
        payment_terms_note text CHECK (length(payment_terms_note) <= 356),
        signed_on date,
        start_on date,
        end_on date,
        decision_reference text,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SIGNED', 'CLOSED', 'CANCELLED')),
        rae_id text CHECK (rae_id ~ '^[0-9A-Za-z]{1,5}$'),
        eu_notified boolean NOT NULL DEFAULT false,
        subsidy_share numeric(3, 2) NOT NULL DEFAULT 1 CHECK (subsidy_share BETWEEN 0.01 AND 1),
        aid_scheme text,
        multi_funder boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        CHECK (end_on IS NULL OR start_on IS NULL OR end_on >= start_on),
        CHECK (status NOT IN ('SIGNED', 'CLOSED') OR signed_on IS NOT NULL),
        -- the action is in the agreement's plan, and the granting authority is one of the plan's
        FOREIGN KEY (action_id, plan_id) REFERENCES plans.action (id, plan_id),
        FOREIGN KEY (plan_id, authority_code) REFERENCES plans.plan_authority (plan_id, authority_code)
      )`);
    await db.query(`CREATE INDEX agreement_actor_idx ON plans.agreement (actor_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX agreement_plan_idx ON plans.agreement (plan_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX agreement_action_idx ON plans.agreement (action_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX agreement_authority_signed_idx ON plans.agreement (authority_code, signed_on)`);
    await db.query(`CREATE INDEX agreement_created_idx ON plans.agreement (created_at DESC, id DESC)`);

    await db.query(`
      CREATE TABLE plans.instalment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES plans.agreement (id) ON DELETE CASCADE,
        due_on date NOT NULL,
        amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
        paid_on date
      )`);
    await db.query(`CREATE INDEX instalment_agreement_idx ON plans.instalment (agreement_id, due_on, id)`);

    await db.query(`
      CREATE TABLE plans.event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans.plan (id),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        kind text NOT NULL CHECK (kind IN ('ASSEMBLY_SESSION', 'PUBLIC_MEETING', 'WORKSHOP', 'OTHER')),
        held_on date NOT NULL,
        place text,
        description text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0)
      )`);
    await db.query(`CREATE INDEX event_plan_idx ON plans.event (plan_id, held_on, id)`);
    await db.query(`CREATE INDEX event_held_on_idx ON plans.event (held_on, id)`);

    for (const statement of auditTableSql('plans')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE plans.audit_log, plans.event, plans.instalment, plans.agreement, plans.indicator_value, plans.indicator,
      plans.milestone, plans.action_partner, plans.action, plans.axis, plans.plan_authority, plans.plan, plans.plan_kind, plans.authority`);
  }
}
