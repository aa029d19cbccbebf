// English strings of the actor registry screens: the same shape as actorsFr.
import { makeFormat } from '../i18n/format';
import type { ActorsMessages } from './messages.fr';

const { integer } = makeFormat('en-GB');
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

export const actorsEn: ActorsMessages = {
  title: 'ESS actors',
  intro: 'The registry of the social and solidarity economy actors of the partner départements.',
  filters: {
    legend: 'Search and filter',
    search: 'Search for an actor',
    searchHint: 'Name, description or commune; accents are optional.',
    authority: 'Département',
    allAuthorities: 'All départements',
    legalFamily: 'Legal family',
    allLegalFamilies: 'All families',
    reset: 'Clear the filters',
  },
  count: (count: number) => (count === 0 ? 'No actor' : `${integer.format(count)} ${plural(count, 'actor', 'actors')}`),
  loading: 'Loading the actors…',
  table: {
    caption: (shown: number, total: number) => (shown < total ? `ESS actors: ${integer.format(shown)} shown of ${integer.format(total)}` : 'ESS actors'),
    name: 'Name',
    legalFamily: 'Legal family',
    commune: 'Commune',
    authority: 'Département',
    inclusionType: 'Inclusion type',
    networks: 'Networks',
    none: 'None',
  },
  loadMore: 'Load more',
  loadingMore: 'Loading…',
  empty: {
    title: 'No actor matches these criteria.',
    hint: 'Try another search or clear the filters.',
  },
  error: {
    title: 'The actors could not be loaded.',
    hint: 'Try again in a moment. If the problem persists, give this code to support.',
    code: 'Error code',
    retry: 'Try again',
  },
};
