// Reads one DECP record (2024 format, and the 2019 format where it maps) into a contract state: the buyer, the DECP
// fields, awardees, modifications, subcontracting acts and the platform's own `_ess` block, each part by its own reader.
import {
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
  PRICE_VARIATION,
  PROCEDURE,
  RESERVED_BASIS,
  SOCIAL_CONSIDERATION,
  Technique,
  TECHNIQUE,
  type PlaceCodeType,
  type PriceForm,
  type PriceType,
  type ReservedBasis,
} from '../common/codes';
import { compactIdentifier } from '../common/identifiers';
import type {
  AwardeeValues,
  ContractFields,
  ModificationValues,
  SubcontractModificationValues,
  SubcontractValues,
} from '../contract/contract.rules';
import type { RawRecord } from './decp-classify';
import { isObject, RecordReader, show, unwrap, type Obj, type RecordProblem } from './decp-fields';

export type { RecordProblem } from './decp-fields';

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
  /** DECP fields (null when the record is not an object); the platform fields in it are null, see `platform`. */
  fields: ContractFields | null;
  platform: PlatformFields | null;
  awardees: AwardeeValues[];
  modifications: ModificationValues[];
  subcontracts: SubcontractValues[];
  subcontractModifications: SubcontractModificationValues[];
  problems: RecordProblem[];
}

export const MAX_DECP_RECORDS = 5000;

/** 2024-only keys: a record with none of them is read as the 2019 format. */
const FORMAT_2024_KEYS = [
  'considerationsSociales',
  'considerationsEnvironnementales',
  'techniques',
  'technique',
  'modalitesExecution',
  'modaliteExecution',
  'typesPrix',
  'typePrix',
  'typeGroupementOperateurs',
  'attributionAvance',
];

function readBuyer(r: RecordReader, record: Obj): { buyerSiret: string | null; buyerName: string | null } {
  if (!isObject(record.acheteur)) {
    r.problem('acheteur.id', record.acheteur, 'is required: the SIRET of the buyer');
    return { buyerSiret: null, buyerName: null };
  }
  const id = r.text('id', { required: true, from: record.acheteur, path: 'acheteur.id' });
  return { buyerSiret: id ? compactIdentifier(id) : null, buyerName: r.text('nom', { from: record.acheteur, path: 'acheteur.nom' }) };
}

/** The nature, and the techniques; 2019 natures "Accord-cadre" and "Marché subséquent" became a technique. */
function readNature(r: RecordReader, record: Obj, legacy: boolean): { nature: ContractNature | null; techniques: Technique[] } {
  const techniques = r.choices(['techniques', 'technique'], TECHNIQUE).values;
  const raw = record.nature;
  if (legacy && typeof raw === 'string' && ['accord-cadre', 'marche subsequent'].includes(looseKey(raw))) {
    if (!techniques.includes(Technique.FRAMEWORK_AGREEMENT)) techniques.push(Technique.FRAMEWORK_AGREEMENT);
    return { nature: ContractNature.MARCHE, techniques };
  }
  return { nature: r.choice('nature', NATURE, { required: true }), techniques };
}

/** The price form and types; the 2019 formePrix ("Ferme", "Ferme et actualisable"...) was a price type. */
function readPrice(r: RecordReader, record: Obj, legacy: boolean): { priceForm: PriceForm | null; priceTypes: PriceType[] } {
  const priceTypes = r.choices(['typesPrix', 'typePrix'], PRICE_TYPE).values;
  const legacyType = legacy && typeof record.formePrix === 'string' ? LEGACY_PRICE_FORM.fromDecp(record.formePrix) : null;
  if (legacyType) return { priceForm: null, priceTypes: [legacyType] };
  return { priceForm: r.choice('formePrix', PRICE_FORM), priceTypes };
}

function readPlace(r: RecordReader, record: Obj): { placeCode: string | null; placeTypeCode: PlaceCodeType | null } {
  const place = record.lieuExecution;
  if (place === undefined || place === null || place === '') return { placeCode: null, placeTypeCode: null };
  if (!isObject(place)) {
    r.problem('lieuExecution', place, 'must be an object with code and typeCode');
    return { placeCode: null, placeTypeCode: null };
  }
  const placeCode = r.text('code', { from: place, path: 'lieuExecution.code' });
  const rawType = place.typeCode;
  if (rawType === undefined || rawType === null || rawType === '') return { placeCode, placeTypeCode: null };
  const placeTypeCode = typeof rawType === 'string' ? PLACE_CODE_TYPE.fromDecp(rawType) : null;
  if (!placeTypeCode) r.problem('lieuExecution.typeCode', rawType, `must be one of ${PLACE_CODE_TYPE.allowed()}`);
  return { placeCode, placeTypeCode };
}

/** The DECP fields of a marché, with the platform's fields left null. */
function readFields(r: RecordReader, record: Obj, legacy: boolean, decpId: string | null): ContractFields {
  const { nature, techniques } = readNature(r, record, legacy);
  const social = r.choices(['considerationsSociales', 'considerationSociale'], SOCIAL_CONSIDERATION);
  const environmental = r.choices(['considerationsEnvironnementales', 'considerationEnvironnementale'], ENVIRONMENTAL_CONSIDERATION);
  return {
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
    ...readPlace(r, record),
    durationMonths: r.integer('dureeMois', { required: true }) as number,
    notifiedOn: r.date('dateNotification', { required: true }) as string,
    publishedOn: r.date('datePublicationDonnees'),
    amount: r.amount('montant', { required: true }) as number,
    ...readPrice(r, record, legacy),
    originEu: r.decimal('origineUE'),
    originFrance: r.decimal('origineFrance'),
    socialConsiderations: social.values,
    environmentalConsiderations: environmental.values,
    reservedBasis: null,
    insertionHoursPlanned: null,
    insertionHoursAchieved: null,
  };
}

function readModifications(r: RecordReader, record: Obj, legacy: boolean): ModificationValues[] {
  if (record.modifications === undefined || record.modifications === null || record.modifications === '') return [];
  const modifications: ModificationValues[] = [];
  unwrap(record.modifications, 'modification').forEach((item, i) => {
    const path = `modifications[${i}]`;
    if (!isObject(item)) return r.problem(path, item, 'must be an object');
    // the 2019 format numbered modifications by their position and dated them by their signature
    const decpId = legacy && item.id === undefined ? i + 1 : r.integer('id', { required: true, from: item, path: `${path}.id` });
    const dateKey =
      legacy && item.dateNotificationModification === undefined ? 'dateSignatureModification' : 'dateNotificationModification';
    modifications.push({
      decpId: decpId as number,
      object: r.text('objetModification', { from: item, path: `${path}.objetModification` }),
      notifiedOn: r.date(dateKey, { required: true, from: item, path: `${path}.dateNotificationModification` }),
      publishedOn: r.date('datePublicationDonneesModification', { from: item, path: `${path}.datePublicationDonneesModification` }),
      durationMonths: r.integer('dureeMois', { from: item, path: `${path}.dureeMois` }),
      amount: r.amount('montant', { from: item, path: `${path}.montant` }),
      awardees: r.awardees(item.titulaires, `${path}.titulaires`, false),
    });
  });
  return modifications;
}

/** actesSousTraitance and their modifications, kept as published (the DECP only appends to them). */
function readSubcontracts(
  r: RecordReader,
  record: Obj,
): { subcontracts: SubcontractValues[]; subcontractModifications: SubcontractModificationValues[] } {
  const subcontracts: SubcontractValues[] = [];
  const acts = record.actesSousTraitance;
  if (acts !== undefined && acts !== null && acts !== '') {
    unwrap(acts, 'acteSousTraitance').forEach((item, i) => {
      const path = `actesSousTraitance[${i}]`;
      if (!isObject(item)) return r.problem(path, item, 'must be an object');
      const [subcontractor] = r.awardees(item.sousTraitant === undefined ? undefined : [item.sousTraitant], `${path}.sousTraitant`, true);
      const decpId = r.integer('id', { required: true, from: item, path: `${path}.id` });
      const rawVariation = item.variationPrix;
      const priceVariation = typeof rawVariation === 'string' ? PRICE_VARIATION.fromDecp(rawVariation) : null;
      if (rawVariation !== undefined && rawVariation !== null && rawVariation !== '' && !priceVariation) {
        r.problem(`${path}.variationPrix`, rawVariation, `must be one of ${PRICE_VARIATION.allowed()}`);
      }
      if (decpId === null || !subcontractor) return;
      subcontracts.push({
        decpId,
        subcontractor,
        durationMonths: r.integer('dureeMois', { from: item, path: `${path}.dureeMois` }),
        notifiedOn: r.date('dateNotification', { from: item, path: `${path}.dateNotification` }),
        publishedOn: r.date('datePublicationDonnees', { from: item, path: `${path}.datePublicationDonnees` }),
        amount: r.amount('montant', { from: item, path: `${path}.montant` }),
        priceVariation,
      });
    });
  }
  const subcontractModifications: SubcontractModificationValues[] = [];
  const changes = record.modificationsActesSousTraitance;
  if (changes !== undefined && changes !== null && changes !== '') {
    // the JSON wraps each in modificationActeSousTraitance, the XML in modificationActesSousTraitance
    const inner =
      isObject(changes) && 'modificationActesSousTraitance' in changes ? 'modificationActesSousTraitance' : 'modificationActeSousTraitance';
    const items = unwrap(changes, inner).flatMap((item) =>
      isObject(item) && isObject(item.modificationActesSousTraitance) ? [item.modificationActesSousTraitance] : [item],
    );
    items.forEach((item, i) => {
      const path = `modificationsActesSousTraitance[${i}]`;
      if (!isObject(item)) return r.problem(path, item, 'must be an object');
      const subcontractId = r.integer('id', { required: true, from: item, path: `${path}.id` });
      const change = {
        durationMonths: r.integer('dureeMois', { from: item, path: `${path}.dureeMois` }),
        notifiedOn: r.date('dateNotificationModificationSousTraitance', {
          from: item,
          path: `${path}.dateNotificationModificationSousTraitance`,
        }),
        publishedOn: r.date('datePublicationDonnees', { from: item, path: `${path}.datePublicationDonnees` }),
        amount: r.amount('montant', { from: item, path: `${path}.montant` }),
      };
      if (subcontractId !== null) subcontractModifications.push({ subcontractId, ...change });
    });
  }
  return { subcontracts, subcontractModifications };
}

/** The `_ess` block of our own exports: what the DECP does not carry, moved between platforms. */
function readPlatform(r: RecordReader, record: Obj): PlatformFields | null {
  if (!isObject(record._ess)) return null;
  const ess = record._ess;
  let reservedBasis: ReservedBasis | null = null;
  if (ess.reservedBasis !== undefined && ess.reservedBasis !== null) {
    reservedBasis = typeof ess.reservedBasis === 'string' ? RESERVED_BASIS.fromDecp(ess.reservedBasis) : null;
    if (!reservedBasis) r.problem('_ess.reservedBasis', ess.reservedBasis, `must be one of ${RESERVED_BASIS.allowed()}`);
  }
  return {
    reservedBasis,
    insertionHoursPlanned: r.integer('insertionHoursPlanned', { from: ess, path: '_ess.insertionHoursPlanned' }),
    insertionHoursAchieved: r.integer('insertionHoursAchieved', { from: ess, path: '_ess.insertionHoursAchieved' }),
  };
}

export function readRecord(raw: RawRecord): ReadRecord {
  const base = {
    index: raw.index,
    path: raw.path,
    buyerSiret: null,
    buyerName: null,
    platform: null,
    awardees: [],
    modifications: [],
    subcontracts: [],
    subcontractModifications: [],
  };
  if (!isObject(raw.value)) {
    return {
      ...base,
      legacy: false,
      decpId: null,
      fields: null,
      problems: [{ field: null, value: show(raw.value), message: 'is not a contract (a JSON object was expected)' }],
    };
  }
  const record = raw.value;
  const r = new RecordReader(record);
  const legacy = !FORMAT_2024_KEYS.some((key) => key in record);
  const decpId = r.text('id', { required: true });
  const buyer = readBuyer(r, record);
  const fields = readFields(r, record, legacy, decpId);
  const awardees = r.awardees(record.titulaires, 'titulaires', true);
  const modifications = readModifications(r, record, legacy);
  const subcontracting = readSubcontracts(r, record);
  const platform = readPlatform(r, record);
  if (!buyer.buyerName && isObject(record._ess) && typeof record._ess.buyerName === 'string')
    buyer.buyerName = record._ess.buyerName.trim() || null;
  return { ...base, ...buyer, ...subcontracting, legacy, decpId, fields, platform, awardees, modifications, problems: r.problems };
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
const SUBCONTRACT_FIELDS: Record<string, string> = {
  decpId: 'id',
  durationMonths: 'dureeMois',
  notifiedOn: 'dateNotification',
  publishedOn: 'datePublicationDonnees',
  amount: 'montant',
  priceVariation: 'variationPrix',
};
const SUBCONTRACT_MODIFICATION_FIELDS: Record<string, string> = {
  subcontractId: 'id',
  durationMonths: 'dureeMois',
  notifiedOn: 'dateNotificationModificationSousTraitance',
  publishedOn: 'datePublicationDonnees',
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
  if (parts[0] === 'subcontracts' && parts.length > 2) {
    if (parts[2] === 'subcontractor')
      return `actesSousTraitance[${parts[1]}].sousTraitant${parts[3] ? `.${AWARDEE_FIELDS[parts[3]] ?? parts[3]}` : ''}`;
    return `actesSousTraitance[${parts[1]}].${SUBCONTRACT_FIELDS[parts[2]] ?? parts[2]}`;
  }
  if (parts[0] === 'subcontractModifications' && parts.length > 2) {
    return `modificationsActesSousTraitance[${parts[1]}].${SUBCONTRACT_MODIFICATION_FIELDS[parts[2]] ?? parts[2]}`;
  }
  return TOP_FIELDS[field] ?? field;
}
