// The list's state as it lives in the address (shareable, Back undoes a change): search, filters and sort order.
// Without a `dep` parameter the list shows the départements the person works on; `dep=tous` shows them all.
import type { ActorFilter, ActorOrder, InclusionType, LegalFamily } from '../graphql/types';
import { LEGAL_FAMILIES } from '../graphql/types';

export const INCLUSION_TYPES: readonly InclusionType[] = ['EI', 'AI', 'ACI', 'ETTI', 'EITI', 'EA', 'ESAT', 'GEIQ', 'NONE'];

export type Tristate = '' | 'oui' | 'non';

export const SORTS = ['nom', '-nom', '-modifie', 'modifie', '-cree', 'cree'] as const;
export type Sort = (typeof SORTS)[number];

export interface ListParams {
  search: string;
  /** null: the working départements (no parameter); [] : every département. */
  authorities: string[] | null;
  legalFamilies: LegalFamily[];
  inclusionTypes: InclusionType[];
  essMember: Tristate;
  esus: Tristate;
  networkId: string;
  /** INSEE commune codes (the API filters on them). */
  communeCodes: string[];
  sector: string;
  includeArchived: boolean;
  sort: Sort;
}

export const ALL_AUTHORITIES = 'tous';

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);
const tristate = (value: string | null): Tristate => (value === 'oui' || value === 'non' ? value : '');

/** The INSEE codes in a typed list (commas or spaces between them), in capitals (2A, 2B), without duplicates. */
export function communeCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))];
}

export function readParams(params: URLSearchParams): ListParams {
  const dep = params.get('dep');
  const sort = params.get('tri');
  return {
    search: params.get('q') ?? '',
    authorities: dep === null ? null : dep === ALL_AUTHORITIES ? [] : list(dep),
    legalFamilies: list(params.get('famille')).filter((value): value is LegalFamily => (LEGAL_FAMILIES as readonly string[]).includes(value)),
    inclusionTypes: list(params.get('inclusion')).filter((value): value is InclusionType => (INCLUSION_TYPES as readonly string[]).includes(value)),
    essMember: tristate(params.get('ess')),
    esus: tristate(params.get('esus')),
    networkId: params.get('reseau') ?? '',
    communeCodes: communeCodes(params.get('commune') ?? ''),
    sector: params.get('secteur') ?? '',
    includeArchived: params.get('archives') === '1',
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'nom',
  };
}

export function writeParams(values: ListParams): Record<string, string | null> {
  return {
    q: values.search.trim() || null,
    dep: values.authorities === null ? null : values.authorities.length === 0 ? ALL_AUTHORITIES : values.authorities.join(','),
    famille: values.legalFamilies.join(',') || null,
    inclusion: values.inclusionTypes.join(',') || null,
    ess: values.essMember || null,
    esus: values.esus || null,
    reseau: values.networkId || null,
    commune: values.communeCodes.join(',') || null,
    secteur: values.sector.trim() || null,
    archives: values.includeArchived ? '1' : null,
    tri: values.sort === 'nom' ? null : values.sort,
  };
}

/** The server filter for these values; `working` are the départements used when none is chosen. */
export function toFilter(values: ListParams, working: readonly string[]): ActorFilter {
  const authorities = values.authorities ?? [...working];
  const search = values.search.trim();
  const sector = values.sector.trim();
  return {
    ...(search ? { search } : {}),
    ...(authorities.length ? { authorities } : {}),
    ...(values.legalFamilies.length ? { legalFamilies: values.legalFamilies } : {}),
    ...(values.inclusionTypes.length ? { inclusionTypes: values.inclusionTypes } : {}),
    ...(values.essMember ? { essMember: values.essMember === 'oui' } : {}),
    ...(values.esus ? { esus: values.esus === 'oui' } : {}),
    ...(values.networkId ? { networkId: values.networkId } : {}),
    ...(values.communeCodes.length ? { communeCodes: values.communeCodes } : {}),
    ...(sector ? { sector } : {}),
    ...(values.includeArchived ? { includeArchived: true } : {}),
  };
}

export function toOrder(sort: Sort): ActorOrder {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  return { field: key === 'modifie' ? 'UPDATED_AT' : key === 'cree' ? 'CREATED_AT' : 'NAME', direction: descending ? 'DESC' : 'ASC' };
}

/** Whether anything narrows the list beyond the working départements. */
export function isFiltered(values: ListParams): boolean {
  return (
    values.search.trim() !== '' ||
    values.authorities !== null ||
    values.legalFamilies.length > 0 ||
    values.inclusionTypes.length > 0 ||
    values.essMember !== '' ||
    values.esus !== '' ||
    values.networkId !== '' ||
    values.communeCodes.length > 0 ||
    values.sector.trim() !== '' ||
    values.includeArchived
  );
}
