// Whether a commune code exists and where, from the official list (@etalab/decoupage-administratif, INSEE's COG).
import { readFileSync } from 'node:fs';
import { communeDepartmentProblem, communeFormatProblem } from './identifiers';

interface CommuneRecord {
  code: string;
  nom: string;
  departement: string;
  type: 'commune-actuelle' | 'arrondissement-municipal' | 'commune-deleguee' | 'commune-associee';
  chefLieu?: string;
  commune?: string;
}

export interface Commune {
  code: string;
  name: string;
  department: string;
  /** For a former commune (delegated or associated since a merger): the code of the commune it is now part of. */
  partOf: string | null;
}

let communes: Map<string, Commune> | null = null;

/**
 * The list is an 8 MB JSON file: read once, on first use, into a map of about 37 000 entries. The package's own
 * index.js reads its files relative to the working directory, hence the file read by its resolved path.
 */
function load(): Map<string, Commune> {
  if (communes) return communes;
  const file = require.resolve('@etalab/decoupage-administratif/data/communes.json');
  const records = JSON.parse(readFileSync(file, 'utf8')) as CommuneRecord[];
  const map = new Map<string, Commune>();
  for (const record of records) {
    const current = record.type === 'commune-actuelle' || record.type === 'arrondissement-municipal';
    // A delegated commune often shares its code with the current commune it belongs to: the current one wins.
    if (!current && map.has(record.code)) continue;
    const partOf = current ? null : (record.chefLieu ?? null);
    map.set(record.code, { code: record.code, name: record.nom, department: record.departement, partOf });
  }
  communes = map;
  return map;
}

export function findCommune(code: string): Commune | null {
  return load().get(code) ?? null;
}

/**
 * Why a commune code cannot be used, or null: its shape, its existence in the official list (current communes and the
 * municipal arrondissements of Paris, Lyon and Marseille) and, when given, the département it is filed under.
 */
export function communeProblem(code: string, department?: string | null): string | null {
  const format = communeFormatProblem(code);
  if (format) return format;
  const commune = findCommune(code);
  if (!commune) return 'is not a commune in the official code list (COG)';
  if (commune.partOf) return `is the former commune ${commune.name}, now part of ${commune.partOf}: use the current commune's code`;
  return department ? communeDepartmentProblem(code, department) : null;
}
