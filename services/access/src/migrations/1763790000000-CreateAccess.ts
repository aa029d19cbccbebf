import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql } from '@ess/kit';

// Staff accounts, their sessions, and partner API keys. Tokens and keys are stored only as SHA-256 digests.
export class CreateAccess1763790000000 implements MigrationInterface {
  name = 'CreateAccess1763790000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE access.staff_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\\s]+@[^@\\s]+$'),
        display_name text NOT NULL CHECK (length(btrim(display_name)) > 0),
        role text NOT NULL CHECK (role IN ('ADMIN','EDITOR','VIEWER')),
        authorities text[] NOT NULL CHECK (cardinality(authorities) > 0),
        password_hash text,
        oidc_subject text,
        active boolean NOT NULL DEFAULT true,
        last_sign_in_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX staff_user_email_key ON access.staff_user (email)`);
    await db.query(`CREATE UNIQUE INDEX staff_user_oidc_key ON access.staff_user (oidc_subject) WHERE oidc_subject IS NOT NULL`);
    await db.query(`CREATE INDEX staff_user_authorities_idx ON access.staff_user USING gin (authorities)`);

    await db.query(`
      CREATE TABLE access.session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_digest text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES access.staff_user(id) ON DELETE CASCADE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
        revoked_at timestamptz(3),
        user_agent text,
        address text
      )`);
    await db.query(`CREATE INDEX session_user_idx ON access.session (user_id, created_at DESC)`);

    await db.query(`
      CREATE TABLE access.api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        authority text NOT NULL,
        prefix text NOT NULL,
        key_digest text NOT NULL UNIQUE,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        expires_at timestamptz(3) NOT NULL,
        revoked_at timestamptz(3),
        created_by text NOT NULL,
        last_used_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX api_key_authority_idx ON access.api_key (authority, created_at DESC, id)`);

    for (const statement of auditTableSql('access')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE access.audit_log, access.api_key, access.session, access.staff_user`);
  }
}
