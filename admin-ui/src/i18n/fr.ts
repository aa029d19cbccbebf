// French strings of the admin SPA, the reference catalogue: other languages implement the same shape (Messages).
import type { InclusionType, LegalFamily } from '../graphql/types';

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const plural = (count: number, one: string, many: string) => (count > 1 ? many : one);

export const fr = {
  locale: 'fr-FR',
  app: {
    name: 'ESS – Administration',
    tagline: 'Économie sociale et solidaire du Département',
    skipToContent: 'Aller au contenu principal',
    documentTitle: (page: string) => `${page} – ESS Administration`,
  },
  actors: {
    title: "Acteurs de l'ESS",
    intro: "Le registre des acteurs de l'économie sociale et solidaire des départements partenaires.",
    filters: {
      legend: 'Rechercher et filtrer',
      search: 'Rechercher un acteur',
      searchHint: 'Nom, description ou commune ; les accents sont facultatifs.',
      authority: 'Département',
      allAuthorities: 'Tous les départements',
      legalFamily: 'Famille juridique',
      allLegalFamilies: 'Toutes les familles',
      reset: 'Effacer les filtres',
    },
    count: (count: number) => (count === 0 ? 'Aucun acteur' : `${integer.format(count)} ${plural(count, 'acteur', 'acteurs')}`),
    loading: 'Chargement des acteurs…',
    table: {
      caption: (shown: number, total: number) =>
        shown < total ? `Acteurs de l'ESS : ${integer.format(shown)} affichés sur ${integer.format(total)}` : "Acteurs de l'ESS",
      name: 'Nom',
      legalFamily: 'Famille juridique',
      commune: 'Commune',
      authority: 'Département',
      inclusionType: "Type d'inclusion",
      networks: 'Réseaux',
      none: 'Aucun',
    },
    loadMore: 'Charger plus',
    loadingMore: 'Chargement…',
    empty: {
      title: 'Aucun acteur ne correspond à ces critères.',
      hint: 'Essayez une autre recherche ou effacez les filtres.',
    },
    error: {
      title: "Les acteurs n'ont pas pu être chargés.",
      hint: 'Réessayez dans un instant. Si le problème persiste, transmettez ce code au support.',
      code: "Code de l'erreur",
      retry: 'Réessayer',
    },
  },
  /** A département as shown in lists: "Gard (30)", or its code alone when its name is unknown. */
  authority: (code: string, name: string | undefined) => (name ? `${name} (${code})` : code),
  legalFamilies: {
    ASSOCIATION: 'Association',
    COOPERATIVE: 'Coopérative',
    MUTUAL: 'Mutuelle',
    FOUNDATION: 'Fondation',
    ESS_COMPANY: "Société commerciale de l'ESS",
    OTHER: 'Autre',
  } satisfies Record<LegalFamily, string>,
  /** Short code shown in tables, and its full name. */
  inclusionTypes: {
    NONE: { short: '', long: 'Aucun' },
    EI: { short: 'EI', long: "Entreprise d'insertion" },
    AI: { short: 'AI', long: 'Association intermédiaire' },
    ACI: { short: 'ACI', long: "Atelier et chantier d'insertion" },
    ETTI: { short: 'ETTI', long: "Entreprise de travail temporaire d'insertion" },
    EITI: { short: 'EITI', long: "Entreprise d'insertion par le travail indépendant" },
    EA: { short: 'EA', long: 'Entreprise adaptée' },
    ESAT: { short: 'ESAT', long: "Établissement et service d'aide par le travail" },
    GEIQ: { short: 'GEIQ', long: "Groupement d'employeurs pour l'insertion et la qualification" },
  } satisfies Record<InclusionType, { short: string; long: string }>,
};

/** The shape every catalogue must have; an English one is `export const en: Messages = { ... }`. */
export type Messages = typeof fr;
