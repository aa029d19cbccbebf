// An application to a call: its group of structures (linked to the registry), what it proposes and requests, its
// reviews and decision; a juror of the call sees their own review as a form (created once, then edited), and may not
// review a group they declared belonging to (the server says so by its code).
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorCode, isConflict } from '../graphql/errors';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { PageHeader } from '../shell/PageHeader';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TextAreaField, TextField } from '../ui/Field';
import { HistoryPanel } from '../ui/HistoryPanel';
import { ApplicationQuery, ReviewApplicationMutation, UpdateReviewMutation, type ApplicationData } from './application.query';
import { useCallsMessages } from './messages';

type Review = NonNullable<ApplicationData['reviews']>[number];
type Criterion = NonNullable<ApplicationData['call']>['criteria'][number];

function OwnReview({ application, criteria, review, onConflict }: { application: ApplicationData; criteria: readonly Criterion[]; review: Review | null; onConflict(): void }) {
  const t = useMessages();
  const c = useCallsMessages();
  const [created, create] = useMutation(ReviewApplicationMutation);
  const [updated, update] = useMutation(UpdateReviewMutation);
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(criteria.map((criterion) => [criterion.id, String(review?.scores.find((s) => s.criterionId === criterion.id)?.score ?? '')])),
  );
  const [comment, setComment] = useState(review?.comment ?? '');
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState('');
  const titleId = useId();
  const error = created.error ?? updated.error;

  const problem = (criterion: Criterion): string | undefined => {
    const text = scores[criterion.id]?.trim() ?? '';
    const value = Number(text);
    if (!tried) return undefined;
    return text === '' || !Number.isInteger(value) || value < 0 || value > criterion.maxScore ? c.scoreRange(criterion.maxScore) : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setSaved('');
    const values = criteria.map((criterion) => ({ criterionId: criterion.id, score: Number(scores[criterion.id]?.trim() ?? '') }));
    const bad = criteria.some((criterion, i) => {
      const score = values[i]!.score;
      return (scores[criterion.id]?.trim() ?? '') === '' || !Number.isInteger(score) || score < 0 || score > criterion.maxScore;
    });
    if (bad) return;
    const input = { scores: values, comment: comment.trim() || null };
    const result = review ? await update({ id: review.id, version: review.version, input }) : await create({ applicationId: application.id, input });
    if (isConflict(result.error)) onConflict();
    if (!result.error) setSaved(c.reviewSaved);
  };

  return (
    <form className="panel" aria-labelledby={titleId} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={titleId}>{c.ownReview}</h2>
      {criteria.map((criterion) => (
        <TextField
          key={criterion.id}
          label={`${criterion.label} (0–${criterion.maxScore})`}
          inputMode="numeric"
          required
          value={scores[criterion.id] ?? ''}
          error={problem(criterion)}
          onChange={(event) => setScores({ ...scores, [criterion.id]: event.target.value })}
        />
      ))}
      <TextAreaField label={c.comment} value={comment} onChange={(event) => setComment(event.target.value)} />
      <button type="submit" className="button" disabled={created.fetching || updated.fetching}>
        {review ? c.updateReview : c.saveReview}
      </button>
      <p role="status">{saved}</p>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{isConflict(error) ? c.conflict : c.reviewRefused}</p>
          <p>
            {t.common.errorCode} : <code>{errorCode(error)}</code>
          </p>
        </div>
      )}
    </form>
  );
}

export default function ApplicationPage({ id }: { id: string }) {
  const t = useMessages();
  const c = useCallsMessages();
  const [result, reexecute] = useQuery({ query: ApplicationQuery, variables: { id } });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const application = result.data?.application;
  const me = result.data?.me.user?.id;

  if (result.error && !application) return <ErrorNotice title={c.applicationError} error={result.error} onRetry={reload} />;
  if (!application) return <PageHeader title={result.fetching ? c.loading : c.applicationNotFound} crumbs={[{ label: c.title, to: { name: 'calls' } }]} />;

  const call = application.call;
  const criteria = call?.criteria ?? [];
  const juror = call?.jury?.find((member) => member.userId === me) ?? null;
  const ownReview = juror ? (application.reviews?.find((review) => review.juryMemberId === juror.id) ?? null) : null;
  const others = (application.reviews ?? []).filter((review) => review !== ownReview);
  const crumbs = [{ label: c.title, to: { name: 'calls' } as const }, ...(call ? [{ label: call.title, to: { name: 'call', id: call.id } as const }] : [])];

  return (
    <>
      <PageHeader title={application.title} crumbs={crumbs} lead={application.description ?? undefined} />

      <section className="panel" aria-labelledby="application-facts">
        <h2 id="application-facts">{c.application}</h2>
        <dl className="facts">
          <div>
            <dt>{c.status}</dt>
            <dd>
              {t.actors.statuses.application[application.status]}
              {application.ineligibilityReason && ` – ${application.ineligibilityReason}`}
            </dd>
          </div>
          <div>
            <dt>{c.lead}</dt>
            <dd>{application.lead ? <Link to={{ name: 'actor', id: application.lead.id }}>{application.lead.name}</Link> : '–'}</dd>
          </div>
          <div>
            <dt>{c.partners}</dt>
            <dd>
              {application.partners?.length
                ? application.partners.map((partner, index) => (
                    <span key={partner.id}>
                      {index > 0 && ', '}
                      <Link to={{ name: 'actor', id: partner.id }}>{partner.name}</Link>
                    </span>
                  ))
                : c.none}
            </dd>
          </div>
          <div>
            <dt>{c.proposedCommon}</dt>
            <dd>{`${application.proposedCommon} (${application.licence})`}</dd>
          </div>
          <div>
            <dt>{c.requested}</dt>
            <dd>{application.requestedAmount == null ? '–' : t.format.euros(application.requestedAmount)}</dd>
          </div>
          <div>
            <dt>{c.documents}</dt>
            <dd>
              {application.documents.length
                ? application.documents.map((document, index) => (
                    <span key={document.url}>
                      {index > 0 && ', '}
                      <a href={document.url} rel="noopener noreferrer" target="_blank">
                        {document.title}
                      </a>
                    </span>
                  ))
                : c.none}
            </dd>
          </div>
          <div>
            <dt>{c.needs}</dt>
            <dd>{application.needs.length ? application.needs.map((need) => need.description).join(' ; ') : c.none}</dd>
          </div>
          <div>
            <dt>{c.score}</dt>
            <dd>
              {application.score?.score != null ? t.format.integer.format(application.score.score) : '–'}
              {application.score && ` (${c.reviews(application.score.reviewCount)})`}
            </dd>
          </div>
          <div>
            <dt>{c.decision}</dt>
            <dd>
              {application.decision
                ? `${application.decision.accepted ? c.accepted : c.rejected} – ${t.format.euros(application.decision.grantedAmount)} – ${application.decision.reasons}`
                : '–'}
            </dd>
          </div>
          <div>
            <dt>{c.commons}</dt>
            <dd>{application.commons.length ? application.commons.map((common) => common.name).join(', ') : c.none}</dd>
          </div>
        </dl>
      </section>

      {juror && application.status === 'UNDER_REVIEW' && (
        <OwnReview key={ownReview?.id ?? 'new'} application={application} criteria={criteria} review={ownReview} onConflict={reload} />
      )}

      {others.length > 0 && (
        <section className="panel" aria-labelledby="application-reviews">
          <h2 id="application-reviews">{c.otherReviews}</h2>
          <ul>
            {others.map((review) => (
              <li key={review.id}>
                <strong>{review.juror?.name ?? '–'}</strong> :{' '}
                {criteria.map((criterion) => `${criterion.label} ${review.scores.find((s) => s.criterionId === criterion.id)?.score ?? '–'}/${criterion.maxScore}`).join(', ')}
                {review.comment && <span className="secondary"> – {review.comment}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <HistoryPanel entries={application.history.nodes} totalCount={application.history.totalCount} />
    </>
  );
}
