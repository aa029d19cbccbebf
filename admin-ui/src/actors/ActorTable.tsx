// The table of actors: the name (a link to the detail) and the columns the person chose; a checkbox per row for the
// bulk actions when they may edit. After "load more", focus moves to the first new row so keyboard users land on it.
import { Fragment, useEffect, useId, useRef } from 'react';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { authorityName } from '../referential/authorities';
import { Empty } from '../ui/Empty';
import type { ActorListItem } from './actors.query';
import type { ColumnKey } from './columns';

interface Props {
  actors: ActorListItem[];
  caption: string;
  busy: boolean;
  columns: readonly ColumnKey[];
  /** The sort of the name column, for aria-sort (null when sorted by another key). */
  nameSort: 'ascending' | 'descending' | null;
  /** Ids of the selected rows; null when the person cannot select (no bulk action for them). */
  selected: ReadonlySet<string> | null;
  onSelect(ids: string[], selected: boolean): void;
  /** Index of a row to focus once it is rendered (the first row of a page just loaded). */
  focusRow: number | null;
  onRowFocused(): void;
}

export function ActorTable({ actors, caption, busy, columns, nameSort, selected, onSelect, focusRow, onRowFocused }: Props) {
  const t = useMessages();
  const captionId = useId();
  const body = useRef<HTMLTableSectionElement>(null);
  const selectAll = useRef<HTMLInputElement>(null);
  const selectedShown = selected ? actors.filter((actor) => selected.has(actor.id)).length : 0;

  useEffect(() => {
    if (focusRow === null || focusRow >= actors.length) return;
    body.current?.rows[focusRow]?.querySelector<HTMLElement>('th')?.focus();
    onRowFocused();
  }, [focusRow, actors.length, onRowFocused]);

  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selectedShown > 0 && selectedShown < actors.length;
  }, [selectedShown, actors.length]);

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} aria-busy={busy} tabIndex={0}>
      <table className="data-table actor-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {selected && (
              <td className="actor-table__select">
                <input
                  ref={selectAll}
                  type="checkbox"
                  aria-label={t.actors.table.selectAll}
                  checked={actors.length > 0 && selectedShown === actors.length}
                  onChange={(event) => onSelect(actors.map((actor) => actor.id), event.target.checked)}
                />
              </td>
            )}
            <th scope="col" aria-sort={nameSort ?? undefined}>
              {t.actors.table.name}
            </th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {t.actors.table[column]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {actors.map((actor) => (
            <ActorRow key={actor.id} actor={actor} columns={columns} selected={selected ? selected.has(actor.id) : null} onSelect={onSelect} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActorRow({ actor, columns, selected, onSelect }: { actor: ActorListItem; columns: readonly ColumnKey[]; selected: boolean | null; onSelect: Props['onSelect'] }) {
  const t = useMessages();
  const none = <Empty label={t.actors.table.none} />;
  const cell = (column: ColumnKey) => {
    switch (column) {
      case 'siret':
        return <td className="nowrap">{actor.siret ?? none}</td>;
      case 'legalFamily': {
        const family = t.legalFamilies[actor.legalForm.family];
        return (
          <td>
            {family}
            {actor.legalForm.label && actor.legalForm.label !== family && <span className="secondary">{actor.legalForm.label}</span>}
          </td>
        );
      }
      case 'commune':
        return (
          <td>
            {actor.address.communeName ?? none}
            {actor.address.postalCode && <span className="secondary">{actor.address.postalCode}</span>}
          </td>
        );
      case 'authority':
        return <td className="nowrap">{t.authority(actor.authorityCode, authorityName(actor.authorityCode))}</td>;
      case 'inclusionType': {
        const inclusion = t.inclusionTypes[actor.inclusionType];
        return <td>{actor.inclusionType === 'NONE' ? <Empty label={inclusion.long} /> : <abbr title={inclusion.long}>{inclusion.short}</abbr>}</td>;
      }
      case 'labels': {
        const labels = [actor.essMember && t.actors.labels.ess, actor.esus?.valid && t.actors.labels.esus].filter(Boolean);
        return (
          <td>
            {labels.length === 0 ? (
              none
            ) : (
              <ul className="inline-list">
                {actor.essMember && (
                  <li>
                    <abbr title={t.actors.labels.essLong}>{t.actors.labels.ess}</abbr>
                  </li>
                )}
                {actor.esus?.valid && (
                  <li>
                    <abbr title={t.actors.labels.esusLong}>{t.actors.labels.esus}</abbr>
                  </li>
                )}
              </ul>
            )}
          </td>
        );
      }
      case 'networks':
        return (
          <td>
            {actor.networks.length === 0 ? (
              none
            ) : (
              <ul className="inline-list">
                {actor.networks.map((network) => (
                  <li key={network.id}>{network.name}</li>
                ))}
              </ul>
            )}
          </td>
        );
      case 'sectors':
        return <td>{actor.sectors.length === 0 ? none : actor.sectors.join(', ')}</td>;
      case 'updatedAt':
        return (
          <td className="nowrap">
            <time dateTime={actor.updatedAt}>{t.format.date(actor.updatedAt)}</time>
          </td>
        );
    }
  };
  return (
    <tr className={actor.archivedAt ? 'actor-table__archived' : undefined}>
      {selected !== null && (
        <td className="actor-table__select">
          <input type="checkbox" aria-label={t.actors.table.select(actor.name)} checked={selected} onChange={(event) => onSelect([actor.id], event.target.checked)} />
        </td>
      )}
      <th scope="row" tabIndex={-1}>
        <Link to={{ name: 'actor', id: actor.id }}>{actor.name}</Link>
        {actor.archivedAt && <span className="actor-tag">{t.actors.table.archived}</span>}
        {actor.status === 'CEASED' && <span className="actor-tag">{t.actors.table.ceased}</span>}
      </th>
      {columns.map((column) => (
        <Fragment key={column}>{cell(column)}</Fragment>
      ))}
    </tr>
  );
}
