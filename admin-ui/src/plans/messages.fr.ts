// French strings of the plans screens (the reference: English implements the same shape).
import { makeFormat } from '../i18n/format';

const { integer, percent } = makeFormat('fr-FR');
const plural = (count: number, one: string, many: string) => (count > 1 ? many : one);

export const plansFr = {
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
};

export type PlansMessages = typeof plansFr;
