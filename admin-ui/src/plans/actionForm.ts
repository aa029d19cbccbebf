// The fields of the action forms (creation and edit) as text, their client checks, and the server's problems mapped
// back onto them. Amounts are typed the French way ("12 500,50") or the English way ("12500.50").
import type { ActionStatus } from '../graphql/types';
import type { FieldProblem } from '../graphql/errors';
import type { Messages } from '../i18n';

export interface ActionFormValues {
  title: string;
  axisId: string;
  status: ActionStatus;
  progress: string;
  startOn: string;
  endOn: string;
  plannedBudget: string;
  committedBudget: string;
  leadService: string;
  description: string;
}

export const ACTION_STATUSES: readonly ActionStatus[] = ['PLANNED', 'IN_PROGRESS', 'DONE', 'SUSPENDED', 'CANCELLED'];

export const EMPTY_ACTION: ActionFormValues = {
  title: '',
  axisId: '',
  status: 'PLANNED',
  progress: '0',
  startOn: '',
  endOn: '',
  plannedBudget: '',
  committedBudget: '',
  leadService: '',
  description: '',
};

export type ActionField = keyof ActionFormValues;
export type Problems = Partial<Record<ActionField, string>>;

/** A typed amount as a number (null when empty, NaN when not an amount). */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  return /^\d+(\.\d{1,2})?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkAction(values: ActionFormValues, t: Messages, { requireAxis = true } = {}): Problems {
  const e = t.plans.form.errors;
  const problems: Problems = {};
  const title = values.title.trim();
  if (!title) problems.title = e.titleRequired;
  else if (title.length > 300) problems.title = e.titleTooLong;
  if (requireAxis && !values.axisId) problems.axisId = e.axisRequired;
  const progress = values.progress.trim();
  if (!/^\d{1,3}$/.test(progress) || Number(progress) > 100) problems.progress = e.progressInvalid;
  else if (values.status === 'DONE' && Number(progress) !== 100) problems.progress = e.progressDone;
  if (values.startOn && !ISO_DATE.test(values.startOn)) problems.startOn = e.dateInvalid;
  if (values.endOn && !ISO_DATE.test(values.endOn)) problems.endOn = e.dateInvalid;
  if (!problems.startOn && !problems.endOn && values.startOn && values.endOn && values.endOn < values.startOn) problems.endOn = e.endBeforeStart;
  const planned = parseAmount(values.plannedBudget);
  const committed = parseAmount(values.committedBudget);
  if (Number.isNaN(planned)) problems.plannedBudget = e.amountInvalid;
  if (Number.isNaN(committed)) problems.committedBudget = e.amountInvalid;
  return problems;
}

/** The mutation input of the form's values (empty optional fields as null). */
export function actionInput(values: ActionFormValues) {
  return {
    title: values.title.trim(),
    status: values.status,
    progress: Number(values.progress.trim()),
    startOn: values.startOn || null,
    endOn: values.endOn || null,
    plannedBudget: parseAmount(values.plannedBudget),
    committedBudget: parseAmount(values.committedBudget),
    leadService: values.leadService.trim() || null,
    description: values.description.trim() || null,
  };
}

/** The server's BAD_USER_INPUT problems on the form's fields (others are shown at the top of the form). */
export function serverProblems(problems: FieldProblem[], t: Messages): { fields: Problems; others: string[] } {
  const fields: Problems = {};
  const others: string[] = [];
  for (const problem of problems) {
    const name = problem.field.replace(/^input\./, '') as ActionField;
    const message = t.plans.form.server[problem.message] ?? problem.message;
    if (name in EMPTY_ACTION) fields[name] = fields[name] ?? message;
    else others.push(`${t.plans.action.fields[problem.field] ?? problem.field} : ${message}`);
  }
  return { fields, others };
}
