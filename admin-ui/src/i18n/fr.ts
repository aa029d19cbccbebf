// French strings of the admin SPA, the reference catalogue: other languages implement the same shape (Messages).
// Each area of the app keeps its strings beside its screens (actors/messages.fr.ts…); this file gathers them.
import { actorsFr } from '../actors/messages.fr';
import type { ActionStatus, InclusionType, LegalFamily, PlanStatus, StaffRole } from '../graphql/types';
import { plansFr } from '../plans/messages.fr';
import { procurementFr } from '../procurement/messages.fr';
import { makeFormat } from './format';

const format = makeFormat('fr-FR');
const { plural } = format;

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
    ...format,
    /** A percentage given from 0 to 100. */
    percentOf100: (value: number) => format.percent.format(value / 100),
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
    authority: 'Département de travail',
    allAuthorities: 'Tous mes départements',
    signOut: 'Se déconnecter',
    breadcrumb: "Fil d'Ariane",
    settings: 'Préférences',
    language: 'Langue',
    languages: { fr: 'Français', en: 'English' },
    theme: 'Thème',
    themes: { system: 'Celui du système', light: 'Clair', dark: 'Sombre' },
    search: 'Recherche globale',
    searchLabel: 'Rechercher des acteurs, plans et actions',
    /** Short enough to show whole in the header's field, even on a phone (the label says the rest). */
    searchPlaceholder: 'Acteur, plan, action…',
    searchSubmit: 'Rechercher',
    notFound: {
      title: 'Page introuvable',
      hint: "Cette adresse ne correspond à aucune page. Vérifiez-la ou revenez à l'accueil.",
      home: "Revenir à l'accueil",
    },
  },
  nav: {
    home: 'Accueil',
    actors: 'Acteurs',
    plans: 'Plans',
    agreements: 'Conventions',
    calls: 'Appels à communs',
    procurement: 'Marchés',
  },
  /** Words shared by every screen: buttons, states, forms, conflicts, exports, history. */
  common: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    errorCode: "Code de l'erreur",
    errorHint: 'Réessayez dans un instant. Si le problème persiste, transmettez ce code au support.',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: 'Modifications enregistrées.',
    cancel: 'Annuler',
    edit: 'Modifier',
    create: 'Créer',
    close: 'Fermer',
    required: 'obligatoire',
    none: 'Aucun',
    yes: 'Oui',
    no: 'Non',
    unknown: 'Non renseigné',
    formErrors: (count: number) => `Le formulaire contient ${count} ${plural(count, 'erreur', 'erreurs')} :`,
    unsavedChanges: 'Des modifications ne sont pas enregistrées. Quitter cette page sans les enregistrer ?',
    conflict: {
      title: 'Quelqu’un a modifié cet enregistrement pendant que vous le modifiiez.',
      hint: 'Comparez les deux versions, puis rechargez la version enregistrée (vos modifications sont perdues) ou enregistrez la vôtre par-dessus, en connaissance de cause.',
      field: 'Champ',
      theirs: 'Version enregistrée',
      yours: 'Votre version',
      reload: 'Recharger la version enregistrée',
      overwrite: 'Enregistrer ma version quand même',
    },
    export: {
      label: 'Exporter la liste filtrée',
      csv: 'Exporter en CSV',
      xlsx: 'Exporter en XLSX',
      exporting: 'Export en cours…',
      done: (count: number) => `${format.integer.format(count)} ${plural(count, 'ligne exportée', 'lignes exportées')}.`,
    },
    columns: 'Colonnes affichées',
    pagination: {
      previous: 'Page précédente',
      next: 'Page suivante',
      first: 'Première page',
    },
    sort: {
      label: 'Trier par',
      ascending: 'croissant',
      descending: 'décroissant',
    },
    history: {
      title: 'Historique des modifications',
      empty: 'Aucune modification enregistrée.',
      who: 'Par',
      when: 'Le',
      what: 'Changements',
      system: 'Système',
      staff: 'Agent',
      key: 'Clé d’API',
      loadMore: "Voir plus d'historique",
      actions: { create: 'Création', update: 'Modification', archive: 'Archivage', restore: 'Restauration', delete: 'Suppression', link: 'Ajout de lien', unlink: 'Retrait de lien', import: 'Import', move: 'Déplacement' } as Record<string, string>,
    },
  },
  home: {
    intro: 'Les chiffres clés de vos départements : avancement des plans, conventions, acteurs et dernières modifications.',
    progress: (count: number) => `d’avancement sur ${format.integer.format(count)} ${plural(count, 'action', 'actions')}`,
    committed: (planned: string) => `engagés par conventions, sur ${planned} prévus`,
    agreements: 'conventions',
    progressByAxis: 'Avancement par axe',
    axis: 'Axe',
    actions: 'Actions',
    actorsByFamily: (count: number) => `${format.integer.format(count)} ${plural(count, 'acteur', 'acteurs')} par famille juridique`,
    count: 'Nombre',
    latest: 'Dernières modifications',
    error: "Les chiffres clés n'ont pas pu être chargés.",
  },
  search: {
    intro: (q: string) => `Résultats pour « ${q} » parmi les acteurs, les plans et les actions.`,
    empty: 'Saisissez un mot dans la recherche globale, en haut de la page.',
    actors: (count: number) => `Acteurs (${format.integer.format(count)})`,
    plans: (count: number) => `Plans (${format.integer.format(count)})`,
    actions: (count: number) => `Actions (${format.integer.format(count)})`,
    none: 'Aucun résultat.',
    more: (count: number) => `Voir les ${format.integer.format(count)} acteurs`,
    error: "La recherche n'a pas abouti.",
  },
  roles: {
    ADMIN: 'Administration',
    EDITOR: 'Édition',
    VIEWER: 'Consultation',
  } satisfies Record<StaffRole, string>,
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
  actors: actorsFr,
  plans: plansFr,
  procurement: procurementFr,
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
