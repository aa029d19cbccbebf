// Exports an authority's contracts as DECP 2024 JSON or XML (what a buyer publishes: only contracts the format can carry,
// the others named) or CSV, in four statements whatever their number.
import { BadInputError } from '@ess/kit';
import { In, type DataSource } from 'typeorm';
import { Buyer } from '../buyer/buyer.entity';
import {
  AWARDEE_ID_TYPE,
  CCAG,
  ENVIRONMENTAL_CONSIDERATION,
  EXECUTION_MODE,
  NATURE,
  OPERATOR_GROUPING,
  PLACE_CODE_TYPE,
  PRICE_FORM,
  PRICE_TYPE,
  PRICE_VARIATION,
  PROCEDURE,
  RESERVED_BASIS,
  SOCIAL_CONSIDERATION,
  TECHNIQUE,
} from '../common/codes';
import { departmentProblem } from '../common/identifiers';
import { Contract } from '../contract/contract.entity';
import { normalizeState, type AwardeeValues, type ContractState } from '../contract/contract.rules';
import { loadStates } from '../contract/contract.store';
import { publicationGaps } from './decp-publication';
import { toDecpXml } from './decp-xml';
import { DecpExportFormat, type DecpExport, type DecpExportOmission } from './decp.types';

export const MAX_EXPORT_CONTRACTS = 20_000;

type Json = Record<string, unknown>;

/** Drops null, undefined and empty lists, which the 2024 schema does not accept in place of an absent field. */
function compact(object: Json): Json {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}

function titulaires(awardees: AwardeeValues[]): Json[] {
  // denominationSociale is not a 2024 titulaire property, but the schema allows extra ones there; names help readers
  return awardees.map((a) => ({
    titulaire: compact({ typeIdentifiant: AWARDEE_ID_TYPE.toDecp(a.idType), id: a.identifier, denominationSociale: a.name }),
  }));
}

/** One contract in the DECP 2024 JSON shape; `extensions` adds the platform's `_ess` block (not part of the format). */
export function toDecpRecord(state: ContractState, buyer: Buyer, extensions: boolean): Json {
  const f = state.fields;
  const wrap = (inner: string, values: string[]) => (values.length ? { [inner]: values } : null);
  return compact({
    id: f.decpId,
    // the 2024 Acheteur is its SIRET alone: no name is written, least of all an invented one
    acheteur: { id: buyer.siret },
    nature: NATURE.toDecp(f.nature),
    objet: f.object,
    codeCPV: f.cpvCode,
    techniques: wrap(
      'technique',
      f.techniques.map((t) => TECHNIQUE.toDecp(t)),
    ),
    modalitesExecution: wrap(
      'modaliteExecution',
      f.executionModes.map((m) => EXECUTION_MODE.toDecp(m)),
    ),
    idAccordCadre: f.frameworkAgreementId,
    marcheInnovant: f.innovative,
    ccag: f.ccag ? CCAG.toDecp(f.ccag) : null,
    offresRecues: f.offersReceived,
    attributionAvance: f.advanceGranted,
    tauxAvance: f.advanceRate,
    typeGroupementOperateurs: f.operatorGrouping ? OPERATOR_GROUPING.toDecp(f.operatorGrouping) : null,
    sousTraitanceDeclaree: f.subcontractingDeclared,
    procedure: PROCEDURE.toDecp(f.procedure),
    lieuExecution: f.placeCode
      ? compact({ code: f.placeCode, typeCode: f.placeTypeCode ? PLACE_CODE_TYPE.toDecp(f.placeTypeCode) : null })
      : null,
    dureeMois: f.durationMonths,
    dateNotification: f.notifiedOn,
    datePublicationDonnees: f.publishedOn,
    montant: f.amount,
    typesPrix: wrap(
      'typePrix',
      f.priceTypes.map((p) => PRICE_TYPE.toDecp(p)),
    ),
    formePrix: f.priceForm ? PRICE_FORM.toDecp(f.priceForm) : null,
    origineUE: f.originEu,
    origineFrance: f.originFrance,
    titulaires: titulaires(state.awardees),
    considerationsSociales: wrap(
      'considerationSociale',
      f.socialConsiderations.map((c) => SOCIAL_CONSIDERATION.toDecp(c)),
    ),
    considerationsEnvironnementales: wrap(
      'considerationEnvironnementale',
      f.environmentalConsiderations.map((c) => ENVIRONMENTAL_CONSIDERATION.toDecp(c)),
    ),
    modifications: state.modifications.map((m) => ({
      modification: compact({
        id: m.decpId,
        objetModification: m.object,
        dateNotificationModification: m.notifiedOn,
        datePublicationDonneesModification: m.publishedOn,
        dureeMois: m.durationMonths,
        montant: m.amount,
        titulaires: titulaires(m.awardees),
      }),
    })),
    actesSousTraitance: (state.subcontracts ?? []).map((act) => ({
      acteSousTraitance: compact({
        id: act.decpId,
        sousTraitant: { typeIdentifiant: AWARDEE_ID_TYPE.toDecp(act.subcontractor.idType), id: act.subcontractor.identifier },
        dureeMois: act.durationMonths,
        dateNotification: act.notifiedOn,
        datePublicationDonnees: act.publishedOn,
        montant: act.amount,
        variationPrix: act.priceVariation ? PRICE_VARIATION.toDecp(act.priceVariation) : null,
      }),
    })),
    modificationsActesSousTraitance: (state.subcontractModifications ?? []).map((m) => ({
      modificationActeSousTraitance: compact({
        id: m.subcontractId,
        dureeMois: m.durationMonths,
        dateNotificationModificationSousTraitance: m.notifiedOn,
        montant: m.amount,
        datePublicationDonnees: m.publishedOn,
      }),
    })),
    _ess: extensions
      ? {
          reservedBasis: f.reservedBasis ? RESERVED_BASIS.toDecp(f.reservedBasis) : null,
          insertionHoursPlanned: f.insertionHoursPlanned,
          insertionHoursAchieved: f.insertionHoursAchieved,
          // the 2024 acheteur has no name: carried here so a move between platforms keeps it
          buyerName: buyer.name,
        }
      : null,
  });
}

const CSV_COLUMNS = [
  'id',
  'acheteur.id',
  'acheteur.nom',
  'nature',
  'objet',
  'codeCPV',
  'procedure',
  'techniques',
  'modalitesExecution',
  'idAccordCadre',
  'marcheInnovant',
  'ccag',
  'offresRecues',
  'attributionAvance',
  'tauxAvance',
  'typeGroupementOperateurs',
  'sousTraitanceDeclaree',
  'lieuExecution.code',
  'lieuExecution.typeCode',
  'dureeMois',
  'dateNotification',
  'datePublicationDonnees',
  'montant',
  'formePrix',
  'typesPrix',
  'origineUE',
  'origineFrance',
  'titulaires.typeIdentifiant',
  'titulaires.id',
  'titulaires.denominationSociale',
  'considerationsSociales',
  'considerationsEnvironnementales',
  'nombreModifications',
  'montantActuel',
  'dureeMoisActuelle',
  'baseLegaleMarcheReserve',
  'heuresInsertionPrevues',
  'heuresInsertionRealisees',
] as const;

/** RFC 4180 cell: quoted when it holds the separator, a quote or a line break. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Several values in one cell, DECP lists and co-awardees alike. */
const joined = (values: Array<string | null>) => values.map((v) => v ?? '').join(' | ');

export class DecpExportService {
  constructor(private readonly dataSource: DataSource) {}

  async export(authority: string, year: number | null, format: DecpExportFormat, extensions: boolean): Promise<DecpExport> {
    const code = authority.trim().toUpperCase();
    const problem = departmentProblem(code);
    if (problem) throw BadInputError.field('authority', problem);
    if (year !== null && (!Number.isInteger(year) || year < 2000 || year > 2100))
      throw BadInputError.field('year', 'must be a year between 2000 and 2100');
    const query = this.dataSource.getRepository(Contract).createQueryBuilder('contract').where('contract.authority_code = :code', { code });
    if (year !== null)
      query.andWhere('contract.notified_on >= make_date(:year, 1, 1) AND contract.notified_on < make_date(:year + 1, 1, 1)', { year });
    const contracts = await query
      .orderBy('contract.notified_on', 'ASC')
      .addOrderBy('contract.decp_id', 'ASC')
      .addOrderBy('contract.id', 'ASC')
      .limit(MAX_EXPORT_CONTRACTS + 1)
      .getMany();
    if (contracts.length > MAX_EXPORT_CONTRACTS)
      throw BadInputError.field('year', `more than ${MAX_EXPORT_CONTRACTS} contracts: export one year at a time`);
    const states = await loadStates(this.dataSource.manager, contracts);
    const buyerIds = [...new Set(contracts.map((c) => c.buyerId))];
    const buyers = new Map(
      (buyerIds.length ? await this.dataSource.getRepository(Buyer).findBy({ id: In(buyerIds) }) : []).map((b) => [b.id, b]),
    );
    const rows = contracts.map((contract) => ({
      contract,
      state: normalizeState(states.get(contract.id) as ContractState),
      buyer: buyers.get(contract.buyerId) as Buyer,
    }));
    const name = `decp-${code}${year !== null ? `-${year}` : ''}`;

    if (format === DecpExportFormat.JSON || format === DecpExportFormat.XML) {
      // a published file validates against the format: contracts lacking what it requires are left out and named
      const omitted: DecpExportOmission[] = [];
      const records: Json[] = [];
      for (const { contract, state, buyer } of rows) {
        const gaps = publicationGaps(state);
        if (gaps.length) omitted.push({ contractId: contract.id, decpId: state.fields.decpId, missing: gaps.map((g) => g.field) });
        else records.push(toDecpRecord(state, buyer, extensions));
      }
      if (format === DecpExportFormat.XML) {
        return {
          format,
          filename: `${name}.xml`,
          contentType: 'application/xml; charset=utf-8',
          contractCount: records.length,
          content: toDecpXml(records),
          omitted,
        };
      }
      const document = { marches: { marche: records } };
      return {
        format,
        filename: `${name}.json`,
        contentType: 'application/json; charset=utf-8',
        contractCount: records.length,
        content: `${JSON.stringify(document, null, 2)}\n`,
        omitted,
      };
    }
    const lines = [CSV_COLUMNS.join(';')];
    for (const { contract, state, buyer } of rows) {
      const f = state.fields;
      const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
        id: f.decpId,
        'acheteur.id': buyer.siret,
        'acheteur.nom': buyer.name,
        nature: NATURE.toDecp(f.nature),
        objet: f.object,
        codeCPV: f.cpvCode,
        procedure: PROCEDURE.toDecp(f.procedure),
        techniques: joined(f.techniques.map((t) => TECHNIQUE.toDecp(t))),
        modalitesExecution: joined(f.executionModes.map((m) => EXECUTION_MODE.toDecp(m))),
        idAccordCadre: f.frameworkAgreementId,
        marcheInnovant: f.innovative,
        ccag: f.ccag ? CCAG.toDecp(f.ccag) : null,
        offresRecues: f.offersReceived,
        attributionAvance: f.advanceGranted,
        tauxAvance: f.advanceRate,
        typeGroupementOperateurs: f.operatorGrouping ? OPERATOR_GROUPING.toDecp(f.operatorGrouping) : null,
        sousTraitanceDeclaree: f.subcontractingDeclared,
        'lieuExecution.code': f.placeCode,
        'lieuExecution.typeCode': f.placeTypeCode ? PLACE_CODE_TYPE.toDecp(f.placeTypeCode) : null,
        dureeMois: f.durationMonths,
        dateNotification: f.notifiedOn,
        datePublicationDonnees: f.publishedOn,
        montant: f.amount.toFixed(2),
        formePrix: f.priceForm ? PRICE_FORM.toDecp(f.priceForm) : null,
        typesPrix: joined(f.priceTypes.map((p) => PRICE_TYPE.toDecp(p))),
        origineUE: f.originEu,
        origineFrance: f.originFrance,
        'titulaires.typeIdentifiant': joined(state.awardees.map((a) => AWARDEE_ID_TYPE.toDecp(a.idType))),
        'titulaires.id': joined(state.awardees.map((a) => a.identifier)),
        'titulaires.denominationSociale': joined(state.awardees.map((a) => a.name)),
        considerationsSociales: joined(f.socialConsiderations.map((c) => SOCIAL_CONSIDERATION.toDecp(c))),
        considerationsEnvironnementales: joined(f.environmentalConsiderations.map((c) => ENVIRONMENTAL_CONSIDERATION.toDecp(c))),
        nombreModifications: state.modifications.length,
        montantActuel: contract.currentAmount.toFixed(2),
        dureeMoisActuelle: contract.currentDurationMonths,
        baseLegaleMarcheReserve: f.reservedBasis ? RESERVED_BASIS.toDecp(f.reservedBasis) : null,
        heuresInsertionPrevues: f.insertionHoursPlanned,
        heuresInsertionRealisees: f.insertionHoursAchieved,
      };
      lines.push(CSV_COLUMNS.map((column) => cell(values[column])).join(';'));
    }
    return {
      format,
      filename: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      contractCount: rows.length,
      content: `${lines.join('\r\n')}\r\n`,
      omitted: [],
    };
  }
}
