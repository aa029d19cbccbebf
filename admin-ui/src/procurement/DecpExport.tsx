// The DECP export of a year of one of the person's départements, in the DECP 2024 JSON or XML format (the file a
// buyer publishes); contracts the format cannot carry (missing required fields) are counted, not hidden.
import { useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { errorCode } from '../graphql/errors';
import type { SchemaType } from '../graphql/tada';
import { useMessages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { useWorkingAuthorities } from '../shell/authorities';
import { SelectField } from '../ui/Field';
import { download } from '../ui/exportRows';
import { DecpExportQuery } from './contracts.query';
import { recentYears } from './ess';

type Format = SchemaType<'DecpExportFormat'>;

export function DecpExport({ authorities }: { authorities: string[] }) {
  const t = useMessages();
  const d = t.procurement.decp;
  const client = useClient();
  const working = useWorkingAuthorities();
  const [authority, setAuthority] = useState(working.selected ?? authorities[0] ?? '');
  const [year, setYear] = useState(String(new Date().getUTCFullYear()));
  const [format, setFormat] = useState<Format>('JSON');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const label = (code: string) => t.authority(code, authorityName(code));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!authority || busy) return;
    setBusy(true);
    setFailure(null);
    setMessage(t.common.export.exporting);
    const answer = await client.query(DecpExportQuery, { authority, year: Number(year), format }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    const file = answer.data?.decpExport;
    if (answer.error || !file) {
      setMessage('');
      setFailure(answer.error ? errorCode(answer.error) : 'NOT_FOUND');
      return;
    }
    download(new Blob([file.content], { type: file.contentType }), file.filename);
    setMessage([d.exportDone(file.filename, file.contractCount), file.omitted.length ? d.exportOmitted(file.omitted.length) : ''].filter(Boolean).join(' '));
  };

  return (
    <section className="panel" aria-labelledby="decp-export-title">
      <h2 id="decp-export-title">{d.export}</h2>
      {!authority ? (
        <p>{d.chooseAuthority}</p>
      ) : (
        <form className="form form--inline" onSubmit={(event) => void submit(event)}>
          <p className="field__hint">{d.exportHint(label(authority))}</p>
          {authorities.length > 1 && (
            <SelectField label={t.procurement.contracts.authority} value={authority} onChange={(event) => setAuthority(event.target.value)}>
              {authorities.map((code) => (
                <option key={code} value={code}>
                  {label(code)}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField label={d.exportYear} value={year} onChange={(event) => setYear(event.target.value)}>
            {recentYears().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </SelectField>
          <SelectField label={d.exportFormat} value={format} onChange={(event) => setFormat(event.target.value as Format)}>
            <option value="JSON">JSON</option>
            <option value="XML">XML</option>
          </SelectField>
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {d.exportSubmit}
          </button>
        </form>
      )}
      <p role="status" aria-live="polite" className="live-message">
        {message}
      </p>
      {failure && (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{d.exportFailed}</p>
          <p>
            {t.common.errorCode} : <code>{failure}</code>
          </p>
        </div>
      )}
    </section>
  );
}
