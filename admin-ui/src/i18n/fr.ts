// French strings of the admin SPA, the reference catalogue: other languages implement the same shape (Messages).
import type { ActionStatus, InclusionType, LegalFamily, PlanStatus, StaffRole } from '../graphql/types';

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const wholeEuros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const plural = (count: number, one: string, many: string) => (count > 1 ? many : one);

export const fr = {
  locale: 'fr-FR',
  app: {
    name: 'ESS – Administration',
    tagline: 'Économie sociale et solidaire du Département',
    skipToContent: 'Aller au contenu principal',
    documentTitle: (page: string) => `${page} – ESS Administration`,
    loading: 'Chargement…',
  },
  /** Numbers in the catalogue's locale: a percentage given from 0 to 100, an amount in euros (cents only when there are some). */
  format: {
    percent: (value: number) => percent.format(value / 100),
    euros: (amount: number) => (Number.isInteger(amount) ? wholeEuros : euros).format(amount),
  },
  signIn: {
    title: 'Connexion',
    intro: 'Connectez-vous avec le compte que l’administrateur de votre département vous a ouvert.',
    email: 'Adresse électronique',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    oidc: 'Se connecter avec ProConnect / votre fournisseur',
    or: 'ou',
    errorTitle: 'La connexion a échoué.',
    errors: {
      emailMissing: 'Saisissez votre adresse électronique.',
      passwordMissing: 'Saisissez votre mot de passe.',
      INVALID_CREDENTIALS: 'Adresse électronique ou mot de passe incorrect.',
      RATE_LIMITED: 'Trop de tentatives de connexion. Patientez quelques minutes avant de réessayer.',
      UNAVAILABLE: 'Le service de connexion est indisponible. Réessayez dans un instant.',
    },
    expired: 'Votre session a pris fin. Connectez-vous à nouveau pour continuer.',
    signedOut: 'Vous êtes déconnecté.',
  },
  shell: {
    navigation: 'Navigation principale',
    account: 'Votre compte',
    role: 'Profil',
    authorities: (count: number) => plural(count, 'Département', 'Départements'),
    signOut: 'Se déconnecter',
  },
  nav: {
    actors: 'Acteurs',
    plans: 'Plans',
  },
  roles: {
    ADMIN: 'Administration',
    EDITOR: 'Édition',
    VIEWER: 'Consultation',
  } satisfies Record<StaffRole, string>,
  plans: {
    title: 'Plans',
    intro: 'Les plans de vos départements : leurs axes, leurs actions, leur avancement et leur budget.',
    count: (count: number) => (count === 0 ? 'Aucun plan' : `${integer.format(count)} ${plural(count, 'plan', 'plans')}`),
    loading: 'Chargement des plans…',
    status: 'Statut',
    authorities: 'Départements',
    progress: 'Avancement',
    progressOf: (title: string) => `Avancement : ${title}`,
    noActions: 'Aucune action',
    actionCount: (count: number) => `${integer.format(count)} ${plural(count, 'action', 'actions')}`,
    axis: (position: number) => `Axe ${position}`,
    budget: 'Budget',
    planned: 'Prévu',
    committed: 'Engagé',
    commitmentRate: (rate: number) => `${percent.format(rate)} engagé`,
    axesTitle: 'Axes et actions',
    subActions: 'Sous-actions',
    empty: {
      title: 'Aucun plan pour vos départements.',
      hint: 'Les plans apparaissent ici dès qu’ils sont créés pour l’un de vos départements.',
    },
    error: {
      title: "Les plans n'ont pas pu être chargés.",
      hint: 'Réessayez dans un instant. Si le problème persiste, transmettez ce code au support.',
      code: "Code de l'erreur",
      retry: 'Réessayer',
    },
  },
  planStatuses: {
    DRAFT: 'Brouillon',
    ADOPTED: 'Adopté',
    IN_PROGRESS: 'En cours de mise en œuvre',
    CLOSED: 'Clos',
  } satisfies Record<PlanStatus, string>,
  actionStatuses: {
    PLANNED: 'Prévue',
    IN_PROGRESS: 'En cours',
    DONE: 'Réalisée',
    SUSPENDED: 'Suspendue',
    CANCELLED: 'Annulée',
  } satisfies Record<ActionStatus, string>,
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
