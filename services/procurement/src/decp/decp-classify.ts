// Finds the records of a DECP document and tells what each one is (a marché, a concession, or neither) from what it says
// it is (`_type`, `nature`), never from which keys happen to be present: consolidated files put empty concession keys
// (`"autoriteConcedante": ""`) on marchés.
import { BadInputError } from '@ess/kit';
import { looseKey as looseKeyOf } from '../common/codes';
import { isObject, show, type Obj } from './decp-fields';

export interface RawRecord {
  /** Position in its list of the file, from 0. */
  index: number;
  path: string;
  value: unknown;
}

export type RecordKind = 'marche' | 'concession' | 'unknown';

/** A record the import does not read as a contract, with why: concessions are counted, the rest is reported as an error. */
export interface SetAside {
  record: RawRecord;
  kind: 'concession' | 'unknown';
  decpId: string | null;
  message: string;
}

const MARCHE_NATURES = ['marche', 'marche de partenariat', 'marche de defense ou de securite', 'accord-cadre', 'marche subsequent'];
const CONCESSION_NATURES = [
  'concession de travaux',
  'concession de service',
  'concession de service public',
  'delegation de service public',
];

/** Whether a value carries something: consolidated files write `""`, `[]` or `{}` for keys of the other kind of contract. */
function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.values(value).some(filled);
  return true;
}

/** What a record is: its `_type` first, then its `nature`, then the concession-only data it fills (never mere empty keys). */
export function classify(value: Obj): { kind: RecordKind; why: string | null } {
  if (typeof value._type === 'string' && value._type.trim()) {
    const type = looseKeyOf(value._type);
    if (type.includes('concession')) return { kind: 'concession', why: null };
    if (type.startsWith('marche')) return { kind: 'marche', why: null };
    return { kind: 'unknown', why: `_type "${value._type}" is neither "Marché" nor "Contrat de concession"` };
  }
  if (typeof value.nature === 'string' && value.nature.trim()) {
    const nature = looseKeyOf(value.nature);
    if (MARCHE_NATURES.includes(nature)) return { kind: 'marche', why: null };
    if (CONCESSION_NATURES.includes(nature)) return { kind: 'concession', why: null };
  }
  if (filled(value.autoriteConcedante) || filled(value.concessionnaires) || filled(value.valeurGlobale))
    return { kind: 'concession', why: null };
  if (filled(value.acheteur) || filled(value.titulaires)) return { kind: 'marche', why: null };
  return { kind: 'unknown', why: 'is neither a marché (no _type, nature, acheteur or titulaires) nor a concession' };
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The records of a DECP document, where each sits, and those set aside. Accepted shapes: `{"marches": {"marche": [...],
 * "contrat-concession": [...]}}` (2024; a single object where a list is expected, as in the official example),
 * `{"marches": [...]}` (2019 and consolidated files, each record with its `_type`), and a bare list.
 */
export function extractRecords(document: unknown): { records: RawRecord[]; setAside: SetAside[] } {
  const records: RawRecord[] = [];
  const setAside: SetAside[] = [];
  const idOf = (value: unknown) =>
    isObject(value) && (typeof value.id === 'string' || typeof value.id === 'number') ? String(value.id) : null;
  const sort = (list: unknown[], base: string, declared: RecordKind | null) =>
    list.forEach((value, index) => {
      const record = { index, path: `${base}[${index}]`, value };
      // a value that is not an object is a record of the list all the same: the reader reports it
      if (!isObject(value)) return void records.push(record);
      const { kind, why } = classify(value);
      // the list a record sits in says what it is unless the record says otherwise
      const actual = declared && kind === 'unknown' ? declared : declared === 'concession' && kind !== 'marche' ? 'concession' : kind;
      if (actual === 'marche') records.push(record);
      else if (actual === 'concession') {
        setAside.push({
          record,
          kind: 'concession',
          decpId: idOf(value),
          message: 'is a concession contract (contrat de concession): counted, not imported (this subgraph follows marchés)',
        });
      } else
        setAside.push({
          record,
          kind: 'unknown',
          decpId: idOf(value),
          message: `${why ?? 'is not a contract'}: ${show(value)?.slice(0, 60)}`,
        });
    });

  if (Array.isArray(document)) sort(document, '$', null);
  else if (isObject(document) && 'marches' in document) {
    const marches = document.marches;
    if (Array.isArray(marches)) sort(marches, '$.marches', null);
    else if (isObject(marches)) {
      sort(listOf(marches.marche), '$.marches.marche', 'marche');
      sort(listOf(marches['contrat-concession']), '$.marches.contrat-concession', 'concession');
    } else {
      throw BadInputError.field('json', '"marches" must be a list of contracts or an object with a "marche" list');
    }
  } else {
    throw BadInputError.field(
      'json',
      'is not a DECP document: expected {"marches": {"marche": [...]}}, {"marches": [...]} or a list of contracts',
    );
  }
  return { records, setAside };
}
