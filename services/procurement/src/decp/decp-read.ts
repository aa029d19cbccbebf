// Reads DECP JSON (2024 format, and the 2019 `marches` format where it maps) into contract states, field by field,
// collecting every problem with the DECP name of the field and the value found instead of stopping at the first.
import { BadInputError } from '@ess/kit';
import {
  AWARDEE_ID_TYPE,
  CCAG,
  ContractNature,
  ENVIRONMENTAL_CONSIDERATION,
  EXECUTION_MODE,
  LEGACY_PRICE_FORM,
  looseKey,
  NATURE,
  OPERATOR_GROUPING,
  PLACE_CODE_TYPE,
  PRICE_FORM,
  PRICE_TYPE,
  PROCEDURE,
  RESERVED_BASIS,
  SOCIAL_CONSIDERATION,
  Technique,
  TECHNIQUE,
  AwardeeIdType,
  type ReservedBasis,
  type Vocabulary,
} from '../common/codes';
import { compactIdentifier, isCalendarDate } from '../common/identifiers';
import type { AwardeeValues, ContractFields, ModificationValues } from '../contract/contract.rules';

export interface RawRecord {
  index: number;
  path: string;
  value: unknown;
}

export interface RecordProblem {
  field: string | null;
  value: string | null;
  message: string;
}

/** Fields the DECP does not carry and the platform adds: present only when the file has an `_ess` block (our exports). */
export interface PlatformFields {
  reservedBasis: ReservedBasis | null;
  insertionHoursPlanned: number | null;
  insertionHoursAchieved: number | null;
}

export interface ReadRecord {
  index: number;
  path: string;
  legacy: boolean;
  decpId: string | null;
  buyerSiret: string | null;
  buyerName: string | null;
  /** DECP fields; the platform fields in it are null, see `platform`. */
  fields: ContractFields;
  platform: PlatformFields | null;
  awardees: AwardeeValues[];
  modifications: ModificationValues[];
  problems: RecordProblem[];
}

export const MAX_DECP_RECORDS = 5000;

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

function isConcession(value: unknown): boolean {
  if (!isObject(value)) return false;
  return (typeof value._type === 'string' && looseKey(value._type).includes('concession')) || 'autoriteConcedante' in value || 'concessionnaires' in value;
}

/**
 * The contract records of a DECP document and where each sits. Accepted shapes: `{"marches": {"marche": [...]}}` (2024,
 * `marche` may be a single object as in the official example), `{"marches": [...]}` (2019 and consolidated files), and a
 * bare array. Concessions (`contrat-concession`, `_type: "Contrat de concession"`) are counted and left out.
 */
export function extractRecords(document: unknown): { records: RawRecord[]; ignoredConcessions: number } {
  let list: unknown[];
  let base: string;
  let ignoredConcessions = 0;
  if (Array.isArray(document)) {
    list = document;
    base = '$';
  } else if (isObject(document) && 'marches' in document) {
    const marches = document.marches;
    if (Array.isArray(marches)) {
      list = marches;
      base = '$.marches';
    } else if (isObject(marches)) {
      const concessions = marches['contrat-concession'];
      if (concessions !== undefined) ignoredConcessions += Array.isArray(concessions) ? concessions.length : 1;
      const marche = marches.marche;
      if (marche === undefined) {
        list = [];
      } else if (Array.isArray(marche)) {
        list = marche;
      } else {
        list = [marche];
      }
      base = '$.marches.marche';
    } else {
      throw BadInputError.field('json', '"marches" must be a list of contracts or an object with a "marche" list');
    }
  } else {
    throw BadInputError.field('json', 'is not a DECP document: expected {"marches": {"marche": [...]}}, {"marches": [...]} or a list of contracts');
  }
  const records: RawRecord[] = [];
  list.forEach((value, position) => {
    if (isConcession(value)) ignoredConcessions++;
    else records.push({ index: records.length, path: `${base}[${position}]`, value });
  });
  return { records, ignoredConcessions };
}

function show(value: unknown): string | null {
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

const NOT_COMMUNICATED = /^(nc|n\/c|n\.c\.|nd|n\/d|non communiqu[ée]e?|inconnu|-)$/i;

/** Reads one record's fields into plain values, reporting each bad one; the contract rules then check consistency. */
class RecordReader {
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
      if (rawType === undefined || rawType === null || rawType === '') this.problem(`${itemPath}.typeIdentifiant`, rawType, `is required (${AWARDEE_ID_TYPE.allowed()})`);
      else {
        idType = typeof rawType === 'string' ? AWARDEE_ID_TYPE.fromDecp(rawType) : null;
        if (!idType) this.problem(`${itemPath}.typeIdentifiant`, rawType, `must be one of ${AWARDEE_ID_TYPE.allowed()}`);
      }
      if (!idType) return;
      const name = typeof item.denominationSociale === 'string' ? item.denominationSociale.trim() || null : null;
      const compact = idType === AwardeeIdType.SIRET || idType === AwardeeIdType.TVA ? compactIdentifier(identifier).toUpperCase() : identifier;
      awardees.push({ idType, identifier: compact, name });
    });
    return awardees;
  }
}

/** The items of a DECP list in any of its spellings: `[x, y]`, `[{inner: x}, {inner: y}]`, `{inner: [x, y]}`, `{inner: x}`, `x`. */
function unwrap(raw: unknown, inner: string): unknown[] {
  const asList = (value: unknown) => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
  if (Array.isArray(raw)) return raw.flatMap((item) => (isObject(item) && Object.keys(item).length === 1 && inner in item ? asList(item[inner]) : [item]));
  if (isObject(raw) && inner in raw) return asList(raw[inner]);
  return [raw];
}

/** 2024-only keys: a record with none of them is read as the 2019 format. */
const FORMAT_2024_KEYS = ['considerationsSociales', 'considerationsEnvironnementales', 'techniques', 'technique', 'modalitesExecution', 'modaliteExecution', 'typesPrix', 'typePrix', 'typeGroupementOperateurs', 'attributionAvance'];

export function readRecord(raw: RawRecord): ReadRecord {
  const empty: ReadRecord = {
    index: raw.index,
    path: raw.path,
    legacy: false,
    decpId: null,
    buyerSiret: null,
    buyerName: null,
    fields: null as unknown as ContractFields,
    platform: null,
    awardees: [],
    modifications: [],
    problems: [],
  };
  if (!isObject(raw.value)) return { ...empty, problems: [{ field: null, value: show(raw.value), message: 'is not a contract (a JSON object was expected)' }] };
  const record = raw.value;
  const r = new RecordReader(record);
  const legacy = !FORMAT_2024_KEYS.some((key) => key in record);

  const decpId = r.text('id', { required: true });
  let buyerSiret: string | null = null;
  let buyerName: string | null = null;
  if (!isObject(record.acheteur)) r.problem('acheteur.id', record.acheteur, 'is required: the SIRET of the buyer');
  else {
    const id = r.text('id', { required: true, from: record.acheteur, path: 'acheteur.id' });
    buyerSiret = id ? compactIdentifier(id) : null;
    buyerName = r.text('nom', { from: record.acheteur, path: 'acheteur.nom' });
  }

  const techniques = r.choices(['techniques', 'technique'], TECHNIQUE).values;
  let nature: ContractNature | null = null;
  const rawNature = record.nature;
  if (legacy && typeof rawNature === 'string' && ['accord-cadre', 'marche subsequent'].includes(looseKey(rawNature))) {
    // 2019 natures that became a purchasing technique
    nature = ContractNature.MARCHE;
    if (!techniques.includes(Technique.FRAMEWORK_AGREEMENT)) techniques.push(Technique.FRAMEWORK_AGREEMENT);
  } else {
    nature = r.choice('nature', NATURE, { required: true });
  }

  let priceForm = null;
  let priceTypes = r.choices(['typesPrix', 'typePrix'], PRICE_TYPE).values;
  if (legacy && typeof record.formePrix === 'string' && LEGACY_PRICE_FORM.fromDecp(record.formePrix)) {
    priceTypes = [LEGACY_PRICE_FORM.fromDecp(record.formePrix) as (typeof priceTypes)[number]];
  } else {
    priceForm = r.choice('formePrix', PRICE_FORM);
  }

  let placeCode: string | null = null;
  let placeTypeCode = null;
  if (record.lieuExecution !== undefined && record.lieuExecution !== null) {
    if (!isObject(record.lieuExecution)) r.problem('lieuExecution', record.lieuExecution, 'must be an object with code and typeCode');
    else {
      placeCode = r.text('code', { from: record.lieuExecution, path: 'lieuExecution.code' });
      const rawType = record.lieuExecution.typeCode;
      if (rawType !== undefined && rawType !== null && rawType !== '') {
        placeTypeCode = typeof rawType === 'string' ? PLACE_CODE_TYPE.fromDecp(rawType) : null;
        if (!placeTypeCode) r.problem('lieuExecution.typeCode', rawType, `must be one of ${PLACE_CODE_TYPE.allowed()}`);
      }
    }
  }

  const social = r.choices(['considerationsSociales', 'considerationSociale'], SOCIAL_CONSIDERATION);
  const environmental = r.choices(['considerationsEnvironnementales', 'considerationEnvironnementale'], ENVIRONMENTAL_CONSIDERATION);
  if (!legacy && !social.present) r.problem('considerationsSociales', undefined, 'is required ("Pas de considération sociale" when there is none)');
  if (!legacy && !environmental.present) r.problem('considerationsEnvironnementales', undefined, 'is required ("Pas de considération environnementale" when there is none)');

  const fields: ContractFields = {
    decpId: decpId as string,
    nature: nature as ContractNature,
    object: r.text('objet', { required: true }) as string,
    cpvCode: r.text('codeCPV', { required: true }) as string,
    procedure: r.choice('procedure', PROCEDURE, { required: true }) as ContractFields['procedure'],
    techniques,
    executionModes: r.choices(['modalitesExecution', 'modaliteExecution'], EXECUTION_MODE).values,
    frameworkAgreementId: r.text('idAccordCadre'),
    innovative: r.boolean('marcheInnovant'),
    ccag: r.choice('ccag', CCAG),
    offersReceived: r.integer('offresRecues'),
    advanceGranted: r.boolean('attributionAvance'),
    advanceRate: r.decimal('tauxAvance'),
    operatorGrouping: r.choice('typeGroupementOperateurs', OPERATOR_GROUPING),
    subcontractingDeclared: r.boolean('sousTraitanceDeclaree'),
    placeCode,
    placeTypeCode,
    durationMonths: r.integer('dureeMois', { required: true }) as number,
    notifiedOn: r.date('dateNotification', { required: true }) as string,
    publishedOn: r.date('datePublicationDonnees'),
    amount: r.amount('montant', { required: true }) as number,
    priceForm,
    priceTypes,
    originEu: r.decimal('origineUE'),
    originFrance: r.decimal('origineFrance'),
    socialConsiderations: social.values,
    environmentalConsiderations: environmental.values,
    reservedBasis: null,
    insertionHoursPlanned: null,
    insertionHoursAchieved: null,
  };

  const awardees = r.awardees(record.titulaires, 'titulaires', true);

  const modifications: ModificationValues[] = [];
  if (record.modifications !== undefined && record.modifications !== null) {
    unwrap(record.modifications, 'modification').forEach((item, i) => {
      const path = `modifications[${i}]`;
      if (!isObject(item)) {
        r.problem(path, item, 'must be an object');
        return;
      }
      const decpIdOfModification = legacy && item.id === undefined ? i + 1 : r.integer('id', { required: true, from: item, path: `${path}.id` });
      const notifiedOn = r.date(legacy && item.dateNotificationModification === undefined ? 'dateSignatureModification' : 'dateNotificationModification', {
        required: true,
        from: item,
        path: `${path}.dateNotificationModification`,
      });
      modifications.push({
        decpId: decpIdOfModification as number,
        object: r.text('objetModification', { from: item, path: `${path}.objetModification` }),
        notifiedOn,
        publishedOn: r.date('datePublicationDonneesModification', { from: item, path: `${path}.datePublicationDonneesModification` }),
        durationMonths: r.integer('dureeMois', { from: item, path: `${path}.dureeMois` }),
        amount: r.amount('montant', { from: item, path: `${path}.montant` }),
        awardees: r.awardees(item.titulaires, `${path}.titulaires`, false),
      });
    });
  }

  let platform: PlatformFields | null = null;
  if (isObject(record._ess)) {
    const ess = record._ess;
    let reservedBasis: ReservedBasis | null = null;
    if (ess.reservedBasis !== undefined && ess.reservedBasis !== null) {
      reservedBasis = typeof ess.reservedBasis === 'string' ? RESERVED_BASIS.fromDecp(ess.reservedBasis) : null;
      if (!reservedBasis) r.problem('_ess.reservedBasis', ess.reservedBasis, `must be one of ${RESERVED_BASIS.allowed()}`);
    }
    platform = {
      reservedBasis,
      insertionHoursPlanned: r.integer('insertionHoursPlanned', { from: ess, path: '_ess.insertionHoursPlanned' }),
      insertionHoursAchieved: r.integer('insertionHoursAchieved', { from: ess, path: '_ess.insertionHoursAchieved' }),
    };
  }

  return { index: raw.index, path: raw.path, legacy, decpId, buyerSiret, buyerName, fields, platform, awardees, modifications, problems: r.problems };
}

const TOP_FIELDS: Record<string, string> = {
  decpId: 'id',
  nature: 'nature',
  object: 'objet',
  cpvCode: 'codeCPV',
  procedure: 'procedure',
  techniques: 'techniques',
  executionModes: 'modalitesExecution',
  frameworkAgreementId: 'idAccordCadre',
  innovative: 'marcheInnovant',
  ccag: 'ccag',
  offersReceived: 'offresRecues',
  advanceGranted: 'attributionAvance',
  advanceRate: 'tauxAvance',
  operatorGrouping: 'typeGroupementOperateurs',
  subcontractingDeclared: 'sousTraitanceDeclaree',
  'placeOfExecution.code': 'lieuExecution.code',
  'placeOfExecution.typeCode': 'lieuExecution.typeCode',
  durationMonths: 'dureeMois',
  notifiedOn: 'dateNotification',
  publishedOn: 'datePublicationDonnees',
  amount: 'montant',
  priceForm: 'formePrix',
  priceTypes: 'typesPrix',
  originEu: 'origineUE',
  originFrance: 'origineFrance',
  socialConsiderations: 'considerationsSociales',
  environmentalConsiderations: 'considerationsEnvironnementales',
  reservedBasis: '_ess.reservedBasis',
  insertionHoursPlanned: '_ess.insertionHoursPlanned',
  insertionHoursAchieved: '_ess.insertionHoursAchieved',
};
const MODIFICATION_FIELDS: Record<string, string> = {
  decpId: 'id',
  object: 'objetModification',
  notifiedOn: 'dateNotificationModification',
  publishedOn: 'datePublicationDonneesModification',
  durationMonths: 'dureeMois',
  amount: 'montant',
};
const AWARDEE_FIELDS: Record<string, string> = { identifier: 'id', idType: 'typeIdentifiant', name: 'denominationSociale' };

function awardeePath(prefix: string, rest: string[]): string {
  if (!rest.length) return prefix;
  return rest.length === 1 ? `${prefix}[${rest[0]}]` : `${prefix}[${rest[0]}].${AWARDEE_FIELDS[rest[1]] ?? rest[1]}`;
}

/**
 * The DECP name of a field the contract rules named (`awardees.0.identifier` -> `titulaires[0].id`). Modifications are
 * named by position in the file, or by their DECP id when `modificationIds` is given (a state merged with stored ones).
 */
export function decpField(field: string, modificationIds?: number[]): string {
  const parts = field.split('.');
  if (parts[0] === 'awardees') return awardeePath('titulaires', parts.slice(1));
  if (parts[0] === 'modifications' && parts.length > 1) {
    const label = modificationIds ? `modifications[id=${modificationIds[Number(parts[1])]}]` : `modifications[${parts[1]}]`;
    const rest = parts.slice(2);
    if (!rest.length) return label;
    if (rest[0] === 'awardees') return `${label}.${awardeePath('titulaires', rest.slice(1))}`;
    return `${label}.${MODIFICATION_FIELDS[rest[0]] ?? rest[0]}`;
  }
  return TOP_FIELDS[field] ?? field;
}
