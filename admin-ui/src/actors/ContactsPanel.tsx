// The contacts of an actor (personal data, see docs/personal-data.md), on its page. Staff of the actor's département
// read them (the server refuses the others: a plain "not allowed"); its editors and admins add, correct and delete them
// in a small form inside the panel; its admins also erase one on the person's request (RGPD art. 17). The form checks
// what the server checks, shows the server's BAD_USER_INPUT problems on their fields, and on CONFLICT shows both
// versions for a deliberate choice. Focus: the first field when a form opens, the button that opened it when it
// closes; each outcome is said in a live region.
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, type CombinedError } from 'urql';
import { errorCode, fieldProblems, isConflict } from '../graphql/errors';
import type { SchemaType } from '../graphql/tada';
import { useMessages, type Messages } from '../i18n';
import { ConflictPanel, type ConflictRow } from '../ui/ConflictPanel';
import { ErrorSummary, TextField } from '../ui/Field';
import { useUnsavedChanges } from '../ui/useUnsavedChanges';
import { canEditActor, useSessionUser } from './access';
import { ActorContactsQuery, CreateContactMutation, DeleteContactMutation, EraseContactMutation, UpdateContactMutation, type ContactItem } from './actors.query';

type ContactInput = SchemaType<'ContactInput'>;
type ContactField = 'firstName' | 'lastName' | 'role' | 'email' | 'phone';
type ContactValues = Record<ContactField, string>;
type ContactErrors = Partial<Record<ContactField, string>>;
type ContactMessages = Messages['actors']['contacts'];

const FIELDS: readonly ContactField[] = ['firstName', 'lastName', 'role', 'email', 'phone'];
const fieldId = (field: string) => `contact-${field}`;
const ADD_BUTTON = 'contact-add';
const HEADING = 'actor-contacts';

// The server's rules (services/actors/src/contact/dto/contact.input.ts and contact.service.ts).
const MAX_LENGTH: Record<ContactField, number> = { firstName: 100, lastName: 100, role: 120, email: 254, phone: 20 };
const PHONE = /^\+?[0-9][0-9 .()-]{5,19}$/;
// class-validator's isEmail, in short: something, @, a domain with a dot and a top-level domain of 2 letters or more.
const EMAIL = /^[^\s@]+@(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?\.)+[a-z\u00a1-\uffff]{2,}$/i;
const MAX_REASON_LENGTH = 500;

const fullName = (contact: Pick<ContactItem, 'firstName' | 'lastName'>) => `${contact.firstName} ${contact.lastName}`;

function valuesOf(contact: ContactItem | undefined): ContactValues {
  return { firstName: contact?.firstName ?? '', lastName: contact?.lastName ?? '', role: contact?.role ?? '', email: contact?.email ?? '', phone: contact?.phone ?? '' };
}

function validateContact(values: ContactValues, e: ContactMessages['errors']): ContactErrors {
  const errors: ContactErrors = {};
  const text = (field: ContactField) => values[field].trim();
  if (!text('firstName')) errors.firstName = e.firstNameRequired;
  if (!text('lastName')) errors.lastName = e.lastNameRequired;
  for (const field of FIELDS) if (!errors[field] && text(field).length > MAX_LENGTH[field]) errors[field] = e.tooLong(MAX_LENGTH[field]);
  if (!errors.email && text('email') && !EMAIL.test(text('email'))) errors.email = e.emailFormat;
  if (!errors.phone && text('phone') && !PHONE.test(text('phone'))) errors.phone = e.phoneFormat;
  return errors;
}

/** The input for the given fields: trimmed, an empty optional field is null (cleared on an edit). */
function toInput(values: ContactValues, fields: readonly ContactField[]): ContactInput {
  const input: ContactInput = {};
  for (const field of fields) {
    const text = values[field].trim();
    input[field] = text === '' && field !== 'firstName' && field !== 'lastName' ? null : field === 'email' ? text.toLowerCase() : text;
  }
  return input;
}

const changedFields = (values: ContactValues, base: ContactValues) => FIELDS.filter((field) => values[field].trim() !== base[field].trim());

/** Where the focus goes when a form closes or a contact goes away: the first of these ids still on the page. */
function useFocusReturn() {
  const pending = useRef<string[] | null>(null);
  // Runs after every render: the target may appear only once the list has been read again.
  useEffect(() => {
    if (!pending.current) return;
    for (const id of pending.current) {
      const element = document.getElementById(id);
      if (element) {
        pending.current = null;
        element.focus();
        return;
      }
    }
  });
  return (...ids: string[]) => {
    pending.current = [...ids, ADD_BUTTON, HEADING];
  };
}

type Mode = { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'erase'; id: string } | null;
type Notice = { text: string; error: boolean } | null;

export function ContactsPanel({
  actorId,
  authorityCode,
  contacts,
  error,
  loading,
  onReload,
}: {
  actorId: string;
  authorityCode: string;
  contacts: readonly ContactItem[] | null | undefined;
  /** The error of the `contacts` field, if the server refused or failed it. */
  error: CombinedError['graphQLErrors'][number] | undefined;
  loading: boolean;
  onReload(): void;
}) {
  const t = useMessages();
  const c = t.actors.contacts;
  const d = t.actors.detail;
  const user = useSessionUser();
  const editable = canEditActor(user, authorityCode);
  const erasable = editable && user?.role === 'ADMIN';
  const [mode, setMode] = useState<Mode>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [deletion, deleteContact] = useMutation(DeleteContactMutation);
  const returnFocus = useFocusReturn();

  const open = (next: NonNullable<Mode>) => {
    setNotice(null);
    setMode(next);
  };
  const close = (outcome: Notice, focusIds: string[]) => {
    setMode(null);
    if (outcome) setNotice(outcome);
    returnFocus(...focusIds);
  };

  const failed = (failure: CombinedError, fallback: string, stale = false): Notice => {
    if (stale || isConflict(failure)) {
      onReload();
      return { text: c.conflictAction, error: true };
    }
    if (errorCode(failure) === 'NOT_FOUND') {
      onReload();
      return { text: c.gone, error: true };
    }
    return { text: `${fallback} ${t.common.errorCode} : ${errorCode(failure)}`, error: true };
  };

  const remove = async (contact: ContactItem) => {
    if (busyId || deletion.fetching) return;
    const name = contact.erasedAt ? d.contactErased : fullName(contact);
    if (!window.confirm(c.deleteConfirm(name))) return;
    setNotice(null);
    setBusyId(contact.id);
    const outcome = await deleteContact({ id: contact.id, version: contact.version });
    setBusyId(null);
    if (mode && mode.kind !== 'add' && mode.id === contact.id) setMode(null);
    if (outcome.error) {
      setNotice(failed(outcome.error, c.actionFailed));
      return;
    }
    setNotice({ text: c.deleted, error: false });
    returnFocus(ADD_BUTTON);
  };

  let body;
  if (contacts) {
    body = (
      <>
        {contacts.length === 0 ? <p>{d.contactsNone}</p> : <p className="field__hint">{d.contactsLogged}</p>}
        {contacts.length > 0 && (
          <ul className="actor-contacts">
            {contacts.map((contact) => {
              const erased = !!contact.erasedAt;
              const name = erased ? d.contactErased : fullName(contact);
              const busy = busyId === contact.id;
              if (mode?.kind === 'edit' && mode.id === contact.id) {
                return (
                  <li key={contact.id} className="actor-contact actor-contact--editing">
                    <ContactForm actorId={actorId} contact={contact} onClose={(outcome) => close(outcome, [`contact-edit-${contact.id}`])} />
                  </li>
                );
              }
              return (
                <li key={contact.id} className="actor-contact" aria-busy={busy || undefined}>
                  <div className="actor-contact__details">
                    {erased ? (
                      <span className="secondary">{d.contactErased}</span>
                    ) : (
                      <>
                        <strong>{name}</strong>
                        {contact.role && <span className="secondary"> – {contact.role}</span>}
                        {contact.email && (
                          <>
                            <br />
                            <a href={`mailto:${contact.email}`}>{contact.email}</a>
                          </>
                        )}
                        {contact.phone && (
                          <>
                            <br />
                            <a href={`tel:${contact.phone.replace(/[\s.()-]/g, '')}`}>{contact.phone}</a>
                          </>
                        )}
                      </>
                    )}
                  </div>
                  {editable && (
                    <div className="actor-contact__actions">
                      {!erased && (
                        <button
                          type="button"
                          id={`contact-edit-${contact.id}`}
                          aria-label={`${c.edit}${c.of(name)}`}
                          className="button button--secondary"
                          onClick={() => open({ kind: 'edit', id: contact.id })}
                        >
                          {c.edit}
                        </button>
                      )}
                      <button
                        type="button"
                        id={`contact-delete-${contact.id}`}
                        aria-label={`${c.delete}${c.of(name)}`}
                        className="button button--secondary"
                        aria-disabled={busy || undefined}
                        onClick={() => void remove(contact)}
                      >
                        {c.delete}
                      </button>
                      {erasable && !erased && (
                        <button
                          type="button"
                          id={`contact-erase-${contact.id}`}
                          aria-label={`${c.erase}${c.of(name)}`}
                          className="button button--secondary actor-contact__erase"
                          aria-expanded={mode?.kind === 'erase' && mode.id === contact.id}
                          onClick={() => open({ kind: 'erase', id: contact.id })}
                        >
                          {c.erase}
                        </button>
                      )}
                    </div>
                  )}
                  {mode?.kind === 'erase' && mode.id === contact.id && (
                    <EraseForm
                      contact={contact}
                      onClose={(outcome) => close(outcome, outcome ? [`contact-delete-${contact.id}`] : [`contact-erase-${contact.id}`])}
                      onFailed={(failure) => close(fieldProblems(failure).length > 0 ? failed(failure, c.actionFailed, true) : failed(failure, c.actionFailed), [`contact-erase-${contact.id}`, `contact-delete-${contact.id}`])}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {editable &&
          (mode?.kind === 'add' ? (
            <ContactForm actorId={actorId} onClose={(outcome) => close(outcome, [ADD_BUTTON])} />
          ) : (
            <p className="button-row">
              <button type="button" id={ADD_BUTTON} className="button" onClick={() => open({ kind: 'add' })}>
                {c.add}
              </button>
            </p>
          ))}
      </>
    );
  } else if (loading && !error) {
    body = <p className="secondary">{c.loading}</p>;
  } else if (error && error.extensions?.code !== 'FORBIDDEN' && error.extensions?.code !== 'UNAUTHENTICATED') {
    body = <p>{d.contactsUnavailable}</p>;
  } else {
    body = <p className="notice">{d.contactsNotAllowed}</p>;
  }

  return (
    <section className="panel actor-contacts-panel" aria-labelledby={HEADING}>
      <h2 id={HEADING} tabIndex={-1}>
        {d.contacts}
      </h2>
      <div role="status" className="actor-contacts__status">
        {notice && <p className={notice.error ? 'notice notice--error' : 'notice notice--success'}>{notice.text}</p>}
      </div>
      {body}
    </section>
  );
}

/** Adds a contact (no `contact`) or corrects one, inside the panel. */
function ContactForm({ actorId, contact, onClose }: { actorId: string; contact?: ContactItem; onClose(outcome: Notice): void }) {
  const t = useMessages();
  const c = t.actors.contacts;
  const client = useClient();
  const creating = !contact;
  const [base, setBase] = useState<{ values: ContactValues; version: number | null }>(() => ({ values: valuesOf(contact), version: contact?.version ?? null }));
  const [values, setValues] = useState<ContactValues>(base.values);
  const [errors, setErrors] = useState<ContactErrors>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ values: ContactValues; version: number } | null>(null);
  const [focusSummary, setFocusSummary] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const [creation, createContact] = useMutation(CreateContactMutation);
  const [update, updateContact] = useMutation(UpdateContactMutation);
  const saving = creation.fetching || update.fetching;
  const changed = changedFields(values, base.values);
  const [closing, setClosing] = useState(false);
  useUnsavedChanges(changed.length > 0 && !closing);

  useLayoutEffect(() => {
    document.getElementById(fieldId('firstName'))?.focus();
  }, []);
  useEffect(() => {
    if (focusSummary > 0) summary.current?.focus();
  }, [focusSummary]);

  const finish = (outcome: Notice) => {
    setClosing(true);
    onClose(outcome);
  };

  const set = (field: ContactField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const send = async (fields: readonly ContactField[], version: number | null) => {
    setFailure(null);
    setOtherProblems([]);
    const result = creating ? await createContact({ actorId, input: toInput(values, FIELDS) }) : await updateContact({ id: contact.id, version: version!, input: toInput(values, fields) });
    if (!result.error) {
      finish({ text: creating ? c.added : c.updated, error: false });
      return;
    }
    if (!creating && isConflict(result.error)) {
      const latest = await client.query(ActorContactsQuery, { id: actorId }, { requestPolicy: 'network-only' }).toPromise();
      const stored = latest.data?.actor?.contacts?.find((candidate) => candidate.id === contact.id);
      if (stored && !stored.erasedAt) {
        setConflict({ values: valuesOf(stored), version: stored.version });
        return;
      }
    }
    if (errorCode(result.error) === 'NOT_FOUND' || isConflict(result.error)) {
      // Deleted or erased meanwhile: nothing left to correct.
      await client.query(ActorContactsQuery, { id: actorId }, { requestPolicy: 'network-only' }).toPromise();
      finish({ text: c.gone, error: true });
      return;
    }
    const problems = fieldProblems(result.error);
    if (problems.length > 0) {
      const byField: ContactErrors = {};
      const others: string[] = [];
      for (const problem of problems) {
        const message = c.errors.server(t.actors.serverMessage(problem.message));
        if ((FIELDS as readonly string[]).includes(problem.field)) byField[problem.field as ContactField] ??= message;
        else others.push(message);
      }
      setErrors(byField);
      setOtherProblems(others);
    } else {
      setFailure(`${c.saveFailed} ${t.common.errorCode} : ${errorCode(result.error)}`);
    }
    setFocusSummary((count) => count + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = validateContact(values, c.errors);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      setOtherProblems([]);
      setFailure(null);
      setFocusSummary((count) => count + 1);
      return;
    }
    if (!creating && changed.length === 0) {
      finish({ text: c.unchanged, error: false });
      return;
    }
    await send(changed, base.version);
  };

  const reload = () => {
    if (!conflict) return;
    setBase(conflict);
    setValues(conflict.values);
    setErrors({});
    setConflict(null);
  };
  const overwrite = async () => {
    if (!conflict || saving) return;
    const fields = changedFields(values, conflict.values);
    setBase(conflict);
    setConflict(null);
    if (fields.length === 0) {
      finish({ text: c.updated, error: false });
      return;
    }
    await send(fields, conflict.version);
  };

  const title = creating ? c.addTitle : c.editTitle(fullName(contact));
  const titleId = 'contact-form-title';
  const problems = [
    ...FIELDS.filter((field) => errors[field]).map((field) => ({ fieldId: fieldId(field), label: c.fields[field], message: errors[field]! })),
    ...otherProblems.map((message) => ({ label: c.form, message })),
    ...(failure ? [{ label: c.form, message: failure }] : []),
  ];
  const text = (field: ContactField, extra: { hint?: string; required?: boolean; type?: string; inputMode?: 'tel' | 'email'; autoComplete?: string } = {}) => (
    <TextField id={fieldId(field)} name={field} label={c.fields[field]} error={errors[field]} value={values[field]} onChange={(event) => set(field, event.target.value)} {...extra} />
  );

  return (
    <div className="contact-form">
      <h3 id={titleId}>{title}</h3>
      <p className="field__hint">{c.requiredHint}</p>
      {conflict && (
        <ConflictPanel
          rows={FIELDS.map((field): ConflictRow => ({ label: c.fields[field], theirs: conflict.values[field] || '—', yours: values[field] || '—' }))}
          onReload={reload}
          onOverwrite={() => void overwrite()}
          busy={saving}
        />
      )}
      <ErrorSummary problems={problems} summaryRef={summary} />
      <form className="form contact-form__form" noValidate aria-labelledby={titleId} aria-busy={saving} onSubmit={(event) => void submit(event)}>
        <div className="contact-form__grid">
          {text('firstName', { required: true, autoComplete: 'off' })}
          {text('lastName', { required: true, autoComplete: 'off' })}
          {text('role', { hint: c.fields.roleHint, autoComplete: 'off' })}
          {text('email', { type: 'email', inputMode: 'email', autoComplete: 'off' })}
          {text('phone', { type: 'tel', inputMode: 'tel', hint: c.fields.phoneHint, autoComplete: 'off' })}
        </div>
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={saving || undefined}>
            {saving ? c.saving : c.save}
          </button>
          <button type="button" className="button button--secondary" onClick={() => finish(null)}>
            {c.cancel}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Erases a contact on the person's request (admins of the département): a reason without personal data, then done. */
function EraseForm({ contact, onClose, onFailed }: { contact: ContactItem; onClose(outcome: Notice): void; onFailed(error: CombinedError): void }) {
  const t = useMessages();
  const c = t.actors.contacts;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [erasure, eraseContact] = useMutation(EraseContactMutation);
  const titleId = `contact-erase-title-${contact.id}`;

  useLayoutEffect(() => {
    document.getElementById('contact-reason')?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (erasure.fetching) return;
    const why = reason.trim();
    if (!why) {
      setError(c.errors.reasonRequired);
      document.getElementById('contact-reason')?.focus();
      return;
    }
    if (why.length > MAX_REASON_LENGTH) {
      setError(c.errors.tooLong(MAX_REASON_LENGTH));
      document.getElementById('contact-reason')?.focus();
      return;
    }
    const result = await eraseContact({ id: contact.id, version: contact.version, reason: why });
    if (!result.error) {
      onClose({ text: c.erased, error: false });
      return;
    }
    const problem = fieldProblems(result.error).find((candidate) => candidate.field === 'reason');
    if (problem) {
      setError(c.errors.server(t.actors.serverMessage(problem.message)));
      document.getElementById('contact-reason')?.focus();
      return;
    }
    // Changed, deleted or already erased meanwhile (BAD_USER_INPUT on `id`), or refused: the panel says it and reloads.
    onFailed(result.error);
  };

  return (
    <form className="form contact-form contact-form--erase" noValidate aria-labelledby={titleId} aria-busy={erasure.fetching} onSubmit={(event) => void submit(event)}>
      <h3 id={titleId}>{c.eraseTitle(fullName(contact))}</h3>
      <p className="contact-form__warning">{c.eraseHint}</p>
      <TextField id="contact-reason" name="reason" label={c.fields.reason} hint={c.fields.reasonHint} required error={error} value={reason} maxLength={MAX_REASON_LENGTH} autoComplete="off" onChange={(event) => setReason(event.target.value)} />
      <div className="button-row">
        <button type="submit" className="button" aria-disabled={erasure.fetching || undefined}>
          {erasure.fetching ? c.erasing : c.eraseSubmit}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onClose(null)}>
          {c.cancel}
        </button>
      </div>
    </form>
  );
}
