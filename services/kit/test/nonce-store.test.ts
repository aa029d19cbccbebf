import { MemoryNonceStore, signRequest, SignatureError, SIGNATURE_TTL_SECONDS, SYSTEM, verifyFreshRequest } from '../src';

// A signed request is served once: its nonce is remembered for the signature's lifetime, in bounded memory.
describe('replay refusal', () => {
  const secret = 's'.repeat(64);
  const body = '{"query":"{ __typename }"}';
  const headersOf = (signed: Record<string, string>) => ({ identity: signed['x-ess-identity'], signature: signed['x-ess-signature'] });

  it('accepts a signed request once and refuses the same one again', async () => {
    const store = new MemoryNonceStore();
    const signed = headersOf(signRequest(secret, SYSTEM, body));
    await expect(verifyFreshRequest(secret, signed, body, store)).resolves.toEqual(SYSTEM);
    await expect(verifyFreshRequest(secret, signed, body, store)).rejects.toThrow(new SignatureError('replayed gateway request'));
    await expect(verifyFreshRequest(secret, headersOf(signRequest(secret, SYSTEM, body)), body, store)).resolves.toEqual(SYSTEM);
  });

  it('forgets a nonce once its signature has expired (a replay then fails as expired)', async () => {
    const store = new MemoryNonceStore();
    const t0 = Date.now();
    await verifyFreshRequest(secret, headersOf(signRequest(secret, SYSTEM, body, t0)), body, store, t0);
    expect(store.size).toBe(1);
    const later = t0 + (SIGNATURE_TTL_SECONDS + 2) * 1000;
    await verifyFreshRequest(secret, headersOf(signRequest(secret, SYSTEM, body, later)), body, store, later);
    expect(store.size).toBe(1);
  });

  it('refuses rather than forgets when full', async () => {
    const store = new MemoryNonceStore(2);
    await verifyFreshRequest(secret, headersOf(signRequest(secret, SYSTEM, body)), body, store);
    await verifyFreshRequest(secret, headersOf(signRequest(secret, SYSTEM, body)), body, store);
    await expect(verifyFreshRequest(secret, headersOf(signRequest(secret, SYSTEM, body)), body, store)).rejects.toThrow(SignatureError);
  });
});
