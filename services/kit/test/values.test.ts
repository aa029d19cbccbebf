// The value rules every subgraph shares: one amount ceiling, real dates, trimmed text; one SIRET per demo département.
import { amountCeilingProblem, cleanText, DEMO_AUTHORITIES, isRealDate, MAX_AMOUNT, Problems, siretProblem } from '../src';

describe('amounts', () => {
  it('one ceiling for every subgraph: 1 billion euros, excluded', () => {
    expect(MAX_AMOUNT).toBe(1e9);
    expect(amountCeilingProblem(999_999_999.99)).toBeNull();
    expect(amountCeilingProblem(1e9)).toMatch(/at or above the 1 000 000 000 € ceiling/);
    expect(amountCeilingProblem(1e17)).toMatch(/^is 1e\+17 €/);
  });

  it('Problems.amount: not negative, under the ceiling, cents at most', () => {
    const problems = new Problems();
    problems.amount('a', 12.5);
    problems.amount('b', -1);
    problems.amount('c', 1e12);
    problems.amount('d', 1.234);
    problems.amount('e', null);
    expect(problems.list).toEqual([
      { field: 'b', message: 'must be a positive amount or zero' },
      { field: 'c', message: expect.stringMatching(/ceiling/) },
      { field: 'd', message: 'must have at most 2 decimals (cents)' },
    ]);
  });
});

describe('dates and text', () => {
  it('a real date is a calendar day', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2024-3-8')).toBe(false);
  });

  it('blank text is no value', () => {
    expect(cleanText('  ')).toBeNull();
    expect(cleanText(' a ')).toBe('a');
    expect(cleanText(undefined)).toBeUndefined();
  });
});

describe('demo départements', () => {
  it('each has one valid SIRET whose SIREN is a département’s (22 + code)', () => {
    for (const [code, authority] of Object.entries(DEMO_AUTHORITIES)) {
      expect(siretProblem(authority.siret)).toBeNull();
      expect(authority.siret.startsWith(`22${code}`)).toBe(true);
    }
  });
});
