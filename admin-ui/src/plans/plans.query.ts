// The plans screens' documents: the outline of the plans, one plan, one action, and their mutations.
// Every edit selects the record's id and version and what it changes (with the axis and plan roll-ups where they move),
// so that the normalized cache shows the change everywhere at once.
import { HistoryEntryFragment } from '../ui/HistoryPanel';
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
        version
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
          version
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
              version
              axisId
              parentId
              position
              title
              status
              progress
              plannedBudget
              committedBudget
            }
          }
        }
      }
    }
  }
`);

export const PlanQuery = graphql(
  `
    query PlanDetail($id: ID!, $actionsPerAxis: Int!) {
      plan(id: $id) {
        id
        version
        title
        summary
        status
        adoptedOn
        decidingBody
        startOn
        endOn
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
          version
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
              version
              axisId
              parentId
              position
              title
              status
              progress
              plannedBudget
              committedBudget
            }
          }
        }
        events(first: 20) {
          nodes {
            id
            title
            kind
            heldOn
            place
          }
        }
        history(first: 20) {
          totalCount
          nodes {
            ...HistoryEntryFields
          }
        }
      }
    }
  `,
  [HistoryEntryFragment],
);

export const ActionQuery = graphql(
  `
    query ActionDetail($id: ID!) {
      action(id: $id) {
        id
        version
        planId
        axisId
        parentId
        position
        title
        description
        leadService
        status
        progress
        startOn
        endOn
        plannedBudget
        committedBudget
        plan {
          id
          title
          axes {
            id
            position
            title
            actions(first: 1) {
              totalCount
            }
          }
        }
        axis {
          id
          position
          title
          progress {
            actionCount
            progress
          }
        }
        partners {
          id
          name
          legalForm {
            family
          }
        }
        milestones {
          id
          title
          dueOn
          done
          doneOn
        }
        callForCommons {
          id
          title
          status
        }
        spaserPlan {
          id
          title
          periodStart
          periodEnd
        }
        network {
          id
          name
          acronym
        }
        indicators(first: 20) {
          nodes {
            id
            version
            title
            unit
            baseline
            baselineOn
            target
            targetOn
            tracking {
              status
              latestValue
              latestOn
              expectedValue
            }
            values(first: 100) {
              nodes {
                id
                measuredOn
                value
                comment
              }
            }
          }
        }
        agreements(first: 20) {
          nodes {
            id
            beneficiaryName
            amount
            status
            signedOn
          }
        }
        history(first: 20) {
          totalCount
          nodes {
            ...HistoryEntryFields
          }
        }
      }
    }
  `,
  [HistoryEntryFragment],
);

/** The roll-ups an action's edit changes on its axis and plan; only the cache reads them back (they stay masked). */
const AxisRollupsFragment = graphql(`
  fragment AxisRollups on Axis {
    id
    progress {
      actionCount
      progress
    }
    budget {
      planned
      committed
      commitmentRate
    }
  }
`);

const PlanRollupsFragment = graphql(`
  fragment PlanRollups on Plan {
    id
    progress {
      actionCount
      progress
    }
    budget {
      planned
      committed
      commitmentRate
    }
  }
`);

/** What an edit of an action changes, and the roll-ups of its axis and plan. */
export const CreateActionMutation = graphql(
  `
  mutation CreateAction($input: CreateActionInput!) {
    createAction(input: $input) {
      id
      version
      planId
      axisId
      position
      title
      status
      progress
      axis {
        ...AxisRollups
      }
      plan {
        ...PlanRollups
      }
    }
  }
`,
  [AxisRollupsFragment, PlanRollupsFragment],
);

export const UpdateActionMutation = graphql(
  `
  mutation UpdateAction($id: ID!, $version: Int!, $input: UpdateActionInput!) {
    updateAction(id: $id, version: $version, input: $input) {
      id
      version
      planId
      axisId
      title
      description
      leadService
      status
      progress
      startOn
      endOn
      plannedBudget
      committedBudget
      axis {
        ...AxisRollups
      }
      plan {
        ...PlanRollups
      }
    }
  }
`,
  [AxisRollupsFragment, PlanRollupsFragment],
);

/** A change of status alone: answered at once by the cache (optimistic), the roll-ups follow when the server answers. */
export const ActionStatusMutation = graphql(`
  mutation SetActionStatus($id: ID!, $version: Int!, $input: UpdateActionInput!) {
    updateAction(id: $id, version: $version, input: $input) {
      id
      version
      planId
      axisId
      status
      progress
    }
  }
`);

export const MoveActionMutation = graphql(`
  mutation MoveAction($id: ID!, $version: Int!, $position: Int!, $axisId: ID) {
    moveAction(id: $id, version: $version, position: $position, axisId: $axisId) {
      id
      version
      planId
      axisId
      position
      axis {
        id
        position
        title
      }
    }
  }
`);

export const RecordIndicatorValueMutation = graphql(`
  mutation RecordIndicatorValue($indicatorId: ID!, $version: Int!, $input: IndicatorValueInput!) {
    recordIndicatorValue(indicatorId: $indicatorId, version: $version, input: $input) {
      id
      version
      tracking {
        status
        latestValue
        latestOn
        expectedValue
      }
      values(first: 100) {
        nodes {
          id
          measuredOn
          value
          comment
        }
      }
    }
  }
`);

export const CreateIndicatorMutation = graphql(`
  mutation CreateIndicator($input: CreateIndicatorInput!) {
    createIndicator(input: $input) {
      id
      version
      actionId
      planId
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
export type PlanDetail = NonNullable<ResultOf<typeof PlanQuery>['plan']>;
export type ActionDetail = NonNullable<ResultOf<typeof ActionQuery>['action']>;
export type ActionIndicator = ActionDetail['indicators']['nodes'][number];
