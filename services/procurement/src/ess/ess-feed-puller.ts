// Pulls the registry's ESS feed into procurement's projection (ess_actor): a page of changes at a time, through the
// same idempotent, order-proof sync the registry could also push to.
import { encodeCursor, signRequest, SYSTEM, type JobHandler, type PeriodicJob, type RequestContext } from '@ess/kit';
import type { DataSource } from 'typeorm';
import type { EssSyncService } from './ess-sync.service';

const FEED = 'ess-feed';
const PAGE = 1000;
const NO_ID = '00000000-0000-0000-0000-000000000000';

interface FeedItem {
  actorId: string;
  siret: string;
  name: string;
  essMember: boolean;
  inclusionType: string;
  updatedAt: string;
}

/** The job kind of the pull: a periodic job, so that it runs once per interval whatever the number of replicas. */
export const ESS_FEED_PULL = 'ess-feed-pull';

export interface PullReport {
  received: number;
  pages: number;
  watermark: string | null;
}

export class EssFeedPuller {
  private running: Promise<PullReport> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sync: EssSyncService,
    private readonly actorsUrl: string,
    private readonly secret: string,
    /** Changes committed late by long transactions carry older timestamps: each pull reads this far back again. */
    private readonly rewindMs = 5 * 60_000,
  ) {}

  private async page(after: string | null): Promise<{ items: FeedItem[]; next: string | null }> {
    const raw = JSON.stringify({ after, limit: PAGE });
    const response = await fetch(new URL(`/internal/${FEED}`, this.actorsUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signRequest(this.secret, SYSTEM, raw) },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the registry's ESS feed answered ${response.status}`);
    return (await response.json()) as { items: FeedItem[]; next: string | null };
  }

  /** One pull up to the registry's present; concurrent calls share the pull in progress. */
  pullOnce(): Promise<PullReport> {
    this.running ??= this.pull().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pull(): Promise<PullReport> {
    const [state] = await this.dataSource.query(`SELECT watermark FROM procurement.sync_state WHERE name = $1`, [FEED]);
    const watermark: Date | null = state?.watermark ? new Date(state.watermark) : null;
    let after = watermark ? encodeCursor([new Date(watermark.getTime() - this.rewindMs).toISOString(), NO_ID]) : null;
    const context: RequestContext = { identity: SYSTEM, requestId: `ess-feed-${Date.now()}`, loaders: {} };
    const report: PullReport = { received: 0, pages: 0, watermark: watermark?.toISOString() ?? null };
    for (;;) {
      const { items, next } = await this.page(after);
      report.pages++;
      if (items.length) {
        await this.sync.sync(
          context,
          items.map((item) => ({ siret: item.siret, actorId: item.actorId, name: item.name, essMember: item.essMember, inclusionType: item.inclusionType, updatedAt: new Date(item.updatedAt), removed: false })),
        );
        report.received += items.length;
        const newest = items.reduce((max, item) => (item.updatedAt > max ? item.updatedAt : max), report.watermark ?? '');
        report.watermark = newest || report.watermark;
      }
      if (items.length < PAGE || !next) break;
      after = next;
    }
    await this.dataSource.query(
      `INSERT INTO procurement.sync_state (name, watermark, synced_at, last_error) VALUES ($1, $2, now(), NULL)
       ON CONFLICT (name) DO UPDATE SET watermark = EXCLUDED.watermark, synced_at = now(), last_error = NULL`,
      [FEED, report.watermark],
    );
    return report;
  }

  /** Keeps a failed pull's reason in `sync_state` at once (the runner retries it and logs from the third in a row). */
  async recordFailure(error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.dataSource
      .query(
        `INSERT INTO procurement.sync_state (name, last_error) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET last_error = EXCLUDED.last_error`,
        [FEED, message],
      )
      .catch(() => undefined);
  }
}

/**
 * The pull as a periodic job every `intervalMs`. A failed pull is retried by the job runner sooner (1 s, 2, 4… up to
 * a minute, 8 attempts): when the platform starts, the registry may not answer yet.
 */
export function essFeedPullJob(puller: EssFeedPuller, intervalMs: number): { handler: JobHandler; periodic: PeriodicJob } {
  return {
    handler: async () => {
      try {
        return await puller.pullOnce();
      } catch (error) {
        await puller.recordFailure(error);
        throw error;
      }
    },
    periodic: { kind: ESS_FEED_PULL, everyMs: intervalMs, maxAttempts: 8 },
  };
}
