// One actor: identity, labels, networks, contacts (only for those allowed to read personal data), what the other
// services say about it (agreements, contracts, calls for commons, plan actions), its history; Edit and Archive or
// Restore for the editors of its département.
import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { readFragment } from '../graphql/tada';
import { errorCode, isConflict } from '../graphql/errors';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { authorityName } from '../referential/authorities';
import { PageHeader } from '../shell/PageHeader';
import { Empty } from '../ui/Empty';
import { ErrorNotice } from '../ui/ErrorNotice';
import { HistoryPanel } from '../ui/HistoryPanel';
import { canEditActor, takeFlash, useSessionUser } from './access';
import { ActorNetworks } from './ActorNetworks';
import { ContactsPanel } from './ContactsPanel';
import { MapListingsPanel } from './MapListingsPanel';
import { ActorDetailQuery, ActorFormFragment, ArchiveActorMutation, RestoreActorMutation } from './actors.query';

/** The error of a field of the answer (a subgraph that failed, a refused personal-data field), if any. */
function fieldError(error: CombinedError | undefined, field: string) {
  return error?.graphQLErrors.find((graphQLError) => graphQLError.path?.includes(field));
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ActorDetailPage({ id }: { id: string }) {
  const t = useMessages();
  const user = useSessionUser();
  const [result, reexecute] = useQuery({ query: ActorDetailQuery, variables: { id } });
  const [archiving, archive] = useMutation(ArchiveActorMutation);
  const [restoring, restore] = useMutation(RestoreActorMutation);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(() => {
    const flash = takeFlash();
    return flash ? { text: flash, error: false } : null;
  });
  const crumbs = [{ label: t.actors.title, to: { name: 'actors' as const } }];
  const d = t.actors.detail;
  const f = t.actors.fields;

  if (!result.data && result.fetching) {
    return (
      <p className="result-count" role="status">
        {t.common.loading}
      </p>
    );
  }
  if (!result.data?.actor) {
    if (result.error && errorCode(result.error) !== 'NOT_FOUND') {
      return (
        <>
          <PageHeader title={d.loadError} crumbs={crumbs} />
          <ErrorNotice title={d.loadError} error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        </>
      );
    }
    return (
      <>
        <PageHeader title={d.notFound} crumbs={crumbs} />
        <p>{d.notFoundHint}</p>
        <p>
          <Link to={{ name: 'actors' }}>{d.backToList}</Link>
        </p>
      </>
    );
  }

  const full = result.data.actor;
  const actor = readFragment(ActorFormFragment, full);
  const editable = canEditActor(user, actor.authorityCode);
  const none = <Empty label={t.common.unknown} />;
  const busy = archiving.fetching || restoring.fetching;

  const toggleArchive = async () => {
    if (busy) return;
    if (!actor.archivedAt && !window.confirm(d.archiveConfirm(actor.name))) return;
    const run = actor.archivedAt ? restore : archive;
    const outcome = await run({ id: actor.id, version: actor.version });
    if (outcome.error) {
      if (isConflict(outcome.error)) reexecute({ requestPolicy: 'network-only' });
      setNotice({ text: isConflict(outcome.error) ? d.conflictAction : `${d.actionFailed} ${t.common.errorCode} : ${errorCode(outcome.error)}`, error: true });
      return;
    }
    setNotice({ text: actor.archivedAt ? d.restored : d.archived, error: false });
  };

  const contactsError = fieldError(result.error, 'contacts');
  const esus = actor.esus;
  const family = t.legalFamilies[actor.legalForm.family];
  const unavailable = <p className="field__hint">{d.unavailable}</p>;
  const relation = <T,>(title: string, field: string, connection: { totalCount: number; nodes: readonly T[] } | null | undefined, empty: string, item: (node: T) => ReactNode, extra?: ReactNode) => (
    <section className="actor-relation" aria-labelledby={`relation-${field}`}>
      <h3 id={`relation-${field}`}>
        {title}
        {connection && connection.totalCount > 0 && <span className="secondary"> ({t.format.integer.format(connection.totalCount)})</span>}
      </h3>
      {extra}
      {!connection ? (
        fieldError(result.error, field) ? unavailable : <p>{empty}</p>
      ) : connection.nodes.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          <ul className="actor-relation__list">{connection.nodes.map(item)}</ul>
          {connection.totalCount > connection.nodes.length && <p className="field__hint">{d.more(connection.nodes.length, connection.totalCount)}</p>}
        </>
      )}
    </section>
  );

  return (
    <>
      <PageHeader
        title={actor.name}
        crumbs={crumbs}
        actions={
          editable && (
            <>
              <Link className="button" to={{ name: 'actorEdit', id: actor.id }}>
                {t.common.edit}
              </Link>
              <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={() => void toggleArchive()}>
                {actor.archivedAt ? d.restore : d.archive}
              </button>
            </>
          )
        }
      />

      <div role="status">{notice && <p className={notice.error ? 'notice notice--error' : 'notice notice--success'}>{notice.text}</p>}</div>
      {actor.archivedAt && <p className="notice">{d.archivedNotice(t.format.date(actor.archivedAt))}</p>}

      <div className="actor-detail">
        <section className="panel" aria-labelledby="actor-identity">
          <h2 id="actor-identity">{d.identity}</h2>
          <dl className="actor-facts">
            <Fact label={f.siret}>{actor.siret ?? none}</Fact>
            <Fact label={f.siren}>{actor.siren ?? none}</Fact>
            {actor.rna && <Fact label={f.rna}>{actor.rna}</Fact>}
            <Fact label={f.legalForm}>
              {family}
              {actor.legalForm.label && actor.legalForm.label !== family && ` – ${actor.legalForm.label}`}
              {actor.legalForm.code && <span className="secondary"> ({actor.legalForm.code})</span>}
            </Fact>
            <Fact label={f.nafCode}>{actor.nafCode ?? none}</Fact>
            <Fact label={f.headcountBand}>{actor.headcount ? (t.actors.headcountBands[actor.headcount.code] ?? actor.headcount.label) : none}</Fact>
            <Fact label={f.address}>
              {actor.address.street || actor.address.communeName ? (
                <>
                  {actor.address.street && (
                    <>
                      {actor.address.street}
                      <br />
                    </>
                  )}
                  {[actor.address.postalCode, actor.address.communeName].filter(Boolean).join(' ')}
                  {actor.address.communeCode && <span className="secondary"> (INSEE {actor.address.communeCode})</span>}
                </>
              ) : (
                none
              )}
            </Fact>
            <Fact label={f.authority}>{t.authority(actor.authorityCode, authorityName(actor.authorityCode))}</Fact>
            <Fact label={f.website}>
              {actor.website ? (
                <a href={actor.website} rel="noopener noreferrer" target="_blank">
                  {actor.website}
                </a>
              ) : (
                none
              )}
            </Fact>
            <Fact label={f.status}>{f.statuses[actor.status]}</Fact>
            <Fact label={f.createdAt}>{t.format.date(full.createdAt)}</Fact>
            <Fact label={f.updatedAt}>{t.format.dateTime(actor.updatedAt)}</Fact>
          </dl>
          {actor.description && <p className="actor-description">{actor.description}</p>}
        </section>

        <section className="panel" aria-labelledby="actor-labels">
          <h2 id="actor-labels">{d.labels}</h2>
          <dl className="actor-facts">
            <Fact label={t.actors.labels.essLong}>{t.actors.labels.essStatuses[actor.essStatus]}</Fact>
            <Fact label={f.esus}>
              {!esus ? f.esusNone : esus.valid ? f.esusValid(t.format.date(esus.approvedOn), t.format.date(esus.expiresOn)) : f.esusExpired(t.format.date(esus.approvedOn), t.format.date(esus.expiresOn))}
            </Fact>
            <Fact label={f.inclusionType}>
              {actor.inclusionType === 'NONE' ? t.common.none : `${t.inclusionTypes[actor.inclusionType].long} (${t.inclusionTypes[actor.inclusionType].short})`}
            </Fact>
            <Fact label={f.sectors}>{actor.sectors.length ? actor.sectors.join(', ') : none}</Fact>
          </dl>
        </section>

        <ActorNetworks
          actorId={actor.id}
          networks={full.networks}
          editable={editable}
          onChanged={() => reexecute({ requestPolicy: 'network-only' })}
        />

        <MapListingsPanel actorId={actor.id} />

        <ContactsPanel
          actorId={actor.id}
          authorityCode={actor.authorityCode}
          contacts={full.contacts}
          error={contactsError}
          loading={result.fetching || !!result.stale}
          onReload={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>

      <section className="panel" aria-labelledby="actor-relations">
        <h2 id="actor-relations">{d.relations}</h2>
        <div className="actor-relations">
          {relation(d.agreements, 'agreements', full.agreements, d.noAgreement, (agreement) => (
            <li key={agreement.id}>
              <Link to={{ name: 'agreement', id: agreement.id }}>{agreement.object}</Link>
              <span className="secondary">
                {' '}
                – {t.format.euros(agreement.amount)}, {t.actors.statuses.agreement[agreement.status]}
                {agreement.signedOn && `, ${t.format.date(agreement.signedOn)}`}
              </span>
            </li>
          ))}
          {relation(
            d.contracts,
            'awardedContracts',
            full.awardedContracts,
            d.noContract,
            (contract) => (
              <li key={contract.id}>
                <Link to={{ name: 'contract', id: contract.id }}>{contract.object}</Link>
                <span className="secondary">
                  {' '}
                  – {t.actors.statuses.contractNature[contract.nature]}, {t.format.euros(contract.amount)} HT, {t.format.date(contract.notifiedOn)}
                </span>
              </li>
            ),
            full.awardedAmount != null && full.awardedAmount > 0 ? (
              <>
                <p>{d.awardedAmount(t.format.euros(full.awardedAmount))}</p>
                <p className="field__hint">{d.awardedAmountHint}</p>
              </>
            ) : null,
          )}
          {relation(d.applications, 'commonsApplications', full.commonsApplications, d.noApplication, (application) => (
            <li key={application.id}>
              <Link to={{ name: 'application', id: application.id }}>{application.title}</Link>
              <span className="secondary"> – {t.actors.statuses.application[application.status]}</span>
            </li>
          ))}
          {relation(d.commons, 'maintainedCommons', full.maintainedCommons, d.noCommon, (common) => (
            <li key={common.id}>
              {common.name}
              <span className="secondary"> – {t.actors.statuses.common[common.status]}</span>
            </li>
          ))}
          {relation(d.partnerActions, 'partnerActions', full.partnerActions, d.noPartnerAction, (action) => (
            <li key={action.id}>
              <Link to={{ name: 'action', id: action.id }}>{action.title}</Link>
              <span className="secondary"> – {t.actionStatuses[action.status]}</span>
            </li>
          ))}
        </div>
      </section>

      <HistoryPanel
        entries={full.history.nodes}
        totalCount={full.history.totalCount}
        fieldLabel={(field) => {
          const label = (f as Record<string, unknown>)[field];
          return typeof label === 'string' ? label : field;
        }}
        actionLabel={(action) => t.actors.history.actions[action] ?? action}
      />
    </>
  );
}

