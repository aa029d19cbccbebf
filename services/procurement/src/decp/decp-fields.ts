// Field readers of a DECP record: each turns one value of the file into a plain value or reports what is wrong with it
// (the DECP name of the field, the value found, why), so a record's every problem is collected, not only the first.
import { AWARDEE_ID_TYPE, AwardeeIdType, type Vocabulary } from '../common/codes';
import { compactIdentifier, isCalendarDate } from '../common/identifiers';
import type { AwardeeValues } from '../contract/contract.rules';

export interface RecordProblem {
  field: string | null;
  value: string | null;
  message: string;
}

export type Obj = Record<string, unknown>;
export const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

export function show(value: unknown): string | null {
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

const NOT_COMMUNICATED = /^(nc|n\/c|n\.c\.|nd|n\/d|non communiqu[ée]e?|inconnu|-)$/i;

/** Reads one record's fields into plain values, reporting each bad one; the contract rules then check consistency. */
export class RecordReader {
  readonly problems: RecordProblem[] = [];

  constructor(private readonly record: Obj) {}

  problem(field: string | null, value: unknown, message: string): void {
    this.problems.push({ field, value: show(value), message });
  }

  has(key: string): boolean {
    return this.record[key] !== undefined && this.record[key] !== null;
  }

  text(key: string, options: { required?: boolean; from?: Obj; path?: string } = {}): string | null {
    const source = options.from ?? this.record;
    const field = options.path ?? key;
    const value = source[key];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (options.required) this.problem(field, value, 'is required');
      return null;
    }
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') {
      this.problem(field, value, 'must be text');
      return null;
    }
    return value.trim();
  }

  amount(key: string, options: { required?: boolean; from?: Obj; path?: string } = {}): number | null {
    const source = options.from ?? this.record;
    const field = options.path ?? key;
    const value = source[key];
    if (value === undefined || value === null || value === '') {
      if (options.required) this.problem(field, value, 'is required');
      return null;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.problem(field, value, 'is not an amount');
      return Number.isFinite(value) ? value : null;
    }
    if (typeof value === 'string') {
      const compact = value.replace(/[\s\u00a0\u202f€]/g, '');
      if (NOT_COMMUNICATED.test(compact)) {
        this.problem(field, value, `is "${value.trim()}" (not communicated): the DECP requires the amount excl. tax`);
        return null;
      }
      if (/^-?\d+([.,]\d+)?$/.test(compact)) return Number(compact.replace(',', '.'));
      // bare NaN and Infinity of the file arrive here as text (see decp-parse.ts)
      if (/^-?(NaN|Infinity)$/.test(compact)) {
        this.problem(field, value, `is ${compact} in the file (not a number): the DECP requires the amount excl. tax`);
        return null;
      }
    }
    this.problem(field, value, 'is not an amount in euros (a number such as 125000.50)');
    return null;
  }

  integer(key: string, options: { required?: boolean; from?: Obj; path?: string } = {}): number | null {
    const source = options.from ?? this.record;
    const field = options.path ?? key;
    const value = source[key];
    if (value === undefined || value === null || value === '') {
      if (options.required) this.problem(field, value, 'is required');
      return null;
    }
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.0+)?\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n)) {
      this.problem(field, value, 'must be a whole number');
      return null;
    }
    return n;
  }

  decimal(key: string): number | null {
    const value = this.record[key];
    if (value === undefined || value === null || value === '') return null;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(',', '.')) : NaN;
    if (!Number.isFinite(n)) {
      this.problem(key, value, 'must be a number');
      return null;
    }
    return n;
  }

  boolean(key: string): boolean | null {
    const value = this.record[key];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (['true', 'oui', '1', 'o'].includes(text)) return true;
    if (['false', 'non', '0', 'n'].includes(text)) return false;
    this.problem(key, value, 'must be true or false');
    return null;
  }

  date(key: string, options: { required?: boolean; from?: Obj; path?: string } = {}): string | null {
    const source = options.from ?? this.record;
    const field = options.path ?? key;
    const value = source[key];
    if (value === undefined || value === null || value === '') {
      if (options.required) this.problem(field, value, 'is required');
      return null;
    }
    // YYYY-MM-DD, possibly with a time or a time zone (XML exports write 2024-03-08+01:00)
    const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(T[\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim()) : null;
    if (!match || !isCalendarDate(match[1])) {
      this.problem(field, value, 'must be a date like 2024-03-08');
      return null;
    }
    return match[1];
  }

  choice<E extends string>(key: string, vocabulary: Vocabulary<E>, options: { required?: boolean; value?: unknown } = {}): E | null {
    const value = options.value !== undefined ? options.value : this.record[key];
    if (value === undefined || value === null || value === '') {
      if (options.required) this.problem(key, value, 'is required');
      return null;
    }
    const found = typeof value === 'string' ? vocabulary.fromDecp(value) : null;
    if (!found) this.problem(key, value, `must be one of ${vocabulary.allowed()}`);
    return found;
  }

  /** A DECP list, wrapped (`{"technique": [...]}`) as in the 2024 JSON, or flat (`[...]`, a single string) as in other exports. */
  choices<E extends string>(keys: [wrapped: string, inner: string], vocabulary: Vocabulary<E>): { values: E[]; present: boolean } {
    const [wrappedKey, inner] = keys;
    const raw = this.record[wrappedKey] ?? this.record[inner];
    if (raw === undefined || raw === null) return { values: [], present: false };
    const items = unwrap(raw, inner);
    const values: E[] = [];
    for (const item of items) {
      const found = typeof item === 'string' ? vocabulary.fromDecp(item) : null;
      if (found) values.push(found);
      else this.problem(wrappedKey, item, `must list values among ${vocabulary.allowed()}`);
    }
    return { values, present: true };
  }

  awardees(raw: unknown, path: string, required: boolean): AwardeeValues[] {
    if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
      if (required) this.problem(path, raw, 'at least one awardee is required (DECP titulaires): the record names no one');
      return [];
    }
    const items = unwrap(raw, 'titulaire');
    const awardees: AwardeeValues[] = [];
    items.forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      if (!isObject(item)) {
        this.problem(itemPath, item, 'must be an object with typeIdentifiant and id');
        return;
      }
      const rawId = item.id;
      const identifier = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId).trim() : '';
      if (!identifier) {
        this.problem(`${itemPath}.id`, rawId, 'is required: the awardee has no identifier');
        return;
      }
      const rawType = item.typeIdentifiant;
      let idType: AwardeeIdType | null = null;
      if (rawType === undefined || rawType === null || rawType === '')
        this.problem(`${itemPath}.typeIdentifiant`, rawType, `is required (${AWARDEE_ID_TYPE.allowed()})`);
      else {
        idType = typeof rawType === 'string' ? AWARDEE_ID_TYPE.fromDecp(rawType) : null;
        if (!idType) this.problem(`${itemPath}.typeIdentifiant`, rawType, `must be one of ${AWARDEE_ID_TYPE.allowed()}`);
      }
      if (!idType) return;
      const name = typeof item.denominationSociale === 'string' ? item.denominationSociale.trim() || null : null;
      const compact =
        idType === AwardeeIdType.SIRET || idType === AwardeeIdType.TVA ? compactIdentifier(identifier).toUpperCase() : identifier;
      awardees.push({ idType, identifier: compact, name });
    });
    return awardees;
  }
}

/** The items of a DECP list in any of its spellings: `[x, y]`, `[{inner: x}, {inner: y}]`, `{inner: [x, y]}`, `{inner: x}`, `x`. */
export function unwrap(raw: unknown, inner: string): unknown[] {
  const asList = (value: unknown) => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
  if (Array.isArray(raw))
    return raw.flatMap((item) => (isObject(item) && Object.keys(item).length === 1 && inner in item ? asList(item[inner]) : [item]));
  if (isObject(raw) && inner in raw) return asList(raw[inner]);
  return [raw];
}
