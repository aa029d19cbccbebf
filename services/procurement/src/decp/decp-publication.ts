// What the DECP 2024 format requires of a published marché beyond the contract rules: the import refuses a record the
// export could not publish (or completes it with neutral values when asked, each completion reported), and the export
// leaves out, and names, a stored contract that lacks them.
import { Ccag, EnvironmentalConsideration, ExecutionMode, OperatorGrouping, SocialConsideration, Technique } from '../common/codes';
import type { ContractState } from '../contract/contract.rules';

export interface PublicationGap {
  /** DECP name of the missing field, e.g. offresRecues or modifications[id=2].datePublicationDonneesModification. */
  field: string;
  /** What completing fills in, as the DECP writes it; null when the format has no neutral value for it. */
  neutral: string | null;
}

interface Requirement {
  field: string;
  missing: (state: ContractState) => boolean;
  /** Fills a neutral value in place, or null when none would be true of every contract. */
  complete: ((state: ContractState) => void) | null;
  neutral: string | null;
}

const REQUIREMENTS: Requirement[] = [
  {
    field: 'techniques',
    missing: (s) => !s.fields.techniques.length,
    complete: (s) => void (s.fields.techniques = [Technique.NOT_APPLICABLE]),
    neutral: 'Sans objet',
  },
  {
    field: 'modalitesExecution',
    missing: (s) => !s.fields.executionModes.length,
    complete: (s) => void (s.fields.executionModes = [ExecutionMode.NOT_APPLICABLE]),
    neutral: 'Sans objet',
  },
  {
    field: 'marcheInnovant',
    missing: (s) => s.fields.innovative === null,
    complete: (s) => void (s.fields.innovative = false),
    neutral: 'false',
  },
  { field: 'ccag', missing: (s) => s.fields.ccag === null, complete: (s) => void (s.fields.ccag = Ccag.NONE), neutral: 'Pas de CCAG' },
  // a contract was awarded, so at least one offer was received
  {
    field: 'offresRecues',
    missing: (s) => s.fields.offersReceived === null,
    complete: (s) => void (s.fields.offersReceived = 1),
    neutral: '1',
  },
  {
    field: 'attributionAvance',
    missing: (s) => s.fields.advanceGranted === null,
    complete: (s) => void (s.fields.advanceGranted = false),
    neutral: 'false',
  },
  {
    field: 'typeGroupementOperateurs',
    missing: (s) => s.fields.operatorGrouping === null,
    complete: (s) => void (s.fields.operatorGrouping = s.awardees.length > 1 ? null : OperatorGrouping.NONE),
    neutral: 'Pas de groupement',
  },
  {
    field: 'sousTraitanceDeclaree',
    missing: (s) => s.fields.subcontractingDeclared === null,
    complete: (s) => void (s.fields.subcontractingDeclared = (s.subcontracts ?? []).length > 0),
    neutral: 'false (true when the record lists actesSousTraitance)',
  },
  { field: 'lieuExecution', missing: (s) => s.fields.placeCode === null, complete: null, neutral: null },
  { field: 'datePublicationDonnees', missing: (s) => s.fields.publishedOn === null, complete: null, neutral: null },
  { field: 'typesPrix', missing: (s) => !s.fields.priceTypes.length, complete: null, neutral: null },
  { field: 'formePrix', missing: (s) => s.fields.priceForm === null, complete: null, neutral: null },
  {
    field: 'considerationsSociales',
    missing: (s) => !s.fields.socialConsiderations.length,
    complete: (s) => void (s.fields.socialConsiderations = [SocialConsideration.NONE]),
    neutral: 'Pas de considération sociale',
  },
  {
    field: 'considerationsEnvironnementales',
    missing: (s) => !s.fields.environmentalConsiderations.length,
    complete: (s) => void (s.fields.environmentalConsiderations = [EnvironmentalConsideration.NONE]),
    neutral: 'Pas de considération environnementale',
  },
];

/** Every field the 2024 format requires that the contract lacks, with the neutral value that could complete it. */
export function publicationGaps(state: ContractState): PublicationGap[] {
  const gaps = REQUIREMENTS.filter((r) => r.missing(state)).map((r) => ({ field: r.field, neutral: r.neutral }));
  for (const m of state.modifications) {
    if (m.publishedOn === null) gaps.push({ field: `modifications[id=${m.decpId}].datePublicationDonneesModification`, neutral: null });
  }
  return gaps;
}

/**
 * Fills the gaps that have a neutral value, in place, and returns what it filled; gaps without one stay (see
 * publicationGaps). A joint award without a grouping type stays a gap: "Pas de groupement" would be false of it.
 */
export function completeForPublication(state: ContractState): PublicationGap[] {
  const filled: PublicationGap[] = [];
  for (const requirement of REQUIREMENTS) {
    if (!requirement.complete || !requirement.missing(state)) continue;
    requirement.complete(state);
    if (!requirement.missing(state)) filled.push({ field: requirement.field, neutral: requirement.neutral });
  }
  return filled;
}

export function gapMessage(gap: PublicationGap, legacy: boolean): string {
  const why = 'is required by the DECP 2024 format: the export could not publish the contract without it';
  const origin = legacy ? ' (the 2019 format did not have it)' : '';
  if (gap.neutral === null) return `${why}${origin}; it has no neutral value: complete the file`;
  return `${why}${origin}; complete the file, or import with completeMissing to record "${gap.neutral}"`;
}
