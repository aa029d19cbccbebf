// What the registry publishes for other subgraphs (rule 2 of the house): each actor's ESS status by SIRET, in change
// order, read through a cursor. Procurement pulls it to compute the share of spend awarded to ESS actors.
import { decodeCursor, encodeCursor, type InternalRoute } from '@ess/kit';
import type { DataSource } from 'typeorm';

export const MAX_FEED_PAGE = 1000;

export interface EssFeedItem {
  actorId: string;
  siret: string;
  name: string;
  essMember: boolean;
  inclusionType: string;
  updatedAt: string;
}

/** Actors with a SIRET changed after the cursor, oldest change first; `next` is where the reader resumes. */
export async function readEssFeed(dataSource: DataSource, after: string | null, limit: number): Promise<{ items: EssFeedItem[]; next: string | null }> {
  const size = Math.min(Math.max(1, Math.floor(limit) || MAX_FEED_PAGE), MAX_FEED_PAGE);
  const params: unknown[] = [size];
  let condition = '';
  if (after) {
    const [at, id] = decodeCursor(after, 'after');
    params.push(at, id);
    condition = 'AND (a.updated_at, a.id) > ($2::timestamptz, $3::uuid)';
  }
  const rows: Array<{ id: string; siret: string; name: string; ess_member: boolean; inclusion_type: string; updated_at: Date }> = await dataSource.query(
    // ess_member is computed from ess_status: true only for ESS, never for an unknown status.
    `SELECT a.id, a.siret, a.name, a.ess_member, a.inclusion_type, a.updated_at FROM actors.actor a
     WHERE a.siret IS NOT NULL ${condition} ORDER BY a.updated_at, a.id LIMIT $1`,
    params,
  );
  const items = rows.map((r) => ({ actorId: r.id, siret: r.siret, name: r.name, essMember: r.ess_member, inclusionType: r.inclusion_type, updatedAt: new Date(r.updated_at).toISOString() }));
  const last = rows.at(-1);
  return { items, next: last ? encodeCursor([new Date(last.updated_at).toISOString(), last.id]) : after };
}

export function essFeedRoute(dataSource: DataSource): InternalRoute {
  return async (body) => {
    const b = (body ?? {}) as { after?: unknown; limit?: unknown };
    const after = typeof b.after === 'string' && b.after ? b.after : null;
    try {
      return { status: 200, body: await readEssFeed(dataSource, after, typeof b.limit === 'number' ? b.limit : MAX_FEED_PAGE) };
    } catch {
      return { status: 400, body: { code: 'BAD_USER_INPUT', field: 'after', message: 'is not a cursor of this feed' } };
    }
  };
}
