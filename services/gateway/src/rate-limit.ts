// Token buckets per caller (key, account or address). In memory: each gateway replica limits on its own share of traffic.
export interface Bucket {
  capacity: number;
  perMinute: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string, limit: Bucket, now = Date.now()): number {
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
