// The demo actors every subgraph's demo data may refer to: stable keys, ids and SIRETs (the registry holds the rest).
import { demoId, demoSiret } from './demo';

/** In registry order; a key's position fixes its demo SIRET, so append new keys at the end. */
export const DEMO_ACTOR_KEYS = [
  'scic-gard-autonomie',
  'ess-gard',
  'jardins-cocagne-ales',
  'scop-mobilite-cevennes',
  'creche-uzes',
  'epicerie-bagnols',
  'mutuelle-gard',
  'fondation-nimes',
  'esat-beaucaire',
  'ea-nimes',
  'etti-nimes',
  'ei-stgilles',
  'ai-ales',
  'eiti-vigan',
  'geiq-gard',
  'cuma-vigan',
  'coop-agricole-stgilles',
  'tiers-lieu-vigan',
  'mobilite-pontdugard',
  'ancienne-asso-uzes',
  'cress-occitanie',
  'pole-sud',
  'cress-aura',
  'coorace-aura',
  'adie-valence',
  'urscop-aura',
  'groupe-archer',
  'iedv',
  'cae-valence',
  'scop-bois-privas',
  'recyclerie-aubenas',
  'services-annonay',
  'scop-reprise-montelimar',
  'pool-soustraitance-tournon',
  'mobilite-die',
  'mutuelle-crest',
  'menuiserie-tournon',
] as const;

export type DemoActorKey = (typeof DEMO_ACTOR_KEYS)[number];

export function demoActor(key: DemoActorKey): { id: string; siret: string } {
  const index = DEMO_ACTOR_KEYS.indexOf(key);
  if (index < 0) throw new Error(`Unknown demo actor ${key}`);
  return { id: demoId(`actor:${key}`), siret: demoSiret(index + 1) };
}

/**
 * The three départements of the founding documents, one SIRET each for every subgraph (procurement's demo buyers,
 * the plans' authorities and SCDL idAttribuant): their SIRENs are the départements' own (22 + code + …).
 */
export const DEMO_AUTHORITIES = {
  '30': { name: 'Gard', officialName: 'Département du Gard', siret: '22300001900016' },
  '26': { name: 'Drôme', officialName: 'Département de la Drôme', siret: '22260001700016' },
  '07': { name: 'Ardèche', officialName: "Département de l'Ardèche", siret: '22070001700019' },
} as const;

export type DemoAuthorityCode = keyof typeof DEMO_AUTHORITIES;
