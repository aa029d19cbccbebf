// An import run as a job from an upload: the route reads the authority and options from the query, the outcome fails
// the job with the report when the file was refused. Shared by every subgraph that imports files (SIRENE, DECP).
import { assertCanWrite } from './access';
import type { RequestContext } from './context';
import { BadInputError } from './errors';
import { departmentProblem } from './identifiers';
import { JobFailure, type JobContext } from './job-runner';
import type { UploadRoute } from './uploads';

/** What an upload's query carries: the authority imported into and the import's yes/no options. */
export type ImportJobPayload<Flag extends string> = { authority: string } & Record<Flag, boolean>;

/**
 * The route of an import upload (`POST /uploads/<subgraph>/<name>?authority=30&dryRun=true…`): the authority must be one
 * the caller writes to and every option `true` or `false` (absent: false), checked before a byte of the body is read.
 */
export function importUploadRoute<Flag extends string>(kind: string, flags: readonly Flag[]): UploadRoute {
  return {
    kind,
    accept(identity, params) {
      const authority = (params.get('authority') ?? '').trim().toUpperCase();
      const problem = departmentProblem(authority);
      if (problem) throw BadInputError.field('authority', problem);
      assertCanWrite({ identity }, authority);
      const known = new Set<string>(['authority', ...flags]);
      const unknown = [...params.keys()].find((name) => !known.has(name));
      if (unknown) throw BadInputError.field(unknown, `is not an option of this import (options: ${flags.join(', ')})`);
      const payload: Record<string, unknown> = { authority };
      for (const flag of flags) {
        const value = params.get(flag) ?? 'false';
        if (value !== 'true' && value !== 'false') throw BadInputError.field(flag, 'must be true or false');
        payload[flag] = value === 'true';
      }
      return { authority, payload };
    },
  };
}

/** The request context an import job runs in: the starter's identity, the job's request id for the audit rows. */
export function importJobContext(job: Pick<JobContext, 'identity' | 'requestId'>): RequestContext<undefined> {
  return { identity: job.identity, requestId: job.requestId, loaders: undefined };
}

/**
 * The job's outcome from an import's report: the report as the result, or, when the file was refused (bad rows and
 * nothing written, not a dry run), `failed` with BAD_USER_INPUT and the report as the result, as the mutation would.
 */
export function importJobOutcome<Report extends { applied: boolean; dryRun: boolean; summary: string }>(report: Report): Report {
  if (!report.applied && !report.dryRun) throw new JobFailure('BAD_USER_INPUT', report.summary, report);
  return report;
}
