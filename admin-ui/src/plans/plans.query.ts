// The plans outline query: the plans of some départements, their axes in order, and the actions of each axis.
import { graphql, type ResultOf, type VariablesOf } from '../graphql/tada';

/** Enough for the demo plans; paging of plans and actions comes with the plan detail page. */
export const PLANS_PAGE_SIZE = 20;
export const ACTIONS_PER_AXIS = 100;

export const PlansOutlineQuery = graphql(`
  query PlansOutline($filter: PlanFilter, $first: Int!, $actionsPerAxis: Int!) {
    plans(first: $first, filter: $filter) {
      totalCount
      nodes {
        id
        title
        status
        authorities {
          code
          name
        }
        progress {
          actionCount
          progress
        }
        budget {
          planned
          committed
          commitmentRate
        }
        axes {
          id
          position
          title
          progress {
            actionCount
            progress
          }
          budget {
            planned
            committed
            commitmentRate
          }
          actions(first: $actionsPerAxis) {
            totalCount
            nodes {
              id
              parentId
              position
              title
              status
              progress
            }
          }
        }
      }
    }
  }
`);

export type PlansQueryData = ResultOf<typeof PlansOutlineQuery>;
export type PlansQueryVariables = VariablesOf<typeof PlansOutlineQuery>;
export type OutlinePlan = NonNullable<PlansQueryData['plans']>['nodes'][number];
export type OutlineAxis = OutlinePlan['axes'][number];
export type OutlineAction = OutlineAxis['actions']['nodes'][number];
export type Progress = OutlinePlan['progress'];
export type Budget = OutlinePlan['budget'];
