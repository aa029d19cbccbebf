import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql } from '@ess/kit';

// The calls for commons: calls with their challenges, review criteria and jury; co-construction workshops and the
// needs they produced; applications by groups of structures (members, needs answered), reviews with a score per
// criterion, decisions within the call's envelope; the commons that funded applications produced, their maintainers,
// milestones and reuses; and the audit log. Actors are registry ids (no foreign key: another subgraph owns them).
export class CreateCommons1764300000000 implements MigrationInterface {
  name = 'CreateCommons1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE commons.call (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        authority_code text NOT NULL CHECK (authority_code ~ '^(0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-6])$'),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text,
        status text NOT NULL DEFAULT 'DRAFT'
          CHECK (status IN ('DRAFT', 'CO_CONSTRUCTION', 'OPEN', 'CLOSED', 'UNDER_REVIEW', 'DECIDED', 'FOLLOW_UP')),
        min_structures integer NOT NULL DEFAULT 3 CHECK (min_structures BETWEEN 1 AND 50),
        accepted_licences text[] NOT NULL DEFAULT '{}',
        support_kinds text[] NOT NULL DEFAULT '{}'
          CHECK (support_kinds <@ ARRAY['MONEY', 'SKILLS', 'PREMISES', 'EQUIPMENT']::text[]),
        budget_envelope numeric(14, 2) CHECK (budget_envelope >= 0),
        opens_on date,
        closes_on date,
        decision_on date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        CHECK (closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on),
        CHECK (decision_on IS NULL OR closes_on IS NULL OR decision_on >= closes_on),
        -- an open (or later) call has its period, rules and envelope
        CHECK (status IN ('DRAFT', 'CO_CONSTRUCTION') OR (opens_on IS NOT NULL AND closes_on IS NOT NULL AND budget_envelope IS NOT NULL
               AND cardinality(accepted_licences) > 0 AND cardinality(support_kinds) > 0))
      )`);
    await db.query(`CREATE INDEX call_authority_idx ON commons.call (authority_code, status)`);
    await db.query(`CREATE INDEX call_title_idx ON commons.call (title, id)`);

    await db.query(`
      CREATE TABLE commons.challenge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES commons.call (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position > 0),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text,
        UNIQUE (call_id, position),
        UNIQUE (id, call_id)
      )`);

    await db.query(`
      CREATE TABLE commons.criterion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES commons.call (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position > 0),
        label text NOT NULL CHECK (length(btrim(label)) > 0),
        max_score integer NOT NULL CHECK (max_score BETWEEN 1 AND 100),
        weight numeric(6, 2) NOT NULL DEFAULT 1 CHECK (weight > 0),
        UNIQUE (call_id, position),
        UNIQUE (id, call_id)
      )`);

    await db.query(`
      CREATE TABLE commons.jury_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES commons.call (id) ON DELETE CASCADE,
        user_id text NOT NULL CHECK (length(btrim(user_id)) > 0),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        -- the registry actors the juror belongs to (declaration of interests): they may not review those groups
        declared_actor_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        UNIQUE (call_id, user_id)
      )`);

    await db.query(`
      CREATE TABLE commons.workshop (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES commons.call (id),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        held_on date NOT NULL,
        place text,
        facilitator text,
        minutes text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        UNIQUE (id, call_id)
      )`);
    await db.query(`CREATE INDEX workshop_call_idx ON commons.workshop (call_id, held_on, id)`);
    await db.query(`
      CREATE TABLE commons.workshop_participant (
        workshop_id uuid NOT NULL REFERENCES commons.workshop (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        PRIMARY KEY (workshop_id, actor_id)
      )`);
    await db.query(`CREATE INDEX workshop_participant_actor_idx ON commons.workshop_participant (actor_id)`);

    await db.query(`
      CREATE TABLE commons.need (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES commons.call (id),
        workshop_id uuid,
        challenge_id uuid NOT NULL,
        description text NOT NULL CHECK (length(btrim(description)) > 0),
        territory_kind text NOT NULL CHECK (territory_kind IN ('RURAL', 'PRIORITY_DISTRICT', 'URBAN', 'DEPARTEMENT_WIDE', 'OTHER')),
        commune_code text CHECK (commune_code ~ '^([0-9]{2}|2A|2B)[0-9]{3}$'),
        epci_code text CHECK (epci_code ~ '^[0-9]{9}$'),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        UNIQUE (id, call_id),
        -- the workshop and the challenge are the call's own
        FOREIGN KEY (workshop_id, call_id) REFERENCES commons.workshop (id, call_id),
        FOREIGN KEY (challenge_id, call_id) REFERENCES commons.challenge (id, call_id)
      )`);
    await db.query(`CREATE INDEX need_call_idx ON commons.need (call_id, created_at, id)`);
    await db.query(`CREATE INDEX need_workshop_idx ON commons.need (workshop_id)`);

    await db.query(`
      CREATE TABLE commons.application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES commons.call (id),
        lead_actor_id uuid NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text,
        proposed_common text NOT NULL CHECK (length(btrim(proposed_common)) > 0),
        licence text NOT NULL CHECK (licence ~ '^[A-Za-z0-9.+-]{2,64}$'),
        requested_amount numeric(14, 2) CHECK (requested_amount >= 0),
        requested_skills text,
        requested_premises text,
        requested_equipment text,
        documents jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(documents) = 'array'),
        status text NOT NULL DEFAULT 'DRAFT'
          CHECK (status IN ('DRAFT', 'SUBMITTED', 'WITHDRAWN', 'ELIGIBLE', 'INELIGIBLE', 'UNDER_REVIEW', 'ACCEPTED', 'REJECTED')),
        ineligibility_reason text,
        submitted_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        UNIQUE (id, call_id),
        CHECK ((status = 'INELIGIBLE') = (ineligibility_reason IS NOT NULL)),
        CHECK (status IN ('DRAFT') OR status = 'WITHDRAWN' OR submitted_at IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX application_call_idx ON commons.application (call_id, title, id)`);
    await db.query(`CREATE INDEX application_status_idx ON commons.application (call_id, status)`);
    await db.query(`CREATE INDEX application_title_idx ON commons.application (title, id)`);

    // Every member of the group, the lead included (role LEAD, position 1): one row per distinct actor.
    await db.query(`
      CREATE TABLE commons.application_member (
        application_id uuid NOT NULL REFERENCES commons.application (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('LEAD', 'PARTNER')),
        position integer NOT NULL CHECK (position > 0),
        PRIMARY KEY (application_id, actor_id),
        UNIQUE (application_id, position)
      )`);
    await db.query(`CREATE UNIQUE INDEX application_member_one_lead ON commons.application_member (application_id) WHERE role = 'LEAD'`);
    await db.query(`CREATE INDEX application_member_actor_idx ON commons.application_member (actor_id, application_id)`);

    await db.query(`
      CREATE TABLE commons.application_need (
        application_id uuid NOT NULL,
        need_id uuid NOT NULL,
        call_id uuid NOT NULL,
        PRIMARY KEY (application_id, need_id),
        FOREIGN KEY (application_id, call_id) REFERENCES commons.application (id, call_id) ON DELETE CASCADE,
        FOREIGN KEY (need_id, call_id) REFERENCES commons.need (id, call_id)
      )`);
    await db.query(`CREATE INDEX application_need_need_idx ON commons.application_need (need_id)`);

    await db.query(`
      CREATE TABLE commons.review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES commons.application (id),
        jury_member_id uuid NOT NULL REFERENCES commons.jury_member (id),
        comment text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        UNIQUE (application_id, jury_member_id)
      )`);
    await db.query(`
      CREATE TABLE commons.review_score (
        review_id uuid NOT NULL REFERENCES commons.review (id) ON DELETE CASCADE,
        criterion_id uuid NOT NULL REFERENCES commons.criterion (id),
        score integer NOT NULL CHECK (score >= 0),
        PRIMARY KEY (review_id, criterion_id)
      )`);

    // One decision per application; the sum of granted_amount of a call stays within its envelope (checked under
    // the call's row lock by the service, since a CHECK cannot see other rows).
    await db.query(`
      CREATE TABLE commons.decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL UNIQUE,
        call_id uuid NOT NULL,
        accepted boolean NOT NULL,
        reasons text NOT NULL CHECK (length(btrim(reasons)) > 0),
        granted_amount numeric(14, 2) NOT NULL DEFAULT 0 CHECK (granted_amount >= 0),
        granted_skills text,
        granted_premises text,
        granted_equipment text,
        decided_on date NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        FOREIGN KEY (application_id, call_id) REFERENCES commons.application (id, call_id),
        CHECK (accepted OR (granted_amount = 0 AND granted_skills IS NULL AND granted_premises IS NULL AND granted_equipment IS NULL))
      )`);
    await db.query(`CREATE INDEX decision_call_idx ON commons.decision (call_id)`);

    await db.query(`
      CREATE TABLE commons.common (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES commons.application (id),
        call_id uuid NOT NULL REFERENCES commons.call (id),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        description text,
        licence text NOT NULL CHECK (licence ~ '^[A-Za-z0-9.+-]{2,64}$'),
        links text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'EMERGING' CHECK (status IN ('EMERGING', 'ACTIVE', 'DORMANT', 'ENDED')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        FOREIGN KEY (application_id, call_id) REFERENCES commons.application (id, call_id)
      )`);
    await db.query(`CREATE INDEX common_call_idx ON commons.common (call_id, name, id)`);
    await db.query(`CREATE INDEX common_name_idx ON commons.common (name, id)`);
    await db.query(`
      CREATE TABLE commons.common_maintainer (
        common_id uuid NOT NULL REFERENCES commons.common (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        PRIMARY KEY (common_id, actor_id)
      )`);
    await db.query(`CREATE INDEX common_maintainer_actor_idx ON commons.common_maintainer (actor_id, common_id)`);
    await db.query(`
      CREATE TABLE commons.common_milestone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        common_id uuid NOT NULL REFERENCES commons.common (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        due_on date NOT NULL,
        done_on date
      )`);
    await db.query(`CREATE INDEX common_milestone_common_idx ON commons.common_milestone (common_id, due_on)`);
    await db.query(`
      CREATE TABLE commons.common_reuse (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        common_id uuid NOT NULL REFERENCES commons.common (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL,
        description text,
        since date NOT NULL,
        UNIQUE (common_id, actor_id)
      )`);

    for (const statement of auditTableSql('commons')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE commons.audit_log, commons.common_reuse, commons.common_milestone, commons.common_maintainer, commons.common,
      commons.decision, commons.review_score, commons.review, commons.application_need, commons.application_member, commons.application,
      commons.need, commons.workshop_participant, commons.workshop, commons.jury_member, commons.criterion, commons.challenge, commons.call`);
  }
}
