// "Historique des modifications": who changed what and when on a record, newest first, from the record's `history`
// field (every versioned record of the graph has one). The entries come from the screen's own query (fragment below),
// so opening a record costs no extra request.
import { graphql, readFragment, type FragmentOf } from '../graphql/tada';
import { useMessages } from '../i18n';

export const HistoryEntryFragment = graphql(`
  fragment HistoryEntryFields on HistoryEntry {
    id
    at
    who
    action
    changedFields
  }
`);

/** Fields every change touches (bookkeeping), left out of the list of what changed. */
const BOOKKEEPING_FIELDS = new Set(['version', 'updatedAt', 'createdAt']);

/** Who made a change, in words: the platform itself, a staff account or a partner's API key (short id). */
function whoLabel(who: string, words: { system: string; staff: string; key: string }): string {
  if (who === 'system') return words.system;
  const [kind, id] = who.split(':');
  if (!kind || !id) return who;
  return `${kind === 'key' ? words.key : words.staff} ${id.slice(0, 8)}`;
}

export const changed = (fields: readonly string[]) => fields.filter((field) => !BOOKKEEPING_FIELDS.has(field));

/** A change in words: its kind, and for an edit the fields it changed ("Modification : Statut, Avancement"). */
export function changeSummary(
  entry: { action: string; changedFields: readonly string[] },
  actionLabel: (action: string) => string,
  fieldLabel: (field: string) => string,
): string {
  const fields = entry.action === 'update' ? changed(entry.changedFields) : [];
  return fields.length ? `${actionLabel(entry.action)} : ${fields.map(fieldLabel).join(', ')}` : actionLabel(entry.action);
}

export function HistoryPanel({
  entries,
  totalCount,
  fieldLabel = (field) => field,
  actionLabel,
}: {
  entries: ReadonlyArray<FragmentOf<typeof HistoryEntryFragment>>;
  totalCount: number;
  fieldLabel?: (field: string) => string;
  actionLabel?: (action: string) => string;
}) {
  const t = useMessages();
  const rows = entries.map((entry) => readFragment(HistoryEntryFragment, entry));
  return (
    <section className="panel history" aria-labelledby="history-title">
      <h2 id="history-title">{t.common.history.title}</h2>
      {rows.length === 0 ? (
        <p>{t.common.history.empty}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t.common.history.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.common.history.when}</th>
              <th scope="col">{t.common.history.who}</th>
              <th scope="col">{t.common.history.what}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <time dateTime={row.at}>{t.format.dateTime(row.at)}</time>
                </td>
                <td>{whoLabel(row.who, t.common.history)}</td>
                <td>
                  {changeSummary(row, actionLabel ?? ((action) => t.common.history.actions[action] ?? action), fieldLabel)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {totalCount > rows.length && <p className="field__hint">{`${rows.length} / ${totalCount}`}</p>}
    </section>
  );
}
