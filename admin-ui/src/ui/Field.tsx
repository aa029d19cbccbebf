// Form fields with their label, hint and error tied to the control (aria-describedby, aria-invalid), so that a screen
// reader says why a value is refused; the error text comes from the client's checks or the server's BAD_USER_INPUT.
import { useId, type InputHTMLAttributes, type MouseEvent, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useMessages } from '../i18n';

interface FieldFrame {
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

function useFieldIds(error?: string, hint?: string, fixedId?: string) {
  const generated = useId();
  // A fixed id lets an error summary link to the field (`#actor-siret`).
  const id = fixedId ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

function Frame({ id, label, hint, hintId, error, errorId, required, children }: FieldFrame & { id: string; hintId?: string; errorId?: string; children: ReactNode }) {
  const t = useMessages();
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && <span className="field__required"> ({t.common.required})</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function TextField({ label, hint, error, required, id, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(error, hint, id);
  return (
    <Frame {...ids} label={label} hint={hint} error={error} required={required}>
      <input id={ids.id} className="input" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} aria-required={required || undefined} {...input} />
    </Frame>
  );
}

export function TextAreaField({ label, hint, error, required, id, ...input }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(error, hint, id);
  return (
    <Frame {...ids} label={label} hint={hint} error={error} required={required}>
      <textarea id={ids.id} className="input" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} aria-required={required || undefined} {...input} />
    </Frame>
  );
}

export function SelectField({ label, hint, error, required, children, id, ...select }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(error, hint, id);
  return (
    <Frame {...ids} label={label} hint={hint} error={error} required={required}>
      <select id={ids.id} className="input" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} aria-required={required || undefined} {...select}>
        {children}
      </select>
    </Frame>
  );
}

export function CheckboxField({ label, hint, id, ...input }: { label: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const ids = useFieldIds(undefined, hint, id);
  return (
    <div className="field field--checkbox">
      <input id={ids.id} type="checkbox" aria-describedby={ids.describedBy} {...input} />
      <label htmlFor={ids.id}>{label}</label>
      {hint && (
        <p id={ids.hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A summary link moves the focus into its field (a plain #anchor only scrolls), so typing can start at once. */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string): void {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  field.scrollIntoView({ block: 'center' });
  field.focus();
}

/** The list of a form's errors at its top, each a link to its field; focused when the form is refused. */
export function ErrorSummary({ problems, summaryRef }: { problems: Array<{ fieldId?: string; label: string; message: string }>; summaryRef?: Ref<HTMLDivElement> }) {
  const t = useMessages();
  if (problems.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert" tabIndex={-1} ref={summaryRef}>
      <p className="notice__title">{t.common.formErrors(problems.length)}</p>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.label}:${problem.message}`}>
            {problem.fieldId ? (
              <a href={`#${problem.fieldId}`} onClick={(event) => focusField(event, problem.fieldId!)}>{`${problem.label} : ${problem.message}`}</a>
            ) : (
              `${problem.label} : ${problem.message}`
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
