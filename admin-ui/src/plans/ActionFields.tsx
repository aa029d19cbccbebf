// The fields of an action, shared by the creation and edit forms: each with its label, hint and error tied to it.
import { useMessages } from '../i18n';
import { SelectField, TextAreaField, TextField } from '../ui/Field';
import { ACTION_STATUSES, type ActionField, type ActionFormValues, type Problems } from './actionForm';

export function ActionFields({
  values,
  problems,
  onChange,
  axes,
}: {
  values: ActionFormValues;
  problems: Problems;
  onChange(field: ActionField, value: string): void;
  /** The plan's axes, to choose one (creation only). */
  axes?: ReadonlyArray<{ id: string; position: number; title: string }>;
}) {
  const t = useMessages();
  const f = t.plans.form;
  const text = (field: ActionField) => ({
    name: field,
    value: values[field],
    error: problems[field],
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
  });
  return (
    <>
      <TextField label={f.title} required maxLength={300} autoComplete="off" {...text('title')} />
      {axes && (
        <SelectField label={f.axis} required {...text('axisId')}>
          <option value="">{f.chooseAxis}</option>
          {axes.map((axis) => (
            <option key={axis.id} value={axis.id}>
              {`${t.plans.axis(axis.position)} – ${axis.title}`}
            </option>
          ))}
        </SelectField>
      )}
      <div className="form-row">
        <SelectField label={f.status} {...text('status')}>
          {ACTION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t.actionStatuses[status]}
            </option>
          ))}
        </SelectField>
        <TextField label={f.progress} hint={f.progressHint} inputMode="numeric" {...text('progress')} />
      </div>
      <div className="form-row">
        <TextField label={f.startOn} type="date" {...text('startOn')} />
        <TextField label={f.endOn} type="date" {...text('endOn')} />
      </div>
      <div className="form-row">
        <TextField label={f.plannedBudget} hint={f.amountHint} inputMode="decimal" autoComplete="off" {...text('plannedBudget')} />
        <TextField label={f.committedBudget} hint={f.amountHint} inputMode="decimal" autoComplete="off" {...text('committedBudget')} />
      </div>
      <TextField label={f.leadService} autoComplete="off" {...text('leadService')} />
      <TextAreaField label={f.description} rows={4} {...text('description')} />
    </>
  );
}

/** The ids of the form's controls by name, for the links of the error summary. */
export function fieldIds(form: HTMLFormElement | null, problems: Problems, label: (field: ActionField) => string): Array<{ fieldId?: string; label: string; message: string }> {
  return (Object.entries(problems) as Array<[ActionField, string]>).map(([field, message]) => {
    const control = form?.elements.namedItem(field);
    return { fieldId: control instanceof HTMLElement ? control.id : undefined, label: label(field), message };
  });
}
