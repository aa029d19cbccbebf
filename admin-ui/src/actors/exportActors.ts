// Export of the filtered list: every matching actor (not only the rows shown), asked from the server 500 at a time
// through the same client, then written as CSV or XLSX (ui/exportRows).
import type { Client, OperationResult } from 'urql';
import type { ResultOf } from '../graphql/tada';
import type { ActorFilter, ActorOrder } from '../graphql/types';
import type { Messages } from '../i18n';
import { authorityName } from '../referential/authorities';
import { exportRows, type ExportColumn } from '../ui/exportRows';
import { ActorsExportQuery, type ActorExportRow } from './actors.query';

const EXPORT_PAGE = 500;

export async function fetchAllActors(client: Client, filter: ActorFilter, orderBy: ActorOrder, onProgress?: (done: number, total: number) => void): Promise<ActorExportRow[]> {
  const rows: ActorExportRow[] = [];
  let after: string | null = null;
  for (;;) {
    const result: OperationResult<ResultOf<typeof ActorsExportQuery>> = await client.query(ActorsExportQuery, { first: EXPORT_PAGE, after, filter, orderBy }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) throw result.error;
    const page = result.data?.actors;
    if (!page) throw new Error('no actors in the answer');
    rows.push(...page.nodes);
    onProgress?.(rows.length, page.totalCount);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return rows;
    after = page.pageInfo.endCursor;
  }
}

export function exportColumns(t: Messages): Array<ExportColumn<ActorExportRow>> {
  const f = t.actors.fields;
  return [
    { header: f.name, value: (row) => row.name },
    { header: f.siret, value: (row) => row.siret },
    { header: f.siren, value: (row) => row.siren },
    { header: f.rna, value: (row) => row.rna },
    { header: f.legalFamily, value: (row) => t.legalFamilies[row.legalForm.family] },
    { header: f.legalFormCode, value: (row) => row.legalForm.code },
    { header: f.legalForm, value: (row) => row.legalForm.label },
    { header: f.authority, value: (row) => t.authority(row.authorityCode, authorityName(row.authorityCode)) },
    { header: f.street, value: (row) => row.address.street },
    { header: f.postalCode, value: (row) => row.address.postalCode },
    { header: f.communeCode, value: (row) => row.address.communeCode },
    { header: f.communeName, value: (row) => row.address.communeName },
    { header: f.nafCode, value: (row) => row.nafCode },
    { header: f.headcountBand, value: (row) => row.headcount?.label ?? row.headcount?.code },
    { header: f.inclusionType, value: (row) => (row.inclusionType === 'NONE' ? '' : t.inclusionTypes[row.inclusionType].short) },
    { header: f.essMember, value: (row) => (row.essMember ? t.common.yes : t.common.no) },
    { header: f.esusApprovedOn, value: (row) => row.esus?.approvedOn },
    { header: t.actors.labels.esusLong, value: (row) => (row.esus?.valid ? t.common.yes : t.common.no) },
    { header: t.actors.table.networks, value: (row) => row.networks.map((network) => network.name).join(', ') },
    { header: f.sectors, value: (row) => row.sectors.join(', ') },
    { header: f.status, value: (row) => f.statuses[row.status] },
    { header: t.actors.table.archived, value: (row) => (row.archivedAt ? row.archivedAt.slice(0, 10) : '') },
    { header: f.website, value: (row) => row.website },
  ];
}

export async function exportActors(client: Client, t: Messages, format: 'csv' | 'xlsx', filter: ActorFilter, orderBy: ActorOrder, onProgress?: (done: number, total: number) => void): Promise<number> {
  const rows = await fetchAllActors(client, filter, orderBy, onProgress);
  await exportRows(format, `${t.actors.export.basename}-${new Date().toISOString().slice(0, 10)}`, exportColumns(t), rows);
  return rows.length;
}
