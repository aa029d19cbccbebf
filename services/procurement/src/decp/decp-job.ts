// The DECP import as a job: a file uploaded through the gateway (POST /uploads/procurement/decp), JSON or XML, read
// from the job's stored body and imported by DecpImportService.importRecords, with progress and the report as result.
import {
  BadInputError,
  importJobContext,
  importJobOutcome,
  importUploadRoute,
  type ImportJobPayload,
  type JobHandler,
  type UploadRoute,
} from '@ess/kit';
import type { DataSource } from 'typeorm';
import { extractRecords } from './decp-classify';
import { DecpImportService } from './decp-import.service';
import { parseDecpText } from './decp-parse';
import type { DecpImportReport } from './decp.types';

export const DECP_IMPORT = 'decp-import';

type DecpPayload = ImportJobPayload<'dryRun' | 'skipInvalidRecords' | 'completeMissing'>;

/** `POST /uploads/procurement/decp?authority=30&dryRun=true&skipInvalidRecords=false&completeMissing=false`. */
export const decpUploadRoute: UploadRoute = importUploadRoute(DECP_IMPORT, ['dryRun', 'skipInvalidRecords', 'completeMissing']);

/** The upload's bytes as UTF-8 text; another encoding is refused rather than imported with garbled names. */
async function readText(chunks: AsyncIterable<Buffer>, signal: AbortSignal): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  try {
    for await (const chunk of chunks) {
      signal.throwIfAborted();
      text += decoder.decode(chunk, { stream: true });
    }
    return text + decoder.decode();
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw BadInputError.field('json', 'is not UTF-8 text (DECP files are published in UTF-8)');
    }
    throw error;
  }
}

/**
 * A DECP document is one JSON (or XML) tree, parsed whole: the job holds the file in memory (a département's DECP is a
 * few MB), but not the request's 1 MiB body limit nor its record limit. The records are imported in one transaction
 * (all or nothing); progress counts the records checked (phase `check`).
 */
export function decpImportJob(dataSource: DataSource): JobHandler<DecpPayload> {
  const importer = new DecpImportService(dataSource);
  return async ({ job, identity, requestId, signal, progress, upload }): Promise<DecpImportReport> => {
    const { authority, dryRun, skipInvalidRecords, completeMissing } = job.payload;
    progress({ done: 0, total: null, phase: 'read' });
    const { records, setAside } = extractRecords(parseDecpText(await readText(upload(), signal)));
    if (records.length === 0 && setAside.length === 0) throw BadInputError.field('json', 'has no contracts');
    progress({ done: 0, total: records.length, phase: 'check' });
    const report = await importer.importRecords(
      importJobContext({ identity, requestId }),
      records,
      {
        authority,
        dryRun,
        skipInvalidRecords,
        completeMissing,
        onProgress: (done, total) => progress({ done, total, phase: 'check' }),
      },
      setAside,
    );
    progress({ done: records.length, total: records.length, phase: 'done' });
    return importJobOutcome(report);
  };
}
