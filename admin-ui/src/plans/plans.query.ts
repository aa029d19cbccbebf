// The plans outline query: the plans of some départements, their axes in order, and the actions of each axis.
import { gql } from 'urql';
import type { ActionStatus, PlanFilter, PlanStatus } from '../graphql/types';

/** Enough for the demo plans; paging of plans and actions comes with the plan detail page. */
export const PLANS_PAGE_SIZE = 20;
export const ACTIONS_PER_AXIS = 100;

export interface Progress {
  actionCount: number;
  /** 0 to 100, two decimals; null without actions. */
  progress: number | null;
}

export interface Budget {
  planned: number;
  committed: number;
  commitmentRate: number | null;
}

export interface OutlineAction {
  id: string;
  parentId: string | null;
  position: number;
  title: string;
  status: ActionStatus;
  progress: number;
}

export interface OutlineAxis {
  id: string;
  position: number;
  title: string;
  progress: Progress;
  budget: Budget;
  actions: { totalCount: number; nodes: OutlineAction[] };
}

export interface OutlinePlan {
  id: string;
  title: string;
  status: PlanStatus;
  authorities: Array<{ code: string; name: string }>;
  progress: Progress;
  budget: Budget;
  axes: OutlineAxis[];
}

export interface PlansQueryData {
  plans: { totalCount: number; nodes: OutlinePlan[] } | null;
}

export interface PlansQueryVariables {
  filter: PlanFilter;
  first: number;
  actionsPerAxis: number;
}

export const PlansOutlineQuery = gql<PlansQueryData, PlansQueryVariables>`
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
`;
