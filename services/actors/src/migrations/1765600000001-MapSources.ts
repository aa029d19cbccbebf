import type { MigrationInterface, QueryRunner } from 'typeorm';

// Where an actor also appears on an ESS map (GoGoCarto, e.g. Carteco): the map's element id, so that the next import finds
// the actor again, the map's category labels and opening hours as the map publishes them, and the contact the import made
// (personal data stays in actors.contact). Coordinates live on the actor (latitude, longitude, since the first migration).
export class MapSources1765600000001 implements MigrationInterface {
  name = 'MapSources1765600000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE actors.actor_source (
        source text NOT NULL CHECK (source ~ '^[a-z0-9][a-z0-9._-]{0,59}$'),
        source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
        actor_id uuid NOT NULL REFERENCES actors.actor(id) ON DELETE CASCADE,
        categories text[] NOT NULL DEFAULT '{}',
        open_hours jsonb,
        -- open_hours: [{ day, hours }] in the map's order. contact_id: the contact made from the map's email and phone;
        -- null once staff deleted it, which the next import respects (contact_made stays true).
        contact_id uuid REFERENCES actors.contact(id) ON DELETE SET NULL,
        contact_made boolean NOT NULL DEFAULT false,
        imported_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (source, source_id)
      )`);
    await db.query(`CREATE INDEX actor_source_actor_idx ON actors.actor_source (actor_id, source)`);
    await db.query(`CREATE INDEX actor_source_contact_idx ON actors.actor_source (contact_id) WHERE contact_id IS NOT NULL`);
    // Candidates by commune: the import proposes actors of the same postal code (or commune name) with a similar name.
    await db.query(`CREATE INDEX actor_postal_code_idx ON actors.actor (postal_code) WHERE postal_code IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX actors.actor_postal_code_idx`);
    await db.query(`DROP TABLE actors.actor_source`);
  }
}
