// French strings of the actor registry screens (the reference: English implements the same shape).
import { makeFormat } from '../i18n/format';

const { integer } = makeFormat('fr-FR');
const plural = (count: number, one: string, many: string) => (count > 1 ? many : one);

export const actorsFr = {
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
};

export type ActorsMessages = typeof actorsFr;
