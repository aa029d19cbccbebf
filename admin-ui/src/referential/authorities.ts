// Départements (authorities) of the platform, by INSEE code. Proper nouns: the same in every language.
// Until the platform serves its authorities, the three of the demo data.

export interface Authority {
  code: string;
  name: string;
}

export const AUTHORITIES: readonly Authority[] = [
  { code: '30', name: 'Gard' },
  { code: '26', name: 'Drôme' },
  { code: '07', name: 'Ardèche' },
];

const NAMES = new Map(AUTHORITIES.map((authority) => [authority.code, authority.name]));

export function authorityName(code: string): string | undefined {
  return NAMES.get(code);
}
