// State the replicas of a service share through Redis (REDIS_URL): replay nonces, revocations; without it, each process keeps its own.
import Redis from 'ioredis';
import type { NonceStore } from './identity';

/** Channel on which the access subgraph announces revoked sessions and keys; every gateway drops them from its cache. */
export const REVOCATION_CHANNEL = 'ess:revocations';

export type Revocation = { sessionId: string } | { keyId: string };

/** Announces revocations; the no-op default serves a single gateway (which forgets on sign-out itself) or tests. */
export interface RevocationPublisher {
  publish(revocation: Revocation): Promise<void>;
}

export const NO_REVOCATION_PUBLISHER: RevocationPublisher = { publish: async () => undefined };

/** One Redis connection; commands fail fast (no endless offline queue) so a Redis outage answers errors, not hangs. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000, enableAutoPipelining: true });
}

/**
 * Nonces in Redis: `SET key 1 PX ttl NX` claims a nonce once across every replica, and Redis forgets it when the
 * signature expires. A Redis error propagates: the request is refused rather than possibly replayed (fails closed).
 */
export class RedisNonceStore implements NonceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async claim(nonce: string, expiresAtMs: number, now: number): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(expiresAtMs - now));
    return (await this.redis.set(`${this.prefix}${nonce}`, '1', 'PX', ttl, 'NX')) === 'OK';
  }
}

export class RedisRevocationPublisher implements RevocationPublisher {
  constructor(private readonly redis: Redis) {}

  async publish(revocation: Revocation): Promise<void> {
    await this.redis.publish(REVOCATION_CHANNEL, JSON.stringify(revocation));
  }
}

/**
 * Listens for revocations on a dedicated connection (a subscribed connection runs no other command). Messages sent
 * while the connection was down are lost, so `onGap` runs at every (re)subscription: the listener then forgets all.
 */
export async function subscribeRevocations(url: string, onRevoked: (r: Revocation) => void, onGap: () => void): Promise<Redis> {
  const subscriber = new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: null });
  subscriber.on('message', (channel: string, message: string) => {
    if (channel !== REVOCATION_CHANNEL) return;
    try {
      const parsed = JSON.parse(message) as Record<string, unknown>;
      if (typeof parsed.sessionId === 'string') onRevoked({ sessionId: parsed.sessionId });
      else if (typeof parsed.keyId === 'string') onRevoked({ keyId: parsed.keyId });
    } catch {
      onGap();
    }
  });
  subscriber.on('ready', onGap);
  // Errors are retried by the client itself; without a listener Node would treat them as unhandled.
  subscriber.on('error', () => undefined);
  // Waits for the subscription, but at most 2 s: a gateway starts while Redis is down (its cache then lives
  // AUTH_CACHE_TTL_MS, and is emptied when the subscription is made).
  const subscribed = subscriber.subscribe(REVOCATION_CHANNEL).catch(() => undefined);
  await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  return subscriber;
}
