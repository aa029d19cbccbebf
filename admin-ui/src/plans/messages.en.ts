// English strings of the plans screens: the same shape as plansFr.
import { makeFormat } from '../i18n/format';
import type { PlansMessages } from './messages.fr';

const { integer, percent } = makeFormat('en-GB');
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

export const plansEn: PlansMessages = {
  title: 'Plans',
  intro: "Your départements' plans: their axes, their actions, their progress and their budget.",
  count: (count: number) => (count === 0 ? 'No plan' : `${integer.format(count)} ${plural(count, 'plan', 'plans')}`),
  loading: 'Loading the plans…',
  status: 'Status',
  authorities: 'Départements',
  progress: 'Progress',
  progressOf: (title: string) => `Progress: ${title}`,
  noActions: 'No action',
  actionCount: (count: number) => `${integer.format(count)} ${plural(count, 'action', 'actions')}`,
  axis: (position: number) => `Axis ${position}`,
  budget: 'Budget',
  planned: 'Planned',
  committed: 'Committed',
  commitmentRate: (rate: number) => `${percent.format(rate)} committed`,
  axesTitle: 'Axes and actions',
  subActions: 'Sub-actions',
  empty: {
    title: 'No plan for your départements.',
    hint: 'Plans appear here as soon as they are created for one of your départements.',
  },
  error: {
    title: 'The plans could not be loaded.',
    hint: 'Try again in a moment. If the problem persists, give this code to support.',
    code: 'Error code',
    retry: 'Try again',
  },
};
