// The DECP 2024 vocabularies (arrêté of 22 December 2022, schema 2.0.x) as GraphQL enums, each with its exact French value.
// Enum keys equal their values (type-graphql uses the keys as GraphQL names); the French values only live in the maps below.
import { registerEnumType } from 'type-graphql';

/** Lower case, no accents, straight apostrophes, single spaces: how file values are matched (export is always exact). */
export function looseKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/[’‘`´]/g, "'")
    .replace(/[\s_]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A closed list of DECP values: enum key <-> exact French value, with tolerant reading of files. */
export class Vocabulary<E extends string> {
  private readonly byLooseValue = new Map<string, E>();

  constructor(
    readonly name: string,
    private readonly decpValues: Record<E, string>,
    /** Other spellings met in files (older formats, variants), read but never written. */
    aliases: Record<string, E> = {},
  ) {
    for (const [key, value] of Object.entries(decpValues) as Array<[E, string]>) this.byLooseValue.set(looseKey(value), key);
    for (const [alias, key] of Object.entries(aliases)) this.byLooseValue.set(looseKey(alias), key);
  }

  /** The exact DECP value of a key. */
  toDecp(key: E): string {
    return this.decpValues[key];
  }

  /** The key of a value read from a file, or null when it is not in the list. */
  fromDecp(value: string): E | null {
    return this.byLooseValue.get(looseKey(value)) ?? null;
  }

  /** The exact values, for error messages. */
  allowed(): string {
    return Object.values<string>(this.decpValues).map((v) => `"${v}"`).join(', ');
  }

  keys(): E[] {
    return Object.keys(this.decpValues) as E[];
  }
}

export enum ContractNature {
  MARCHE = 'MARCHE',
  PARTNERSHIP = 'PARTNERSHIP',
  DEFENCE_OR_SECURITY = 'DEFENCE_OR_SECURITY',
}
registerEnumType(ContractNature, { name: 'ContractNature', description: 'DECP nature: "Marché", "Marché de partenariat", "Marché de défense ou de sécurité".' });
export const NATURE = new Vocabulary<ContractNature>('nature', {
  MARCHE: 'Marché',
  PARTNERSHIP: 'Marché de partenariat',
  DEFENCE_OR_SECURITY: 'Marché de défense ou de sécurité',
});

export enum Procedure {
  ADAPTED = 'ADAPTED',
  OPEN_TENDER = 'OPEN_TENDER',
  RESTRICTED_TENDER = 'RESTRICTED_TENDER',
  NEGOTIATED = 'NEGOTIATED',
  WITHOUT_PUBLICITY_OR_COMPETITION = 'WITHOUT_PUBLICITY_OR_COMPETITION',
  COMPETITIVE_DIALOGUE = 'COMPETITIVE_DIALOGUE',
}
registerEnumType(Procedure, { name: 'ProcurementProcedure', description: 'DECP procedure (procedure).' });
export const PROCEDURE = new Vocabulary<Procedure>(
  'procedure',
  {
    ADAPTED: 'Procédure adaptée',
    OPEN_TENDER: "Appel d'offres ouvert",
    RESTRICTED_TENDER: "Appel d'offres restreint",
    NEGOTIATED: 'Procédure avec négociation',
    WITHOUT_PUBLICITY_OR_COMPETITION: 'Marché passé sans publicité ni mise en concurrence préalable',
    COMPETITIVE_DIALOGUE: 'Dialogue compétitif',
  },
  {
    // 2019 format
    'Procédure concurrentielle avec négociation': Procedure.NEGOTIATED,
    'Procédure négociée avec mise en concurrence préalable': Procedure.NEGOTIATED,
    'Marché négocié sans publicité ni mise en concurrence préalable': Procedure.WITHOUT_PUBLICITY_OR_COMPETITION,
  },
);

export enum Technique {
  FRAMEWORK_AGREEMENT = 'FRAMEWORK_AGREEMENT',
  DESIGN_CONTEST = 'DESIGN_CONTEST',
  QUALIFICATION_SYSTEM = 'QUALIFICATION_SYSTEM',
  DYNAMIC_PURCHASING_SYSTEM = 'DYNAMIC_PURCHASING_SYSTEM',
  ELECTRONIC_CATALOGUE = 'ELECTRONIC_CATALOGUE',
  ELECTRONIC_AUCTION = 'ELECTRONIC_AUCTION',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
registerEnumType(Technique, { name: 'PurchasingTechnique', description: 'DECP purchasing technique (techniques.technique).' });
export const TECHNIQUE = new Vocabulary<Technique>('technique', {
  FRAMEWORK_AGREEMENT: 'Accord-cadre',
  DESIGN_CONTEST: 'Concours',
  QUALIFICATION_SYSTEM: 'Système de qualification',
  DYNAMIC_PURCHASING_SYSTEM: "Système d'acquisition dynamique",
  ELECTRONIC_CATALOGUE: 'Catalogue électronique',
  ELECTRONIC_AUCTION: 'Enchère électronique',
  NOT_APPLICABLE: 'Sans objet',
});

export enum ExecutionMode {
  TRANCHES = 'TRANCHES',
  PURCHASE_ORDERS = 'PURCHASE_ORDERS',
  SUBSEQUENT_CONTRACTS = 'SUBSEQUENT_CONTRACTS',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
registerEnumType(ExecutionMode, { name: 'ExecutionMode', description: 'DECP execution mode (modalitesExecution.modaliteExecution).' });
export const EXECUTION_MODE = new Vocabulary<ExecutionMode>('modaliteExecution', {
  TRANCHES: 'Tranches',
  PURCHASE_ORDERS: 'Bons de commande',
  SUBSEQUENT_CONTRACTS: 'Marchés subséquents',
  NOT_APPLICABLE: 'Sans objet',
});

export enum Ccag {
  WORKS = 'WORKS',
  PROJECT_MANAGEMENT = 'PROJECT_MANAGEMENT',
  SUPPLIES_AND_SERVICES = 'SUPPLIES_AND_SERVICES',
  INDUSTRIAL = 'INDUSTRIAL',
  INTELLECTUAL_SERVICES = 'INTELLECTUAL_SERVICES',
  ICT = 'ICT',
  NONE = 'NONE',
}
registerEnumType(Ccag, { name: 'Ccag', description: 'Reference general administrative terms (CCAG).' });
export const CCAG = new Vocabulary<Ccag>('ccag', {
  WORKS: 'Travaux',
  PROJECT_MANAGEMENT: "Maitrise d'œuvre",
  SUPPLIES_AND_SERVICES: 'Fournitures courantes et services',
  INDUSTRIAL: 'Marchés industriels',
  INTELLECTUAL_SERVICES: 'Prestations intellectuelles',
  ICT: "Techniques de l'information et de la communication",
  NONE: 'Pas de CCAG',
});

export enum OperatorGrouping {
  JOINT = 'JOINT',
  JOINT_AND_SEVERAL = 'JOINT_AND_SEVERAL',
  NONE = 'NONE',
}
registerEnumType(OperatorGrouping, { name: 'OperatorGrouping', description: 'DECP typeGroupementOperateurs.' });
export const OPERATOR_GROUPING = new Vocabulary<OperatorGrouping>('typeGroupementOperateurs', {
  JOINT: 'Conjoint',
  JOINT_AND_SEVERAL: 'Solidaire',
  NONE: 'Pas de groupement',
});

export enum PlaceCodeType {
  POSTAL_CODE = 'POSTAL_CODE',
  COMMUNE = 'COMMUNE',
  ARRONDISSEMENT = 'ARRONDISSEMENT',
  CANTON = 'CANTON',
  DEPARTEMENT = 'DEPARTEMENT',
  REGION = 'REGION',
  COUNTRY = 'COUNTRY',
}
registerEnumType(PlaceCodeType, { name: 'PlaceCodeType', description: 'DECP lieuExecution.typeCode.' });
export const PLACE_CODE_TYPE = new Vocabulary<PlaceCodeType>('lieuExecution.typeCode', {
  POSTAL_CODE: 'Code postal',
  COMMUNE: 'Code commune',
  ARRONDISSEMENT: 'Code arrondissement',
  CANTON: 'Code canton',
  DEPARTEMENT: 'Code département',
  REGION: 'Code région',
  COUNTRY: 'Code pays',
});

export enum PriceForm {
  UNIT = 'UNIT',
  LUMP_SUM = 'LUMP_SUM',
  MIXED = 'MIXED',
}
registerEnumType(PriceForm, { name: 'PriceForm', description: 'DECP formePrix.' });
export const PRICE_FORM = new Vocabulary<PriceForm>('formePrix', { UNIT: 'Unitaire', LUMP_SUM: 'Forfaitaire', MIXED: 'Mixte' });

export enum PriceType {
  FIRM = 'FIRM',
  ADJUSTABLE = 'ADJUSTABLE',
  REVISABLE = 'REVISABLE',
  PROVISIONAL = 'PROVISIONAL',
}
registerEnumType(PriceType, { name: 'PriceType', description: 'DECP typesPrix.typePrix.' });
export const PRICE_TYPE = new Vocabulary<PriceType>('typePrix', {
  FIRM: 'Définitif ferme',
  ADJUSTABLE: 'Définitif actualisable',
  REVISABLE: 'Définitif révisable',
  PROVISIONAL: 'Provisoire',
});
/** 2019 format: formePrix held what is now a price type. */
export const LEGACY_PRICE_FORM = new Vocabulary<PriceType>('formePrix', { FIRM: 'Ferme', ADJUSTABLE: 'Ferme et actualisable', REVISABLE: 'Révisable', PROVISIONAL: 'Provisoire' });

export enum SocialConsideration {
  SOCIAL_CLAUSE = 'SOCIAL_CLAUSE',
  SOCIAL_CRITERION = 'SOCIAL_CRITERION',
  RESERVED_CONTRACT = 'RESERVED_CONTRACT',
  NONE = 'NONE',
}
registerEnumType(SocialConsideration, {
  name: 'SocialConsideration',
  description: 'DECP considerationsSociales: "Clause sociale", "Critère social", "Marché réservé", "Pas de considération sociale".',
});
export const SOCIAL_CONSIDERATION = new Vocabulary<SocialConsideration>('considerationSociale', {
  SOCIAL_CLAUSE: 'Clause sociale',
  SOCIAL_CRITERION: 'Critère social',
  RESERVED_CONTRACT: 'Marché réservé',
  NONE: 'Pas de considération sociale',
});

export enum EnvironmentalConsideration {
  ENVIRONMENTAL_CLAUSE = 'ENVIRONMENTAL_CLAUSE',
  ENVIRONMENTAL_CRITERION = 'ENVIRONMENTAL_CRITERION',
  NONE = 'NONE',
}
registerEnumType(EnvironmentalConsideration, {
  name: 'EnvironmentalConsideration',
  description: 'DECP considerationsEnvironnementales: "Clause environnementale", "Critère environnemental", "Pas de considération environnementale".',
});
export const ENVIRONMENTAL_CONSIDERATION = new Vocabulary<EnvironmentalConsideration>('considerationEnvironnementale', {
  ENVIRONMENTAL_CLAUSE: 'Clause environnementale',
  ENVIRONMENTAL_CRITERION: 'Critère environnemental',
  NONE: 'Pas de considération environnementale',
});

export enum AwardeeIdType {
  SIRET = 'SIRET',
  TVA = 'TVA',
  TAHITI = 'TAHITI',
  RIDET = 'RIDET',
  FRWF = 'FRWF',
  IREP = 'IREP',
  HORS_UE = 'HORS_UE',
}
registerEnumType(AwardeeIdType, { name: 'AwardeeIdType', description: 'DECP typeIdentifiant of an awardee (SIRET preferred).' });
export const AWARDEE_ID_TYPE = new Vocabulary<AwardeeIdType>(
  'typeIdentifiant',
  { SIRET: 'SIRET', TVA: 'TVA', TAHITI: 'TAHITI', RIDET: 'RIDET', FRWF: 'FRWF', IREP: 'IREP', HORS_UE: 'HORS-UE' },
  { 'Hors UE': AwardeeIdType.HORS_UE, UE: AwardeeIdType.TVA },
);

/** Legal basis of a reserved contract (code de la commande publique). Not in the DECP: the platform records it. */
export enum ReservedBasis {
  /** Disability: entreprises adaptées (EA) and ESAT. */
  L2113_12 = 'L2113_12',
  /** Integration through economic activity: SIAE (EI, AI, ACI, ETTI, EITI) and equivalent structures. */
  L2113_13 = 'L2113_13',
  /** ESS enterprises, for some health, social and cultural services (3 years at most). */
  L2113_15 = 'L2113_15',
}
registerEnumType(ReservedBasis, {
  name: 'ReservedBasis',
  description: 'Article of the code de la commande publique a contract is reserved under: L2113-12 (EA/ESAT), L2113-13 (SIAE), L2113-15 (ESS enterprises).',
});
export const RESERVED_BASIS = new Vocabulary<ReservedBasis>('reservedBasis', { L2113_12: 'L2113-12', L2113_13: 'L2113-13', L2113_15: 'L2113-15' });

/** Considerations that count as "at least one social consideration" (the PNAD indicator). */
export const COUNTED_SOCIAL = [SocialConsideration.SOCIAL_CLAUSE, SocialConsideration.SOCIAL_CRITERION, SocialConsideration.RESERVED_CONTRACT];
export const COUNTED_ENVIRONMENTAL = [EnvironmentalConsideration.ENVIRONMENTAL_CLAUSE, EnvironmentalConsideration.ENVIRONMENTAL_CRITERION];

export enum PriceVariation {
  FIRM = 'FIRM',
  ADJUSTABLE = 'ADJUSTABLE',
  REVISABLE = 'REVISABLE',
}
registerEnumType(PriceVariation, {
  name: 'SubcontractPriceVariation',
  description: 'DECP acteSousTraitance.variationPrix: "Ferme", "Actualisable", "Révisable".',
});
export const PRICE_VARIATION = new Vocabulary<PriceVariation>('variationPrix', { FIRM: 'Ferme', ADJUSTABLE: 'Actualisable', REVISABLE: 'Révisable' });
