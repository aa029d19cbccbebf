// One plan as an outline: its figures, then its axes in order, each with its actions (sub-actions under their parent),
// each title a link to its page (the plan page reorders the actions).
import { useMessages } from '../i18n';
import { Link } from '../router';
import type { Budget, OutlineAction, OutlineAxis, OutlinePlan } from './plans.query';
import { ProgressBar } from './ProgressBar';

export function BudgetFigures({ budget }: { budget: Budget }) {
  const t = useMessages();
  return (
    <dl className="figures__budget">
      <div>
        <dt>{t.plans.planned}</dt>
        <dd>{t.format.euros(budget.planned)}</dd>
      </div>
      <div>
        <dt>{t.plans.committed}</dt>
        <dd>
          {t.format.euros(budget.committed)}
          {budget.commitmentRate !== null && <span className="secondary"> ({t.plans.commitmentRate(budget.commitmentRate)})</span>}
        </dd>
      </div>
    </dl>
  );
}

function ActionItem({ action, children }: { action: OutlineAction; children: OutlineAction[] }) {
  const t = useMessages();
  return (
    <li className="outline-action">
      <div className="outline-action__row">
        <Link to={{ name: 'action', id: action.id }} className="outline-action__title">
          {action.title}
        </Link>
        <span className={`status status--${action.status.toLowerCase().replace('_', '-')}`}>{t.actionStatuses[action.status]}</span>
        <ProgressBar value={action.progress} label={t.plans.progressOf(action.title)} />
      </div>
      {children.length > 0 && (
        <ul className="outline-actions outline-actions--sub" aria-label={`${t.plans.subActions} : ${action.title}`}>
          {children.map((child) => (
            <ActionItem key={child.id} action={child} children={[]} />
          ))}
        </ul>
      )}
    </li>
  );
}

function AxisItem({ planId, axis }: { planId: string; axis: OutlineAxis }) {
  const t = useMessages();
  const headingId = `axe-${planId}-${axis.id}`;
  const actions = axis.actions.nodes;
  const topLevel = actions.filter((action) => action.parentId === null || !actions.some((other) => other.id === action.parentId));
  return (
    <li className="outline-axis">
      <h3 id={headingId} className="outline-axis__title">
        <span className="outline-axis__position">{t.plans.axis(axis.position)}</span> {axis.title}
      </h3>
      <div className="figures">
        <div className="figures__progress">
          <span className="figures__label">{t.plans.progress}</span>
          <ProgressBar value={axis.progress.progress} label={t.plans.progressOf(`${t.plans.axis(axis.position)}, ${axis.title}`)} />
          <span className="secondary">{t.plans.actionCount(axis.progress.actionCount)}</span>
        </div>
        <BudgetFigures budget={axis.budget} />
      </div>
      {topLevel.length > 0 ? (
        <ul className="outline-actions">
          {topLevel.map((action) => (
            <ActionItem key={action.id} action={action} children={actions.filter((child) => child.parentId === action.id)} />
          ))}
        </ul>
      ) : (
        <p className="secondary">{t.plans.noActions}</p>
      )}
    </li>
  );
}

export function statusClass(status: string): string {
  return `status status--${status.toLowerCase().replace('_', '-')}`;
}

export function PlanOutline({ plan }: { plan: OutlinePlan }) {
  const t = useMessages();
  const headingId = `plan-${plan.id}`;
  const axes = [...plan.axes].sort((a, b) => a.position - b.position);
  return (
    <article className="plan" aria-labelledby={headingId}>
      <h2 id={headingId} className="plan__title">
        <Link to={{ name: 'plan', id: plan.id }}>{plan.title}</Link>
      </h2>
      <p className="plan__meta">
        <span className={`status status--${plan.status.toLowerCase().replace('_', '-')}`}>{t.planStatuses[plan.status]}</span>
        <span>
          {t.plans.authorities} : {plan.authorities.map((authority) => t.authority(authority.code, authority.name)).join(', ')}
        </span>
      </p>
      <div className="figures figures--plan">
        <div className="figures__progress">
          <span className="figures__label">{t.plans.progress}</span>
          <ProgressBar value={plan.progress.progress} label={t.plans.progressOf(plan.title)} />
          <span className="secondary">{t.plans.actionCount(plan.progress.actionCount)}</span>
        </div>
        <BudgetFigures budget={plan.budget} />
      </div>
      <p className="secondary figures__rule">{t.plans.rollupRule}</p>
      <ol className="outline-axes" aria-label={`${t.plans.axesTitle} : ${plan.title}`}>
        {axes.map((axis) => (
          <AxisItem key={axis.id} planId={plan.id} axis={axis} />
        ))}
      </ol>
    </article>
  );
}
