// Token buckets per caller (key, account or address): in this process, or in Redis (REDIS_URL) shared by every gateway replica.
import type Redis from 'ioredis';

export interface Bucket {
  capacity: number;
  perMinute: number;
}

export interface RateLimiter {
  /** Takes one token; resolves to 0 when allowed, else the seconds to wait. */
  take(key: string, limit: Bucket): Promise<number>;
  close?(): Promise<void>;
}

/** One gateway alone (or `npm start`): each replica would limit only its own share of the traffic. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  async take(key: string, limit: Bucket, now = Date.now()): Promise<number> {
    const refill = limit.perMinute / 60_000;
    const state = this.buckets.get(key) ?? { tokens: limit.capacity, at: now };
    state.tokens = Math.min(limit.capacity, state.tokens + (now - state.at) * refill);
    state.at = now;
    if (this.buckets.size > 50_000) this.buckets.clear();
    this.buckets.set(key, state);
    if (state.tokens >= 1) {
      state.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - state.tokens) / refill / 1000));
  }
}

// The same bucket arithmetic, atomic in Redis, timed by the Redis server's clock so that gateways' clocks may differ.
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * refill)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.max(1, math.ceil((1 - tokens) / refill / 1000)) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / refill) + 1000)
return wait`;

/** Buckets every gateway replica shares: the limit holds whichever replica a caller's requests reach. */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ess:rate:',
  ) {
    redis.defineCommand('essTakeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  }

  async take(key: string, limit: Bucket): Promise<number> {
    const take = (this.redis as unknown as { essTakeToken(key: string, capacity: number, refill: number): Promise<number> }).essTakeToken;
    try {
      return Number(await take.call(this.redis, `${this.prefix}${key}`, limit.capacity, limit.perMinute / 60_000));
    } catch {
      // Redis unreachable: serving without the limit beats refusing everyone; the cost limits still bound each request.
      return 0;
    }
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
