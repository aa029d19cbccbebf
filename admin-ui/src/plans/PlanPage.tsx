// One plan: its figures, its axes with their actions as an outline, and the order of each axis's actions changed by
// dragging, by the "Move up / Move down" buttons or by Alt+Arrow on an action's link (through moveAction, said in a
// live region, focus kept on what was moved); its key events and its history.
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { ErrorNotice } from '../ui/ErrorNotice';
import { HistoryPanel } from '../ui/HistoryPanel';
import { BudgetFigures, statusClass } from './PlanOutline';
import { ACTIONS_PER_AXIS, MoveActionMutation, PlanQuery, type OutlineAction, type PlanDetail } from './plans.query';
import { ProgressBar } from './ProgressBar';

type Axis = PlanDetail['axes'][number];

interface MoveRequest {
  action: OutlineAction;
  position: number;
  /** Where the action lands among the axis's top-level actions (0-based) and how many there are. */
  index: number;
  count: number;
  /** The element to focus once the list is redrawn. */
  focusId: string;
}

function AxisActions({ axis, busy, onMove }: { axis: Axis; busy: boolean; onMove(request: MoveRequest): void }) {
  const t = useMessages();
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const actions = [...axis.actions.nodes].sort((a, b) => a.position - b.position);
  const topLevel = actions.filter((action) => action.parentId === null || !actions.some((other) => other.id === action.parentId));
  if (topLevel.length === 0) return <p className="secondary">{t.plans.noActions}</p>;

  const move = (from: number, to: number, focusId: string) => {
    if (busy || to < 0 || to >= topLevel.length || from === to) return;
    onMove({ action: topLevel[from]!, position: topLevel[to]!.position, index: to, count: topLevel.length, focusId });
  };
  const keyMove = (event: KeyboardEvent, index: number, focusId: string) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(index, event.key === 'ArrowUp' ? index - 1 : index + 1, focusId);
  };
  const drop = (event: DragEvent, index: number) => {
    event.preventDefault();
    const from = topLevel.findIndex((action) => action.id === dragged);
    setDragged(null);
    setOver(null);
    if (from >= 0) move(from, index, `action-link-${topLevel[from]!.id}`);
  };

  return (
    <ol className="outline-actions outline-actions--reorder" aria-label={`${t.plans.axesTitle} : ${t.plans.axis(axis.position)}`} aria-busy={busy || undefined}>
      {topLevel.map((action, index) => {
        const children = actions.filter((child) => child.parentId === action.id);
        const linkId = `action-link-${action.id}`;
        const classes = ['outline-action', dragged === action.id ? 'outline-action--dragged' : '', over === action.id && dragged !== action.id ? 'outline-action--drop' : ''];
        return (
          <li
            key={action.id}
            className={classes.filter(Boolean).join(' ')}
            draggable={!busy}
            onDragStart={(event) => {
              event.dataTransfer.setData('text/plain', action.id);
              event.dataTransfer.effectAllowed = 'move';
              setDragged(action.id);
            }}
            onDragEnd={() => {
              setDragged(null);
              setOver(null);
            }}
            onDragOver={(event) => {
              if (!dragged) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              if (over !== action.id) setOver(action.id);
            }}
            onDrop={(event) => drop(event, index)}
          >
            <div className="outline-action__row">
              <span className="drag-handle" aria-hidden="true" title={t.plans.plan.dragHandle(action.title)}>
                ⠿
              </span>
              <Link id={linkId} to={{ name: 'action', id: action.id }} className="outline-action__title" onKeyDown={(event) => keyMove(event, index, linkId)}>
                {action.title}
              </Link>
              <span className={statusClass(action.status)}>{t.actionStatuses[action.status]}</span>
              <ProgressBar value={action.progress} label={t.plans.progressOf(action.title)} />
              <span className="reorder-buttons">
                <button
                  type="button"
                  id={`move-up-${action.id}`}
                  className="button button--secondary button--small"
                  aria-label={t.plans.plan.moveUp(action.title)}
                  aria-disabled={index === 0 || busy || undefined}
                  onClick={() => move(index, index - 1, `move-up-${action.id}`)}
                >
                  <span aria-hidden="true">↑ </span>
                  {t.plans.plan.moveUpShort}
                </button>
                <button
                  type="button"
                  id={`move-down-${action.id}`}
                  className="button button--secondary button--small"
                  aria-label={t.plans.plan.moveDown(action.title)}
                  aria-disabled={index === topLevel.length - 1 || busy || undefined}
                  onClick={() => move(index, index + 1, `move-down-${action.id}`)}
                >
                  <span aria-hidden="true">↓ </span>
                  {t.plans.plan.moveDownShort}
                </button>
              </span>
            </div>
            {children.length > 0 && (
              <ul className="outline-actions outline-actions--sub" aria-label={`${t.plans.subActions} : ${action.title}`}>
                {children.map((child) => (
                  <li key={child.id} className="outline-action">
                    <div className="outline-action__row">
                      <Link to={{ name: 'action', id: child.id }} className="outline-action__title">
                        {child.title}
                      </Link>
                      <span className={statusClass(child.status)}>{t.actionStatuses[child.status]}</span>
                      <ProgressBar value={child.progress} label={t.plans.progressOf(child.title)} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function PlanPage({ id }: { id: string }) {
  const t = useMessages();
  const [result, reexecute] = useQuery({ query: PlanQuery, variables: { id, actionsPerAxis: ACTIONS_PER_AXIS } });
  const [moving, move] = useMutation(MoveActionMutation);
  const [announcement, setAnnouncement] = useState('');
  const pendingFocus = useRef<string | null>(null);
  const plan = result.data?.plan;

  // After a move, the list is asked again: focus goes back to the control used once it is redrawn.
  useEffect(() => {
    if (!pendingFocus.current || result.fetching || result.stale) return;
    const element = document.getElementById(pendingFocus.current);
    if (element) {
      element.focus();
      pendingFocus.current = null;
    }
  }, [result.data, result.fetching, result.stale]);

  const onMove = async (request: MoveRequest) => {
    pendingFocus.current = request.focusId;
    setAnnouncement('');
    const answer = await move({ id: request.action.id, version: request.action.version, position: request.position });
    if (answer.error) {
      setAnnouncement(t.plans.plan.moveFailed(request.action.title));
      reexecute({ requestPolicy: 'network-only' });
      return;
    }
    setAnnouncement(t.plans.plan.moved(request.action.title, request.index + 1, request.count));
  };

  if (result.error && !plan) {
    return (
      <>
        <PageHeader title={t.plans.title} crumbs={[{ label: t.plans.title, to: { name: 'plans' } }]} />
        <ErrorNotice title={t.plans.plan.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (!plan) {
    return (
      <>
        <PageHeader title={result.fetching ? t.plans.loading : t.plans.plan.notFound} crumbs={[{ label: t.plans.title, to: { name: 'plans' } }]} />
        {result.fetching ? <p role="status">{t.common.loading}</p> : <p>{t.plans.plan.notFound}</p>}
      </>
    );
  }

  const axes = [...plan.axes].sort((a, b) => a.position - b.position);
  const busy = moving.fetching || result.fetching || !!result.stale;
  return (
    <>
      <PageHeader
        title={plan.title}
        crumbs={[{ label: t.plans.title, to: { name: 'plans' } }]}
        lead={plan.summary ?? undefined}
        actions={
          <Link to={{ name: 'actionNew', planId: plan.id }} className="button">
            {t.plans.plan.newAction}
          </Link>
        }
      />
      <p className="plan__meta">
        <span className={statusClass(plan.status)}>{t.planStatuses[plan.status]}</span>
        <span>
          {t.plans.authorities} : {plan.authorities.map((authority) => t.authority(authority.code, authority.name)).join(', ')}
        </span>
        {plan.adoptedOn && <span>{t.plans.plan.adoptedOn(t.format.date(plan.adoptedOn))}</span>}
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

      <h2>{t.plans.axesTitle}</h2>
      <p className="field__hint" id="reorder-hint">
        {t.plans.plan.reorderHint}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <ol className="outline-axes" aria-describedby="reorder-hint">
        {axes.map((axis) => (
          <li key={axis.id} className="outline-axis">
            <h3 id={`axe-${axis.id}`} className="outline-axis__title">
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
            <AxisActions axis={axis} busy={busy} onMove={(request) => void onMove(request)} />
          </li>
        ))}
      </ol>

      <section className="panel" aria-labelledby="plan-events">
        <h2 id="plan-events">{t.plans.plan.events}</h2>
        {plan.events.nodes.length === 0 ? (
          <p>{t.plans.plan.noEvents}</p>
        ) : (
          <ul className="event-list">
            {plan.events.nodes.map((event) => (
              <li key={event.id}>
                <time dateTime={event.heldOn}>{t.format.date(event.heldOn)}</time> — {event.title}
                <span className="secondary">
                  {' '}
                  ({t.plans.plan.eventKinds[event.kind]}
                  {event.place ? `, ${event.place}` : ''})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <HistoryPanel entries={plan.history.nodes} totalCount={plan.history.totalCount} fieldLabel={(field) => t.plans.action.fields[field] ?? field} actionLabel={(action) => t.plans.action.historyActions[action] ?? action} />
    </>
  );
}
