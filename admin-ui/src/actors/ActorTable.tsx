// The table of actors. After "load more", focus moves to the first new row so keyboard users land on it.
import { useEffect, useId, useRef } from 'react';
import { useMessages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { Empty } from '../ui/Empty';
import type { ActorListItem } from './actors.query';

interface Props {
  actors: ActorListItem[];
  caption: string;
  busy: boolean;
  /** Index of a row to focus once it is rendered (the first row of a page just loaded). */
  focusRow: number | null;
  onRowFocused(): void;
}

export function ActorTable({ actors, caption, busy, focusRow, onRowFocused }: Props) {
  const t = useMessages();
  const captionId = useId();
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    if (focusRow === null || focusRow >= actors.length) return;
    body.current?.rows[focusRow]?.cells[0]?.focus();
    onRowFocused();
  }, [focusRow, actors.length, onRowFocused]);

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} aria-busy={busy} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.actors.table.name}</th>
            <th scope="col">{t.actors.table.legalFamily}</th>
            <th scope="col">{t.actors.table.commune}</th>
            <th scope="col">{t.actors.table.authority}</th>
            <th scope="col">{t.actors.table.inclusionType}</th>
            <th scope="col">{t.actors.table.networks}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {actors.map((actor) => (
            <ActorRow key={actor.id} actor={actor} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActorRow({ actor }: { actor: ActorListItem }) {
  const t = useMessages();
  const inclusion = t.inclusionTypes[actor.inclusionType];
  const family = t.legalFamilies[actor.legalForm.family];
  return (
    <tr>
      <th scope="row" tabIndex={-1}>
        {actor.name}
      </th>
      <td>
        {family}
        {actor.legalForm.label && actor.legalForm.label !== family && <span className="secondary">{actor.legalForm.label}</span>}
      </td>
      <td>
        {actor.address.communeName ?? <Empty label={t.actors.table.none} />}
        {actor.address.postalCode && <span className="secondary">{actor.address.postalCode}</span>}
      </td>
      <td className="nowrap">{t.authority(actor.authorityCode, authorityName(actor.authorityCode))}</td>
      <td>{actor.inclusionType === 'NONE' ? <Empty label={inclusion.long} /> : <abbr title={inclusion.long}>{inclusion.short}</abbr>}</td>
      <td>
        {actor.networks.length === 0 ? (
          <Empty label={t.actors.table.none} />
        ) : (
          <ul className="inline-list">
            {actor.networks.map((network) => (
              <li key={network.id}>{network.name}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
