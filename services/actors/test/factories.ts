// Small factories for the registry tests: data built through the GraphQL API (as users would) or plain SQL (when volume matters).
import { randomUUID } from 'node:crypto';
import { withLuhnDigit, type Identity } from '@ess/kit';
import { SYSTEM, type GraphQLResult, type TestSubgraph } from '@ess/kit/testing';
import type { DataSource } from 'typeorm';

export { SYSTEM };

/** A valid SIRET, different for every n (SIREN 7xxxxxxxx, NIC 0001x). */
export function siretFor(n: number): string {
  const siren = withLuhnDigit(`7${String(n).padStart(7, '0')}`);
  return withLuhnDigit(`${siren}0001`);
}

/** Turns a data object into a GraphQL result, failing the test with the errors when there are any. */
export function ok<T = Record<string, any>>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}

/** The single error of a result (fails when there is none or several). */
export function onlyError(result: GraphQLResult): { message: string; path?: string[]; extensions?: Record<string, any> } {
  expect(result.errors).toHaveLength(1);
  return result.errors![0];
}

export const ACTOR_FIELDS = `id name version siret siren rna authorityCode essMember inclusionType status sectors archivedAt
  legalForm { code family } esus { approvedOn expiresOn valid } address { communeCode communeName }`;

export interface ActorRow {
  id: string;
  name: string;
  version: number;
  siret: string | null;
  authorityCode: string;
  legalForm: { code: string | null; family: string };
  [field: string]: any;
}

export async function createActor(subgraph: TestSubgraph, input: Record<string, unknown>, identity: Identity = SYSTEM): Promise<ActorRow> {
  const result = await subgraph.request<{ createActor: ActorRow }>(
    `mutation ($input: CreateActorInput!) { createActor(input: $input) { ${ACTOR_FIELDS} } }`,
    // Authority 30 unless the actor has a commune (then the commune decides, as it does for users).
    { input: { ...(input.communeCode ? {} : { authority: '30' }), ...input } },
    identity,
  );
  return ok(result).createActor;
}

export function updateActor(subgraph: TestSubgraph, id: string, version: number, input: Record<string, unknown>, identity: Identity = SYSTEM) {
  return subgraph.request<{ updateActor: ActorRow }>(
    `mutation ($id: ID!, $version: Int!, $input: UpdateActorInput!) { updateActor(id: $id, version: $version, input: $input) { ${ACTOR_FIELDS} } }`,
    { id, version, input },
    identity,
  );
}

export async function archiveActor(subgraph: TestSubgraph, id: string, version: number, identity: Identity = SYSTEM): Promise<ActorRow> {
  const result = await subgraph.request<{ archiveActor: ActorRow }>(`mutation ($id: ID!, $v: Int!) { archiveActor(id: $id, version: $v) { ${ACTOR_FIELDS} } }`, { id, v: version }, identity);
  return ok(result).archiveActor;
}

export interface NetworkRow {
  id: string;
  name: string;
  version: number;
  kind: string;
  authorityCode: string | null;
}

export async function createNetwork(subgraph: TestSubgraph, input: Record<string, unknown>, identity: Identity = SYSTEM): Promise<NetworkRow> {
  const result = await subgraph.request<{ createNetwork: NetworkRow }>(
    `mutation ($input: NetworkInput!) { createNetwork(input: $input) { id name version kind authorityCode } }`,
    { input: { kind: 'OTHER', ...input } },
    identity,
  );
  return ok(result).createNetwork;
}

export function addMember(subgraph: TestSubgraph, networkId: string, actorId: string, identity: Identity = SYSTEM) {
  return subgraph.request<{ addNetworkMember: { id: string; memberCount: number } }>(
    `mutation ($n: ID!, $a: ID!) { addNetworkMember(networkId: $n, actorId: $a) { id memberCount } }`,
    { n: networkId, a: actorId },
    identity,
  );
}

export async function createContact(subgraph: TestSubgraph, actorId: string, input: Record<string, unknown>, identity: Identity = SYSTEM) {
  const result = await subgraph.request<{ createContact: { id: string; email: string | null; version: number } }>(
    `mutation ($actorId: ID!, $input: ContactInput!) { createContact(actorId: $actorId, input: $input) { id email version } }`,
    { actorId, input: { firstName: 'Alex', lastName: 'Test', ...input } },
    identity,
  );
  return ok(result).createContact;
}

export const CONTACT_FIELDS = 'id actorId firstName lastName role email phone version erasedAt';

export function updateContact(subgraph: TestSubgraph, id: string, version: number, input: Record<string, unknown>, identity: Identity = SYSTEM) {
  return subgraph.request<{ updateContact: Record<string, any> }>(
    `mutation ($id: ID!, $version: Int!, $input: ContactInput!) { updateContact(id: $id, version: $version, input: $input) { ${CONTACT_FIELDS} } }`,
    { id, version, input },
    identity,
  );
}

export function eraseContact(subgraph: TestSubgraph, id: string, version: number, reason: string, identity: Identity = SYSTEM) {
  return subgraph.request<{ eraseContact: { id: string; actorId: string; version: number; erasedAt: string; auditEntriesAnonymised: number } }>(
    `mutation ($id: ID!, $version: Int!, $reason: String!) { eraseContact(id: $id, version: $version, reason: $reason) { id actorId version erasedAt auditEntriesAnonymised } }`,
    { id, version, reason },
    identity,
  );
}

export interface SqlActor {
  id?: string;
  name: string;
  authority?: string;
  family?: string;
  siret?: string | null;
  description?: string | null;
  communeCode?: string | null;
}

/** Inserts actors in one statement (bypassing the API: for volume); returns their ids in the given order. */
export async function insertActorsSql(dataSource: DataSource, actors: SqlActor[]): Promise<string[]> {
  const ids = actors.map((actor) => actor.id ?? randomUUID());
  const values: unknown[] = [];
  const rows = actors.map((actor, i) => {
    values.push(ids[i], actor.name, actor.family ?? 'ASSOCIATION', actor.authority ?? '30', actor.siret ?? null, actor.description ?? null, actor.communeCode ?? null);
    const b = i * 7;
    return `($${b + 1}::uuid, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const offset = start * 7;
    await dataSource.query(
      `INSERT INTO actors.actor (id, name, legal_family, authority_code, siret, description, commune_code) VALUES ${chunk.join(', ')}`,
      values.slice(offset, offset + chunk.length * 7),
    );
  }
  return ids;
}

export async function insertNetworksSql(dataSource: DataSource, names: string[], kind = 'OTHER'): Promise<string[]> {
  const ids = names.map(() => randomUUID());
  await dataSource.query(
    `INSERT INTO actors.network (id, name, kind) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
    [ids, names, names.map(() => kind)],
  );
  return ids;
}

export async function insertMembershipsSql(dataSource: DataSource, links: Array<{ networkId: string; actorId: string }>): Promise<void> {
  if (!links.length) return;
  await dataSource.query(`INSERT INTO actors.network_membership (network_id, actor_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
    links.map((l) => l.networkId),
    links.map((l) => l.actorId),
  ]);
}

export async function insertContactsSql(dataSource: DataSource, contacts: Array<{ actorId: string; email: string }>): Promise<void> {
  if (!contacts.length) return;
  await dataSource.query(
    `INSERT INTO actors.contact (actor_id, first_name, last_name, email) SELECT a, 'Prénom', 'Nom', e FROM unnest($1::uuid[], $2::text[]) AS t(a, e)`,
    [contacts.map((c) => c.actorId), contacts.map((c) => c.email)],
  );
}

export async function countRows(
  dataSource: DataSource,
  table: 'actor' | 'network' | 'network_membership' | 'contact' | 'audit_log' | 'personal_data_access',
): Promise<number> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM actors.${table}`);
  return count;
}

/** A CSV with SIRENE column names; each row gives the columns it sets. */
export function sireneCsv(columns: string[], rows: Array<Record<string, string>>, delimiter = ',', newline = '\n'): string {
  const cell = (value: string) => (value.includes(delimiter) || value.includes('"') || value.includes('\n') ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns.join(delimiter), ...rows.map((row) => columns.map((c) => cell(row[c] ?? '')).join(delimiter))].join(newline) + newline;
}

/** ISO date (YYYY-MM-DD) some years and days before today. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
