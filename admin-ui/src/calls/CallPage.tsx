// A call for commons: its envelope (granted, remaining), its lifecycle with the next step offered only when the API
// allows it (and why not otherwise), its rules, and its applications with eligibility screening and decisions that
// stay within the envelope. A refused request is explained by its error code, never by the server's message.
import { lazy, Suspense, useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { errorCode, fieldProblems, isConflict } from '../graphql/errors';
import { useMessages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { Link } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TextAreaField, TextField } from '../ui/Field';
import { HistoryPanel } from '../ui/HistoryPanel';
import {
  APPLICATIONS_PER_CALL,
  CallQuery,
  DecideApplicationMutation,
  ScreenApplicationMutation,
  TransitionCallMutation,
  type CallApplication,
  type CallData,
} from './calls.query';
import { CALL_LIFECYCLE, envelopeOf, nextStatus, nextStepBlocker, type Blocker } from './lifecycle';
import { useCallsMessages, type CallsMessages } from './messages';

const CallMetrics = lazy(() => import('./CallMetrics'));

/** The metrics, asked (and their code loaded) only when the person opens them. */
function MetricsPanel({ id }: { id: string }) {
  const t = useMessages();
  const c = useCallsMessages();
  const [open, setOpen] = useState(false);
  return (
    <section className="panel" aria-labelledby="call-metrics">
      <h2 id="call-metrics">{c.metrics}</h2>
      <button type="button" className="button button--secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? c.hideMetrics : c.showMetrics}
      </button>
      {open && (
        <Suspense fallback={<p role="status">{t.common.loading}</p>}>
          <CallMetrics id={id} />
        </Suspense>
      )}
    </section>
  );
}

/** A refusal in words the person can act on: a conflict reloads, anything else shows its code. */
function Refusal({ error, text }: { error: CombinedError; text: string }) {
  const t = useMessages();
  return (
    <div className="notice notice--error" role="alert">
      <p>{text}</p>
      <p>
        {t.common.errorCode} : <code>{errorCode(error)}</code>
      </p>
    </div>
  );
}

function blockerText(c: CallsMessages, blocker: Blocker, date: (value: string) => string): string {
  switch (blocker.code) {
    case 'RULES_MISSING':
      return c.blockers.RULES_MISSING(blocker, (field) => c.ruleFields[field] ?? field);
    case 'NOT_YET_OPEN':
      return c.blockers.NOT_YET_OPEN(blocker, date);
    case 'ALREADY_CLOSED':
      return c.blockers.ALREADY_CLOSED(blocker, date);
    case 'STILL_OPEN':
      return c.blockers.STILL_OPEN(blocker, date);
    case 'UNSCREENED':
      return c.blockers.UNSCREENED(blocker);
    case 'UNDECIDED':
      return c.blockers.UNDECIDED(blocker);
    default:
      return c.blockers[blocker.code]();
  }
}

function Lifecycle({ call, onConflict }: { call: CallData; onConflict(): void }) {
  const t = useMessages();
  const c = useCallsMessages();
  const [state, transition] = useMutation(TransitionCallMutation);
  const [done, setDone] = useState('');
  const next = nextStatus(call.status);
  const blocker = nextStepBlocker(call);
  const reasonId = useId();

  const move = async () => {
    if (!next) return;
    setDone('');
    const result = await transition({ id: call.id, version: call.version, status: next });
    if (isConflict(result.error)) onConflict();
    else if (!result.error) setDone(c.moved(c.statuses[next]));
  };

  return (
    <section className="panel" aria-labelledby="call-lifecycle">
      <h2 id="call-lifecycle">{c.lifecycle}</h2>
      <ol className="call-lifecycle" aria-label={c.lifecycleSteps}>
        {CALL_LIFECYCLE.map((status) => (
          <li key={status} aria-current={status === call.status ? 'step' : undefined}>
            {status === call.status ? <strong>{`${c.statuses[status]} (${c.currentStep})`}</strong> : c.statuses[status]}
          </li>
        ))}
      </ol>
      {next && !blocker && (
        <button type="button" className="button" disabled={state.fetching} onClick={() => void move()}>
          {c.moveTo(c.statuses[next])}
        </button>
      )}
      {next && blocker && (
        <div className="notice" id={reasonId}>
          <p className="notice__title">{c.cannotMove(c.statuses[next])}</p>
          <p>{blockerText(c, blocker, t.format.date)}</p>
        </div>
      )}
      {!next && <p>{c.blockers.END()}</p>}
      <p role="status">{done}</p>
      {state.error && <Refusal error={state.error} text={isConflict(state.error) ? c.conflict : c.refused} />}
    </section>
  );
}

function ScreeningControls({ application, onConflict }: { application: CallApplication; onConflict(): void }) {
  const c = useCallsMessages();
  const [state, screen] = useMutation(ScreenApplicationMutation);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  const send = async (eligible: boolean) => {
    if (!eligible && !reason.trim()) {
      setMissing(true);
      return;
    }
    const result = await screen({ id: application.id, version: application.version, eligible, reason: eligible ? null : reason.trim() });
    if (isConflict(result.error)) onConflict();
    if (!result.error) setAsking(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  return (
    <div className="call-actions">
      {!asking ? (
        <>
          <button type="button" className="button button--small" disabled={state.fetching} onClick={() => void send(true)}>
            {c.eligible}
            <span className="visually-hidden"> « {application.title} »</span>
          </button>{' '}
          <button type="button" className="button button--small button--secondary" onClick={() => setAsking(true)}>
            {c.ineligible}
            <span className="visually-hidden"> « {application.title} »</span>
          </button>
        </>
      ) : (
        <form onSubmit={submit} aria-label={`${c.confirmIneligible} : ${application.title}`}>
          <TextAreaField
            label={c.ineligibleReason}
            required
            value={reason}
            error={missing ? c.required : undefined}
            onChange={(event) => {
              setReason(event.target.value);
              setMissing(false);
            }}
            autoFocus
          />
          <button type="submit" className="button button--small" disabled={state.fetching}>
            {c.confirmIneligible}
          </button>{' '}
          <button type="button" className="button button--small button--secondary" onClick={() => setAsking(false)}>
            {c.cancel}
          </button>
        </form>
      )}
      {state.error && <Refusal error={state.error} text={c.refused} />}
    </div>
  );
}

function DecisionForm({ call, application, onClose, onConflict }: { call: CallData; application: CallApplication; onClose(): void; onConflict(): void }) {
  const t = useMessages();
  const c = useCallsMessages();
  const [state, decide] = useMutation(DecideApplicationMutation);
  const [accepted, setAccepted] = useState(true);
  const [reasons, setReasons] = useState('');
  const [amount, setAmount] = useState(application.requestedAmount != null ? String(application.requestedAmount) : '');
  const [tried, setTried] = useState(false);
  const { remaining } = envelopeOf(call);
  const offersMoney = call.supportKinds.includes('MONEY');
  const value = amount.trim() === '' ? 0 : Number(amount.replace(',', '.'));
  const amountProblem =
    !accepted || !offersMoney
      ? undefined
      : !Number.isFinite(value) || value < 0
        ? c.amountInvalid
        : remaining != null && Math.round(value * 100) > Math.round(remaining * 100)
          ? c.overEnvelope(t.format.euros(remaining))
          : undefined;
  // The server's refusal on the amount (another decision took the money meanwhile) explains itself the same way.
  const serverAmount = fieldProblems(state.error).some((problem) => problem.field === 'grantedAmount');
  const reasonsProblem = tried && !reasons.trim() ? c.required : undefined;
  const legendId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!reasons.trim() || amountProblem) return;
    const input = { accepted, reasons: reasons.trim(), grantedAmount: accepted && offersMoney ? value : null };
    const result = await decide({ applicationId: application.id, version: application.version, input });
    if (isConflict(result.error)) onConflict();
    if (!result.error) onClose();
  };

  return (
    <form className="panel call-decision" onSubmit={(event) => void submit(event)} aria-labelledby={legendId}>
      <h3 id={legendId}>{c.decisionFor(application.title)}</h3>
      <fieldset>
        <legend>{c.outcome}</legend>
        <div className="field field--checkbox">
          <input id={`${legendId}-accept`} type="radio" name={`${legendId}-outcome`} checked={accepted} onChange={() => setAccepted(true)} />
          <label htmlFor={`${legendId}-accept`}>{c.accept}</label>
        </div>
        <div className="field field--checkbox">
          <input id={`${legendId}-reject`} type="radio" name={`${legendId}-outcome`} checked={!accepted} onChange={() => setAccepted(false)} />
          <label htmlFor={`${legendId}-reject`}>{c.reject}</label>
        </div>
      </fieldset>
      <TextAreaField label={c.reasons} required value={reasons} error={reasonsProblem} onChange={(event) => setReasons(event.target.value)} />
      {accepted && offersMoney && (
        <TextField
          label={c.grantedAmount}
          inputMode="decimal"
          value={amount}
          hint={remaining != null ? c.grantedHint(t.format.euros(remaining)) : undefined}
          error={amountProblem ?? (serverAmount && remaining != null ? c.overEnvelope(t.format.euros(remaining)) : undefined)}
          onChange={(event) => setAmount(event.target.value)}
        />
      )}
      <button type="submit" className="button" disabled={state.fetching}>
        {c.saveDecision}
      </button>{' '}
      <button type="button" className="button button--secondary" onClick={onClose}>
        {c.cancel}
      </button>
      {state.error && !serverAmount && <Refusal error={state.error} text={isConflict(state.error) ? c.conflict : c.refused} />}
    </form>
  );
}

function Applications({ call, onConflict }: { call: CallData; onConflict(): void }) {
  const t = useMessages();
  const c = useCallsMessages();
  const [deciding, setDeciding] = useState<string | null>(null);
  const [decided, setDecided] = useState('');
  const captionId = useId();
  const applications = call.applications.nodes;
  const decidingApplication = applications.find((application) => application.id === deciding);

  return (
    <section className="panel" aria-labelledby={captionId}>
      <h2 id={captionId}>{c.applications}</h2>
      <p>{c.applicationCount(call.applications.totalCount)}</p>
      {applications.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{c.application}</th>
                <th scope="col">{c.lead}</th>
                <th scope="col">{c.partners}</th>
                <th scope="col" className="numeric">
                  {c.group}
                </th>
                <th scope="col">{c.status}</th>
                <th scope="col" className="numeric">
                  {c.requested}
                </th>
                <th scope="col">{c.score}</th>
                <th scope="col">{c.decision}</th>
                <th scope="col">{c.actions}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((application) => (
                <tr key={application.id}>
                  <th scope="row">
                    <Link to={{ name: 'application', id: application.id }}>{application.title}</Link>
                  </th>
                  <td>{application.lead ? <Link to={{ name: 'actor', id: application.lead.id }}>{application.lead.name}</Link> : '–'}</td>
                  <td>
                    {application.partners?.length
                      ? application.partners.map((partner, index) => (
                          <span key={partner.id}>
                            {index > 0 && ', '}
                            <Link to={{ name: 'actor', id: partner.id }}>{partner.name}</Link>
                          </span>
                        ))
                      : '–'}
                  </td>
                  <td className="numeric">{application.groupSize}</td>
                  <td>
                    {t.actors.statuses.application[application.status]}
                    {application.ineligibilityReason && <span className="secondary"> – {application.ineligibilityReason}</span>}
                  </td>
                  <td className="numeric">{application.requestedAmount == null ? '–' : t.format.euros(application.requestedAmount)}</td>
                  <td>
                    {application.score?.score != null ? t.format.integer.format(application.score.score) : '–'}
                    {application.score && <span className="secondary"> ({c.reviews(application.score.reviewCount)})</span>}
                  </td>
                  <td>
                    {application.decision
                      ? `${application.decision.accepted ? c.accepted : c.rejected}${application.decision.grantedAmount ? ` – ${t.format.euros(application.decision.grantedAmount)}` : ''}`
                      : '–'}
                  </td>
                  <td>
                    {application.status === 'SUBMITTED' && (call.status === 'OPEN' || call.status === 'CLOSED') && (
                      <ScreeningControls application={application} onConflict={onConflict} />
                    )}
                    {application.status === 'UNDER_REVIEW' && call.status === 'UNDER_REVIEW' && !application.decision && (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => {
                          setDecided('');
                          setDeciding(application.id);
                        }}
                      >
                        {c.decide}
                        <span className="visually-hidden"> « {application.title} »</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {decidingApplication && (
        <DecisionForm
          key={decidingApplication.id}
          call={call}
          application={decidingApplication}
          onConflict={onConflict}
          onClose={() => {
            setDeciding(null);
            setDecided(c.decided);
          }}
        />
      )}
      <p role="status">{decided}</p>
    </section>
  );
}

export default function CallPage({ id }: { id: string }) {
  const t = useMessages();
  const c = useCallsMessages();
  const [result, reexecute] = useQuery({ query: CallQuery, variables: { id, applications: APPLICATIONS_PER_CALL } });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const call = result.data?.call;
  const crumbs = [{ label: c.title, to: { name: 'calls' } as const }];

  if (result.error && !call) return <ErrorNotice title={c.callError} error={result.error} onRetry={reload} />;
  if (!call) {
    return (
      <>
        <PageHeader title={result.fetching ? c.loading : c.notFound} crumbs={crumbs} />
      </>
    );
  }

  const { envelope, granted, remaining } = envelopeOf(call);
  const date = (value: string | null) => (value ? t.format.date(value) : '–');
  const list = (values: readonly string[]) => (values.length ? values.join(', ') : c.none);

  return (
    <>
      <PageHeader title={call.title} crumbs={crumbs} lead={call.description ?? undefined} />

      <section className="panel" aria-labelledby="call-envelope">
        <h2 id="call-envelope">{c.envelope}</h2>
        <dl className="facts">
          <div>
            <dt>{c.status}</dt>
            <dd>{c.statuses[call.status]}</dd>
          </div>
          <div>
            <dt>{c.authority}</dt>
            <dd>{authorityName(call.authorityCode) ?? call.authorityCode}</dd>
          </div>
          <div>
            <dt>{c.envelope}</dt>
            <dd>{envelope == null ? c.noEnvelope : t.format.euros(envelope)}</dd>
          </div>
          <div>
            <dt>{c.granted}</dt>
            <dd>{t.format.euros(granted)}</dd>
          </div>
          <div>
            <dt>{c.remaining}</dt>
            <dd>{remaining == null ? '–' : t.format.euros(remaining)}</dd>
          </div>
          <div>
            <dt>{c.period}</dt>
            <dd>{c.periodValue(date(call.opensOn), date(call.closesOn))}</dd>
          </div>
        </dl>
      </section>

      <Lifecycle call={call} onConflict={reload} />

      <section className="panel" aria-labelledby="call-rules">
        <h2 id="call-rules">{c.rules}</h2>
        <dl className="facts">
          <div>
            <dt>{c.minStructures}</dt>
            <dd>{call.minStructures}</dd>
          </div>
          <div>
            <dt>{c.licences}</dt>
            <dd>{list(call.acceptedLicences)}</dd>
          </div>
          <div>
            <dt>{c.support}</dt>
            <dd>{list(call.supportKinds.map((kind) => c.supportKinds[kind]))}</dd>
          </div>
          <div>
            <dt>{c.decisionOn}</dt>
            <dd>{date(call.decisionOn)}</dd>
          </div>
          <div>
            <dt>{c.challenges}</dt>
            <dd>{list(call.challenges.map((challenge) => challenge.title))}</dd>
          </div>
          <div>
            <dt>{c.criteria}</dt>
            <dd>{list(call.criteria.map((criterion) => `${criterion.label} (/${criterion.maxScore})`))}</dd>
          </div>
          <div>
            <dt>{c.jury}</dt>
            <dd>{list((call.jury ?? []).map((juror) => juror.name))}</dd>
          </div>
        </dl>
      </section>

      <Applications call={call} onConflict={reload} />

      <MetricsPanel id={call.id} />

      <HistoryPanel entries={call.history.nodes} totalCount={call.history.totalCount} />
    </>
  );
}
