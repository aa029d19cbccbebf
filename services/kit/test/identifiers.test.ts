// The one implementation of the official identifiers (SIREN, SIRET, RNA, départements, communes) every subgraph and the SPA use.
import { readFileSync } from 'node:fs';
import {
  communeDepartmentProblem,
  communeFormatProblem,
  communeProblem,
  compactIdentifier,
  departmentOfCommune,
  departmentProblem,
  findCommune,
  luhnValid,
  nafProblem,
  rnaProblem,
  sirenProblem,
  siretProblem,
  withLuhnDigit,
} from '../src';

describe('SIREN and SIRET (Luhn)', () => {
  it('accepts real SIREN and SIRET numbers', () => {
    expect(sirenProblem('732829320')).toBeNull();
    expect(sirenProblem('443061841')).toBeNull();
    expect(siretProblem('44306184100047')).toBeNull();
    expect(siretProblem('22300001900016')).toBeNull(); // the Gard
  });

  it('rejects a typo in one digit, and swapped digits', () => {
    expect(sirenProblem('732829321')).toMatch(/Luhn/);
    expect(siretProblem('44306184100048')).toMatch(/Luhn/);
    expect(siretProblem('44306184100074')).toMatch(/Luhn/);
  });

  it('rejects 12345678900023: its 14 digits pass Luhn but its SIREN part does not', () => {
    expect(luhnValid('12345678900023')).toBe(true);
    expect(luhnValid('123456789')).toBe(false);
    expect(siretProblem('12345678900023')).toMatch(/SIREN part/);
    const built = withLuhnDigit('7328293210001');
    expect(luhnValid(built)).toBe(true);
    expect(siretProblem(built)).toMatch(/SIREN part/);
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(sirenProblem('73282932')).toMatch(/9 digits/);
    expect(sirenProblem('7328293200')).toMatch(/9 digits/);
    expect(sirenProblem('73282932A')).toMatch(/9 digits/);
    expect(siretProblem('4430618410004')).toMatch(/14 digits/);
    expect(siretProblem('443061841000470')).toMatch(/14 digits/);
  });

  it('withLuhnDigit completes a number so that it passes', () => {
    expect(withLuhnDigit('44306184')).toBe('443061841');
    expect(withLuhnDigit('4430618410004')).toBe('44306184100047');
  });

  it('compactIdentifier removes spaces (also non-breaking) and dots, not dashes', () => {
    expect(compactIdentifier('356.000.000 49837')).toBe('35600000049837');
    expect(compactIdentifier('FR-12')).toBe('FR-12');
    expect(compactIdentifier('443\u00a0061\u202f841 00047')).toBe('44306184100047');
  });
});

describe('La Poste exception', () => {
  it('accepts its head office 35600000000048, which passes Luhn (digit sum 26)', () => {
    expect(luhnValid('35600000000048')).toBe(true);
    expect(siretProblem('35600000000048')).toBeNull();
  });

  it('accepts an establishment that fails Luhn when its digit sum (45) is a multiple of 5', () => {
    expect(luhnValid('35600000049837')).toBe(false);
    expect(siretProblem('35600000049837')).toBeNull();
  });

  it('rejects an establishment whose digit sum is not a multiple of 5, even when it passes Luhn', () => {
    expect(siretProblem('35600000049838')).toMatch(/La Poste/);
    expect(luhnValid('35600000010013')).toBe(true);
    expect(siretProblem('35600000010013')).toMatch(/La Poste/);
  });

  it('accepts the La Poste SIREN itself (it passes Luhn)', () => {
    expect(luhnValid('356000000')).toBe(true);
    expect(sirenProblem('356000000')).toBeNull();
  });
});

describe('RNA and NAF', () => {
  it.each(['W302001234', 'W751234567'])('accepts RNA %s', (rna) => expect(rnaProblem(rna)).toBeNull());
  it.each(['W30200123', 'W3020012345', 'X302001234', '302001234', 'W30200123A', 'w302001234'])('rejects RNA %s', (rna) =>
    expect(rnaProblem(rna)).not.toBeNull(),
  );
  it.each(['88.99B', '01.13Z', '94.99Z'])('accepts NAF %s', (naf) => expect(nafProblem(naf)).toBeNull());
  it.each(['8899B', '88.99', '88.99b'])('rejects NAF %s', (naf) => expect(nafProblem(naf)).not.toBeNull());
});

describe('départements', () => {
  it.each(['01', '07', '19', '21', '26', '30', '95', '2A', '2B', '971', '972', '973', '974', '976'])('accepts %s', (code) =>
    expect(departmentProblem(code)).toBeNull(),
  );
  it.each(['00', '20', '96', '975', '977', '978', '984', '7', '300', 'ZZ', '2a'])('rejects %s', (code) => expect(departmentProblem(code)).not.toBeNull());

  it('the rule matches the official list exactly: the 96 metropolitan and 5 overseas départements (975 is a collectivity)', () => {
    const file = require.resolve('@etalab/decoupage-administratif/data/departements.json');
    const official = (JSON.parse(readFileSync(file, 'utf8')) as Array<{ code: string; zone: string }>).filter((d) => d.zone !== 'com').map((d) => d.code);
    expect(official).toHaveLength(101);
    const candidates = [...Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')), '2A', '2B', ...Array.from({ length: 30 }, (_, i) => String(970 + i))];
    expect(candidates.filter((code) => departmentProblem(code) === null).sort()).toEqual([...official].sort());
  });
});

describe('communes', () => {
  it.each(['30189', '07186', '26362', '2A004', '2B033', '97105', '97411', '97611', '75101', '13201'])('accepts %s, in the official list', (code) =>
    expect(communeProblem(code)).toBeNull(),
  );
  it.each(['3018', '301890', '2C004', '2a004', 'AB123', '20004', '00123', '96123', '98712', '97501', ''])('rejects the shape of %p', (code) =>
    expect(communeFormatProblem(code)).not.toBeNull(),
  );

  it('refuses a well-shaped code that is no commune, and names the current commune of a former one', () => {
    expect(communeFormatProblem('30999')).toBeNull();
    expect(communeProblem('30999')).toMatch(/official code list/);
    // Béon merged into Valromey-sur-Séran (01138) in 2016: SIRENE files the establishment under the current commune.
    expect(findCommune('01039')).toMatchObject({ name: 'Béon', partOf: '01138' });
    expect(communeProblem('01039')).toMatch(/former commune Béon, now part of 01138/);
  });

  it('a commune filed under a département must be in it', () => {
    expect(communeProblem('30189', '30')).toBeNull();
    expect(communeProblem('30189', '26')).toBe('is a commune of département 30, not of 26');
    expect(communeDepartmentProblem('2A004', '2A')).toBeNull();
    expect(communeDepartmentProblem('97411', '974')).toBeNull();
    expect(communeDepartmentProblem('97411', '97')).not.toBeNull();
  });

  it('finds the département of a commune, with 3 characters overseas and 2A/2B in Corsica', () => {
    expect(departmentOfCommune('30189')).toBe('30');
    expect(departmentOfCommune('2B033')).toBe('2B');
    expect(departmentOfCommune('97105')).toBe('971');
    expect(findCommune('30189')).toEqual({ code: '30189', name: 'Nîmes', department: '30', partOf: null });
  });
});
