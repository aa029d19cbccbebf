// The SIRENE import as a job: a stock file uploaded through the gateway (POST /uploads/actors/sirene), streamed row by
// row from the job's stored body into SireneImportService.importRows, with progress and the report as the result.
import { importJobContext, importJobOutcome, importUploadRoute, type ImportJobPayload, type JobHandler, type UploadRoute } from '@ess/kit';
import type { DataSource } from 'typeorm';
import type { ActorImportReport } from './import.types';
import { readSireneCsv } from './sirene-csv';
import { SireneImportService } from './sirene-import.service';

export const SIRENE_IMPORT = 'sirene-import';

type SirenePayload = ImportJobPayload<'dryRun' | 'skipInvalidRows'>;

/** `POST /uploads/actors/sirene?authority=30&dryRun=true&skipInvalidRows=false`. */
export const sireneUploadRoute: UploadRoute = importUploadRoute(SIRENE_IMPORT, ['dryRun', 'skipInvalidRows']);

/**
 * Reads the upload as it comes (no row limit: memory and statements are bounded per batch), in one transaction: all
 * or nothing. Progress is in bytes of the file read (done/total), so a caller can show a share; the rows are counted
 * in the report. A cancelled job stops at the next chunk or batch and rolls back.
 */
export function sireneImportJob(dataSource: DataSource): JobHandler<SirenePayload> {
  const importer = new SireneImportService(dataSource);
  return async ({ job, identity, requestId, signal, progress, upload }): Promise<ActorImportReport> => {
    const { authority, dryRun, skipInvalidRows } = job.payload;
    let bytes = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of upload()) {
        signal.throwIfAborted();
        bytes += chunk.length;
        yield chunk;
      }
    }
    const total = job.uploadBytes ?? null;
    progress({ done: 0, total, phase: 'rows' });
    const report = await importer.importRows(
      importJobContext({ identity, requestId }),
      readSireneCsv(counted()),
      { authority, dryRun, skipInvalidRows },
      () => {
        // after each batch, inside the transaction: a cancelled job stops here and rolls back
        signal.throwIfAborted();
        progress({ done: bytes, total, phase: 'rows' });
      },
    );
    progress({ done: total ?? bytes, total, phase: 'done' });
    return importJobOutcome(report);
  };
}
