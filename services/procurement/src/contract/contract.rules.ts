// The rules of a contract's data, shared by the mutations and the DECP import so both accept and refuse the same things.
import { amountCeilingProblem, type FieldProblem } from '@ess/kit';
import {
  AwardeeIdType,
  COUNTED_ENVIRONMENTAL,
  COUNTED_SOCIAL,
  ENVIRONMENTAL_CONSIDERATION,
  EnvironmentalConsideration,
  EXECUTION_MODE,
  ExecutionMode,
  PRICE_TYPE,
  PlaceCodeType,
  SOCIAL_CONSIDERATION,
  SocialConsideration,
  TECHNIQUE,
  Technique,
  type Ccag,
  type ContractNature,
  type OperatorGrouping,
  type PriceForm,
  type PriceType,
  type Procedure,
  type PriceVariation,
  type ReservedBasis,
  type Vocabulary,
} from '../common/codes';
import { addDays, CPV_CODE, DEPARTMENT_CODE, isCalendarDate, siretProblem, VAT_NUMBER } from '../common/identifiers';

/**
 * Dates before this are typing errors (years 1900, 0201, 2003…): the DECP covers contracts under the 2015 ordinance, in
 * force from 1 April 2016 (publication itself became compulsory on 1 October 2018).
 */
export const EARLIEST_DATE = '2016-04-01';
/** 50 years: beyond the longest partnership contracts. */
export const MAX_DURATION_MONTHS = 600;
export const MAX_INSERTION_HOURS = 10_000_000;
/** The DECP id is the buyer's internal number, 1 to 16 characters (IdentifiantMarche). */
export const MAX_DECP_ID_LENGTH = 16;

export interface AwardeeValues {
  idType: AwardeeIdType;
  identifier: string;
  /** Not part of the DECP 2024 titulaire (it was in 2019 as denominationSociale); kept when known. */
  name: string | null;
}

export interface ModificationValues {
  /** DECP modification id: 1, 2, 3… in order of notification, unique within the contract. */
  decpId: number;
  /** objetModification of the 2019 format. */
  object: string | null;
  notifiedOn: string | null;
  publishedOn: string | null;
  durationMonths: number | null;
  amount: number | null;
  /** Awardees after the modification; empty when it did not change them. */
  awardees: AwardeeValues[];
}

/** The stored fields of a contract (column names of the entity); required ones are checked by the rules. */
export interface ContractFields {
  decpId: string;
  nature: ContractNature;
  object: string;
  cpvCode: string;
  procedure: Procedure;
  techniques: Technique[];
  executionModes: ExecutionMode[];
  frameworkAgreementId: string | null;
  innovative: boolean | null;
  ccag: Ccag | null;
  offersReceived: number | null;
  advanceGranted: boolean | null;
  advanceRate: number | null;
  operatorGrouping: OperatorGrouping | null;
  subcontractingDeclared: boolean | null;
  placeCode: string | null;
  placeTypeCode: PlaceCodeType | null;
  durationMonths: number;
  notifiedOn: string;
  publishedOn: string | null;
  amount: number;
  priceForm: PriceForm | null;
  priceTypes: PriceType[];
  originEu: number | null;
  originFrance: number | null;
  socialConsiderations: SocialConsideration[];
  environmentalConsiderations: EnvironmentalConsideration[];
  reservedBasis: ReservedBasis | null;
  insertionHoursPlanned: number | null;
  insertionHoursAchieved: number | null;
}

/** A special act of subcontracting (DECP acteSousTraitance): once published, changed only through its modifications. */
export interface SubcontractValues {
  decpId: number;
  subcontractor: AwardeeValues;
  durationMonths: number | null;
  notifiedOn: string | null;
  publishedOn: string | null;
  amount: number | null;
  priceVariation: PriceVariation | null;
}

/** A modification of a subcontracting act (DECP modificationActeSousTraitance), naming the act by its id. */
export interface SubcontractModificationValues {
  subcontractId: number;
  durationMonths: number | null;
  notifiedOn: string | null;
  publishedOn: string | null;
  amount: number | null;
}

/** A whole contract as the rules and the store see it: its fields, initial awardees and modifications. */
export interface ContractState {
  buyerId: string;
  authorityCode: string;
  fields: ContractFields;
  awardees: AwardeeValues[];
  modifications: ModificationValues[];
  /** DECP actesSousTraitance; absent means none (contracts entered through the API have none). */
  subcontracts?: SubcontractValues[];
  /** DECP modificationsActesSousTraitance; absent means none. */
  subcontractModifications?: SubcontractModificationValues[];
}

export interface RuleOptions {
  /** Today (YYYY-MM-DD): no date may lie after it. */
  today: string;
  /** The 2019 format had no considerations: its records may come without them. */
  legacy?: boolean;
}

const REQUIRED: Array<keyof ContractFields> = ['decpId', 'nature', 'object', 'cpvCode', 'procedure', 'durationMonths', 'notifiedOn', 'amount'];

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function amountProblem(amount: number): string | null {
  if (!Number.isFinite(amount)) return 'must be a number of euros';
  if (amount < 1) return 'must be at least 1 € (excl. tax)';
  const ceiling = amountCeilingProblem(amount);
  return ceiling ? `${ceiling}; correct it or skip the record` : null;
}

function dateProblem(date: string, today: string): string | null {
  if (!isCalendarDate(date)) return 'must be a date like 2024-03-08';
  if (date < EARLIEST_DATE) return `is ${date}: before ${EARLIEST_DATE}, most likely a typing error`;
  // one day of slack for files written in another time zone
  if (date > addDays(today, 1)) return `is ${date}: in the future`;
  return null;
}

function durationProblem(months: number): string | null {
  if (!Number.isInteger(months) || months < 1) return 'must be a whole number of months, at least 1';
  if (months > MAX_DURATION_MONTHS) return `must be at most ${MAX_DURATION_MONTHS} months`;
  return null;
}

function listProblems<E extends string>(field: string, values: E[], vocabulary: Vocabulary<E>, exclusive: E | null, out: FieldProblem[]): void {
  if (new Set(values).size !== values.length) out.push({ field, message: 'lists a value twice' });
  if (exclusive && values.includes(exclusive) && values.length > 1) out.push({ field, message: `"${vocabulary.toDecp(exclusive)}" cannot be combined with other values` });
}

export function awardeeProblems(awardee: AwardeeValues, path: string, out: FieldProblem[]): void {
  const id = awardee.identifier?.trim() ?? '';
  if (!id) {
    out.push({ field: `${path}.identifier`, message: 'is required' });
    return;
  }
  if (awardee.idType === AwardeeIdType.SIRET) {
    const problem = siretProblem(id);
    if (problem) out.push({ field: `${path}.identifier`, message: `SIRET ${id} ${problem}` });
  } else if (awardee.idType === AwardeeIdType.TVA) {
    if (!VAT_NUMBER.test(id)) out.push({ field: `${path}.identifier`, message: `VAT number ${id} must be a country prefix and 2 to 13 letters or digits, like FR40303265045` });
  } else if (id.length > 64) {
    out.push({ field: `${path}.identifier`, message: 'must be at most 64 characters' });
  }
  if (awardee.name !== null && awardee.name.length > 300) out.push({ field: `${path}.name`, message: 'must be at most 300 characters' });
}

function awardeeListProblems(awardees: AwardeeValues[], path: string, out: FieldProblem[]): void {
  const seen = new Set<string>();
  awardees.forEach((awardee, index) => {
    awardeeProblems(awardee, `${path}.${index}`, out);
    const key = `${awardee.idType}:${awardee.identifier}`;
    if (seen.has(key)) out.push({ field: `${path}.${index}.identifier`, message: `${awardee.identifier} is listed twice` });
    seen.add(key);
  });
}

function placeProblem(code: string, type: PlaceCodeType | null): string | null {
  if (code.length > 10) return 'must be at most 10 characters';
  switch (type) {
    case PlaceCodeType.POSTAL_CODE:
      return /^\d{5}$/.test(code) ? null : 'a postal code has 5 digits';
    case PlaceCodeType.COMMUNE:
      return /^(\d{2}|2[AB])\d{3}$/.test(code) ? null : 'an INSEE commune code has 5 characters, like 30189';
    case PlaceCodeType.DEPARTEMENT:
      return DEPARTMENT_CODE.test(code) ? null : 'an INSEE département code looks like 30, 2A or 974';
    default:
      return null;
  }
}

function ratioProblem(value: number | null, field: string, out: FieldProblem[]): void {
  if (value !== null && (!Number.isFinite(value) || value < 0 || value > 1)) out.push({ field, message: 'must be between 0 and 1 (0.2 = 20 %)' });
}

/** Every problem of a contract, with the path of the field at fault (names of the GraphQL input). */
export function contractProblems(state: ContractState, options: RuleOptions): FieldProblem[] {
  const out: FieldProblem[] = [];
  const f = state.fields;
  for (const field of REQUIRED) if (isBlank(f[field])) out.push({ field, message: 'is required' });

  if (!isBlank(f.decpId)) {
    if (f.decpId.length > MAX_DECP_ID_LENGTH) out.push({ field: 'decpId', message: `must be at most ${MAX_DECP_ID_LENGTH} characters (DECP IdentifiantMarche)` });
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f]/.test(f.decpId)) out.push({ field: 'decpId', message: 'must not contain control characters' });
  }
  if (!isBlank(f.object) && f.object.length > 1000) out.push({ field: 'object', message: 'must be at most 1000 characters' });
  if (!isBlank(f.cpvCode) && !CPV_CODE.test(f.cpvCode)) out.push({ field: 'cpvCode', message: `"${f.cpvCode}" is not a CPV code (8 digits, optionally -check digit, like 45233140-2)` });
  if (f.durationMonths != null) {
    const problem = durationProblem(f.durationMonths);
    if (problem) out.push({ field: 'durationMonths', message: problem });
  }
  if (f.amount != null) {
    const problem = amountProblem(f.amount);
    if (problem) out.push({ field: 'amount', message: problem });
  }
  const notifiedProblem = isBlank(f.notifiedOn) ? 'missing' : dateProblem(f.notifiedOn, options.today);
  if (notifiedProblem && notifiedProblem !== 'missing') out.push({ field: 'notifiedOn', message: notifiedProblem });
  if (f.publishedOn !== null) {
    const problem = dateProblem(f.publishedOn, options.today);
    if (problem) out.push({ field: 'publishedOn', message: problem });
    else if (!notifiedProblem && f.publishedOn < f.notifiedOn) out.push({ field: 'publishedOn', message: `is ${f.publishedOn}: before the notification (${f.notifiedOn})` });
  }
  if (f.offersReceived !== null && (!Number.isInteger(f.offersReceived) || f.offersReceived < 1 || f.offersReceived > 100_000)) {
    out.push({ field: 'offersReceived', message: 'must be a whole number, at least 1' });
  }
  ratioProblem(f.advanceRate, 'advanceRate', out);
  ratioProblem(f.originEu, 'originEu', out);
  ratioProblem(f.originFrance, 'originFrance', out);
  if (f.originEu !== null && f.originFrance !== null && f.originFrance > f.originEu) out.push({ field: 'originFrance', message: 'cannot exceed originEu (French products are EU products)' });
  if (f.frameworkAgreementId !== null && (f.frameworkAgreementId.length < 1 || f.frameworkAgreementId.length > MAX_DECP_ID_LENGTH)) {
    out.push({ field: 'frameworkAgreementId', message: `must be 1 to ${MAX_DECP_ID_LENGTH} characters` });
  }
  if (f.placeCode !== null) {
    const problem = placeProblem(f.placeCode, f.placeTypeCode);
    if (problem) out.push({ field: 'placeOfExecution.code', message: problem });
    if (f.placeTypeCode === null) out.push({ field: 'placeOfExecution.typeCode', message: 'is required with a code' });
  }

  listProblems('techniques', f.techniques, TECHNIQUE, Technique.NOT_APPLICABLE, out);
  listProblems('executionModes', f.executionModes, EXECUTION_MODE, ExecutionMode.NOT_APPLICABLE, out);
  listProblems('priceTypes', f.priceTypes, PRICE_TYPE, null, out);
  listProblems('socialConsiderations', f.socialConsiderations, SOCIAL_CONSIDERATION, SocialConsideration.NONE, out);
  listProblems('environmentalConsiderations', f.environmentalConsiderations, ENVIRONMENTAL_CONSIDERATION, EnvironmentalConsideration.NONE, out);
  if (!options.legacy) {
    if (f.socialConsiderations.length === 0) out.push({ field: 'socialConsiderations', message: 'needs at least one value ("Pas de considération sociale" when there is none)' });
    if (f.environmentalConsiderations.length === 0) out.push({ field: 'environmentalConsiderations', message: 'needs at least one value ("Pas de considération environnementale" when there is none)' });
  }
  if (f.reservedBasis !== null && !f.socialConsiderations.includes(SocialConsideration.RESERVED_CONTRACT)) {
    out.push({ field: 'reservedBasis', message: 'a reserved contract must list "Marché réservé" among its social considerations' });
  }
  for (const field of ['insertionHoursPlanned', 'insertionHoursAchieved'] as const) {
    const hours = f[field];
    if (hours !== null && (!Number.isInteger(hours) || hours < 0 || hours > MAX_INSERTION_HOURS)) out.push({ field, message: `must be a whole number of hours between 0 and ${MAX_INSERTION_HOURS}` });
  }

  if (state.awardees.length === 0) out.push({ field: 'awardees', message: 'at least one awardee is required (DECP titulaires)' });
  awardeeListProblems(state.awardees, 'awardees', out);

  const modificationIds = new Set<number>();
  state.modifications.forEach((modification, index) => {
    const path = `modifications.${index}`;
    if (!Number.isInteger(modification.decpId) || modification.decpId < 1) out.push({ field: `${path}.decpId`, message: 'must be a whole number, at least 1' });
    else if (modificationIds.has(modification.decpId)) out.push({ field: `${path}.decpId`, message: `modification ${modification.decpId} is listed twice` });
    modificationIds.add(modification.decpId);
    if (modification.notifiedOn === null) out.push({ field: `${path}.notifiedOn`, message: 'is required' });
    else {
      const problem = dateProblem(modification.notifiedOn, options.today);
      if (problem) out.push({ field: `${path}.notifiedOn`, message: problem });
      else if (!notifiedProblem && modification.notifiedOn < f.notifiedOn) out.push({ field: `${path}.notifiedOn`, message: `is ${modification.notifiedOn}: before the contract's notification (${f.notifiedOn})` });
    }
    if (modification.publishedOn !== null) {
      const problem = dateProblem(modification.publishedOn, options.today);
      if (problem) out.push({ field: `${path}.publishedOn`, message: problem });
    }
    if (modification.amount !== null) {
      const problem = amountProblem(modification.amount);
      if (problem) out.push({ field: `${path}.amount`, message: problem });
    }
    if (modification.durationMonths !== null) {
      const problem = durationProblem(modification.durationMonths);
      if (problem) out.push({ field: `${path}.durationMonths`, message: problem });
    }
    if (modification.object !== null && modification.object.length > 1000) out.push({ field: `${path}.object`, message: 'must be at most 1000 characters' });
    awardeeListProblems(modification.awardees, `${path}.awardees`, out);
  });
  subcontractProblems(state, options, out);
  return out;
}

/** Every field of a subcontracting act is required by the DECP; modifications must name a published act. */
function subcontractProblems(state: ContractState, options: RuleOptions, out: FieldProblem[]): void {
  const ids = new Set<number>();
  (state.subcontracts ?? []).forEach((act, index) => {
    const path = `subcontracts.${index}`;
    if (!Number.isInteger(act.decpId) || act.decpId < 1) out.push({ field: `${path}.decpId`, message: 'must be a whole number, at least 1' });
    else if (ids.has(act.decpId)) out.push({ field: `${path}.decpId`, message: `act ${act.decpId} is listed twice` });
    ids.add(act.decpId);
    awardeeProblems(act.subcontractor, `${path}.subcontractor`, out);
    for (const key of ['durationMonths', 'notifiedOn', 'publishedOn', 'amount', 'priceVariation'] as const) {
      if (act[key] === null) out.push({ field: `${path}.${key}`, message: 'is required' });
    }
    if (act.durationMonths !== null) {
      const problem = durationProblem(act.durationMonths);
      if (problem) out.push({ field: `${path}.durationMonths`, message: problem });
    }
    if (act.amount !== null) {
      const problem = amountProblem(act.amount);
      if (problem) out.push({ field: `${path}.amount`, message: problem });
    }
    for (const key of ['notifiedOn', 'publishedOn'] as const) {
      const date = act[key];
      const problem = date === null ? null : dateProblem(date, options.today);
      if (problem) out.push({ field: `${path}.${key}`, message: problem });
    }
  });
  const seen = new Set<string>();
  (state.subcontractModifications ?? []).forEach((modification, index) => {
    const path = `subcontractModifications.${index}`;
    if (!ids.has(modification.subcontractId)) out.push({ field: `${path}.subcontractId`, message: `names act ${modification.subcontractId}, which actesSousTraitance does not list` });
    for (const key of ['notifiedOn', 'publishedOn'] as const) {
      const date = modification[key];
      const problem = date === null ? 'is required' : dateProblem(date, options.today);
      if (problem) out.push({ field: `${path}.${key}`, message: problem });
    }
    const key = `${modification.subcontractId}|${modification.notifiedOn}`;
    if (seen.has(key)) out.push({ field: `${path}.notifiedOn`, message: `act ${modification.subcontractId} has two modifications notified the same day` });
    seen.add(key);
    if (modification.amount !== null) {
      const problem = amountProblem(modification.amount);
      if (problem) out.push({ field: `${path}.amount`, message: problem });
    }
    if (modification.durationMonths !== null) {
      const problem = durationProblem(modification.durationMonths);
      if (problem) out.push({ field: `${path}.durationMonths`, message: problem });
    }
  });
}

function ordered<E extends string>(values: E[], vocabulary: Vocabulary<E>): E[] {
  const order = vocabulary.keys();
  return [...new Set(values)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

/** The canonical form of a valid state: lists in vocabulary order, modifications by id, amounts in cents. */
export function normalizeState(state: ContractState): ContractState {
  const f = state.fields;
  return {
    ...state,
    fields: {
      ...f,
      decpId: f.decpId.trim(),
      object: f.object.trim(),
      amount: cents(f.amount),
      techniques: ordered(f.techniques, TECHNIQUE),
      executionModes: ordered(f.executionModes, EXECUTION_MODE),
      priceTypes: ordered(f.priceTypes, PRICE_TYPE),
      socialConsiderations: ordered(f.socialConsiderations, SOCIAL_CONSIDERATION),
      environmentalConsiderations: ordered(f.environmentalConsiderations, ENVIRONMENTAL_CONSIDERATION),
    },
    awardees: state.awardees.map((a) => ({ ...a, identifier: a.identifier.trim(), name: a.name?.trim() || null })),
    modifications: [...state.modifications]
      .sort((a, b) => a.decpId - b.decpId)
      .map((m) => ({ ...m, amount: m.amount === null ? null : cents(m.amount), awardees: m.awardees.map((a) => ({ ...a, identifier: a.identifier.trim(), name: a.name?.trim() || null })) })),
    subcontracts: [...(state.subcontracts ?? [])]
      .sort((a, b) => a.decpId - b.decpId)
      .map((a) => ({ ...a, amount: a.amount === null ? null : cents(a.amount), subcontractor: { ...a.subcontractor, name: a.subcontractor.name?.trim() || null } })),
    subcontractModifications: [...(state.subcontractModifications ?? [])]
      .sort((a, b) => a.subcontractId - b.subcontractId || (a.notifiedOn ?? '').localeCompare(b.notifiedOn ?? ''))
      .map((m) => ({ ...m, amount: m.amount === null ? null : cents(m.amount) })),
  };
}

export interface DerivedValues {
  /** The amount after the latest modification that changed it. */
  currentAmount: number;
  currentDurationMonths: number;
  /** The DECP id of the modification whose awardees are current, or null for the initial ones. */
  currentAwardeesFrom: number | null;
  hasSocialConsideration: boolean;
  hasEnvironmentalConsideration: boolean;
}

export function derive(state: ContractState): DerivedValues {
  const byId = [...state.modifications].sort((a, b) => a.decpId - b.decpId);
  let currentAmount = state.fields.amount;
  let currentDurationMonths = state.fields.durationMonths;
  let currentAwardeesFrom: number | null = null;
  for (const modification of byId) {
    if (modification.amount !== null) currentAmount = modification.amount;
    if (modification.durationMonths !== null) currentDurationMonths = modification.durationMonths;
    if (modification.awardees.length) currentAwardeesFrom = modification.decpId;
  }
  return {
    currentAmount,
    currentDurationMonths,
    currentAwardeesFrom,
    hasSocialConsideration: state.fields.socialConsiderations.some((c) => COUNTED_SOCIAL.includes(c)),
    hasEnvironmentalConsideration: state.fields.environmentalConsiderations.some((c) => COUNTED_ENVIRONMENTAL.includes(c)),
  };
}

/** JSON with object keys sorted, so two equal values always give the same text whatever built them. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A stable text of a state, to tell whether an import changes a stored contract. */
export function fingerprint(state: ContractState): string {
  return stableStringify(normalizeState(state));
}

/** What the platform adds to a contract: not DECP data, so editable whenever. */
const PLATFORM_FIELDS = new Set<keyof ContractFields>(['reservedBasis', 'insertionHoursPlanned', 'insertionHoursAchieved']);
const FIELD_PATHS: Partial<Record<keyof ContractFields, string>> = { placeCode: 'placeOfExecution.code', placeTypeCode: 'placeOfExecution.typeCode' };

/** Published contracts are those whose essential data have a publication date (DECP datePublicationDonnees). */
export function isPublished(state: ContractState): boolean {
  return state.fields.publishedOn !== null;
}

/**
 * The initial data (DECP fields and initial awardees, names aside) that differ between two states of a contract, by
 * field path. Once published they never change: a change is a modification (DECP rule, arrêté of 22 December 2022).
 */
export function initialDataChanges(before: ContractState, after: ContractState): string[] {
  const b = normalizeState(before);
  const a = normalizeState(after);
  const changed: string[] = [];
  for (const key of Object.keys(b.fields) as Array<keyof ContractFields>) {
    if (PLATFORM_FIELDS.has(key)) continue;
    if (stableStringify(b.fields[key]) !== stableStringify(a.fields[key])) changed.push(FIELD_PATHS[key] ?? key);
  }
  const ids = (s: ContractState) => s.awardees.map((x) => `${x.idType}:${x.identifier}`).join('|');
  if (ids(b) !== ids(a)) changed.push('awardees');
  return changed;
}
