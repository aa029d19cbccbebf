// The jobs in the graph: one shareable Job type for every subgraph, and per-subgraph root fields (<name>Job, <name>Jobs,
// cancel<Name>Job) since a job id is only known to the subgraph whose schema holds it.
import { GraphQLJSON } from 'graphql-scalars';
import {
  Arg,
  ArgsType,
  Args,
  Authorized,
  Ctx,
  Directive,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
  type ClassType,
} from 'type-graphql';
import { Role } from './auth';
import type { RequestContext } from './context';
import { BadInputError } from './errors';
import { describeIdentity } from './identity';
import {
  canSeeJob,
  JOB_STATUSES,
  JOB_VIEW_COLUMNS,
  jobViewFromRow,
  type JobQueue,
  type JobRow,
  type JobStatus,
  type JobView,
} from './jobs';
import { ConnectionType, DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, MAX_PAGE_SIZE, type Page } from './pagination';

export enum JobStatusValue {
  queued = 'queued',
  running = 'running',
  succeeded = 'succeeded',
  failed = 'failed',
  cancelled = 'cancelled',
}
registerEnumType(JobStatusValue, { name: 'JobStatus', description: 'Where a background job stands.' });

@ObjectType('JobProgress', { description: 'How far a job has gone: done out of total (unknown while counting), in a named phase.' })
@Directive('@shareable')
export class JobProgressType {
  @Field(() => Number)
  done: number;

  @Field(() => Number, { nullable: true })
  total: number | null;

  @Field(() => String, { nullable: true, description: 'e.g. reading, checking, writing.' })
  phase: string | null;
}

@ObjectType('JobError', { description: 'Why a job failed: a code the UI can branch on and a message (never a stack).' })
@Directive('@shareable')
export class JobErrorType {
  @Field()
  code: string;

  @Field()
  message: string;
}

@ObjectType('Job', { description: 'Long work (an import, a feed pull) run in the background; follow it until it is finished.' })
@Directive('@shareable')
export class JobType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'What the job does, e.g. sirene-import, ess-feed-pull.' })
  kind: string;

  @Field(() => JobStatusValue)
  status: JobStatus;

  @Field(() => JobProgressType)
  progress: JobProgressType;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'What the job answered, e.g. the import report (also when it failed with refused rows).',
  })
  result: unknown;

  @Field(() => JobErrorType, { nullable: true })
  error: JobErrorType | null;

  @Field({ description: 'Who started it: staff:<user id>, key:<key id>, or system.' })
  startedBy: string;

  @Field(() => String, { nullable: true, description: 'The authority it works for; null for the platform’s own jobs.' })
  authority: string | null;

  @Field(() => Int)
  attempts: number;

  @Field(() => Number, { nullable: true, description: 'Size of the uploaded file it processes, in bytes.' })
  uploadBytes: number | null;

  @Field({ description: 'Cancellation was asked and the job has not stopped yet.' })
  cancelRequested: boolean;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field()
  updatedAt: Date;

  static of(job: JobView): JobType {
    return Object.assign(new JobType(), {
      id: job.id,
      kind: job.kind,
      status: job.status,
      progress: Object.assign(new JobProgressType(), job.progress),
      result: job.result,
      error: job.error ? Object.assign(new JobErrorType(), job.error) : null,
      startedBy: job.startedBy,
      authority: job.authority,
      attempts: job.attempts,
      uploadBytes: job.uploadBytes,
      cancelRequested: job.cancelRequested && (job.status === 'queued' || job.status === 'running'),
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      updatedAt: job.updatedAt,
    });
  }
}

export const JobConnection = ConnectionType(JobType, 'Job', { shareable: true });
export type JobConnection = InstanceType<typeof JobConnection>;

@ArgsType()
export class JobsArgs {
  @Field(() => Int, { nullable: true, description: `Page size (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last job already seen.' })
  after?: string | null;

  @Field(() => String, { nullable: true })
  kind?: string | null;

  @Field(() => JobStatusValue, { nullable: true })
  status?: JobStatus | null;
}

/** The caller's jobs and their authorities' jobs, newest first, a keyset page at a time. */
export async function listJobs(queue: JobQueue, context: Pick<RequestContext, 'identity'>, args: JobsArgs): Promise<Page<JobView>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE)
    throw BadInputError.field('first', `must be a whole number from 0 to ${MAX_PAGE_SIZE}`);
  if (args.status && !(JOB_STATUSES as readonly string[]).includes(args.status)) throw BadInputError.field('status', 'is not a job status');
  const { identity } = context;
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (identity.kind !== 'system') {
    const authorities = identity.kind === 'staff' ? identity.authorities : [];
    where.push(`(authority = ANY(${param(authorities)}::text[]) OR started_by = ${param(describeIdentity(identity))})`);
  }
  if (args.kind) where.push(`kind = ${param(args.kind)}`);
  if (args.status) where.push(`status = ${param(args.status)}`);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const countParams = [...params];
  let pageFilter = filter;
  if (args.after) {
    const [at, id] = decodeCursor(args.after, 'after');
    if (Number.isNaN(Date.parse(String(at))) || !/^[0-9a-f-]{36}$/.test(String(id))) decodeCursor('', 'after');
    pageFilter = `${filter ? `${filter} AND` : 'WHERE'} (created_at, id) < (${param(at)}::timestamptz, ${param(id)}::uuid)`;
  }
  const rows: JobRow[] =
    first === 0
      ? []
      : await queue.dataSource.query(
          `SELECT ${JOB_VIEW_COLUMNS} FROM ${queue.table} ${pageFilter} ORDER BY created_at DESC, id DESC LIMIT ${param(first + 1)}`,
          params,
        );
  const jobs = rows.slice(0, first).map((row) => jobViewFromRow(row));
  const edges = jobs.map((job) => ({ node: job, cursor: encodeCursor([job.createdAt.toISOString(), job.id]) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () => {
      const [{ count }] = await queue.dataSource.query(`SELECT count(*)::int AS count FROM ${queue.table} ${filter}`, countParams);
      return count;
    },
  };
}

const resolvers = new Map<string, ClassType<object>>();

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The resolver a subgraph mounts for its jobs: `<subgraph>Job(id)`, `<subgraph>Jobs(...)` and `cancel<Subgraph>Job(id)`.
 * Usage: `const JobResolver = jobResolver('actors')`, then `resolvers: [..., JobResolver]` and
 * `resolverInstances: [..., new JobResolver(new JobQueue(dataSource, 'actors'))]`.
 */
export function jobResolver(subgraph: string): new (queue: JobQueue) => object {
  const known = resolvers.get(subgraph);
  if (known) return known as new (queue: JobQueue) => object;

  @Resolver()
  class SubgraphJobResolver {
    constructor(private readonly queue: JobQueue) {}

    @Authorized(Role.Staff)
    @Query(() => JobType, {
      name: `${subgraph}Job`,
      nullable: true,
      description: `A background job of the ${subgraph} service (staff of its authority and its starter).`,
    })
    async job(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<JobType | null> {
      // Another authority's job answers null, as a missing one does: its existence is not revealed.
      const job = await this.queue.view(id);
      return job && canSeeJob(context.identity, job) ? JobType.of(job) : null;
    }

    @Authorized(Role.Staff)
    // Nullable, as every root query: one subgraph's outage must not null the whole answer.
    @Query(() => JobConnection, {
      name: `${subgraph}Jobs`,
      nullable: true,
      description: `Background jobs of the ${subgraph} service: yours and your authorities’, newest first.`,
    })
    async jobs(@Ctx() context: RequestContext, @Args(() => JobsArgs) args: JobsArgs): Promise<JobConnection> {
      const page = await listJobs(this.queue, context, args);
      return JobConnection.from({ ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: JobType.of(edge.node) })) });
    }

    @Authorized(Role.Staff)
    @Mutation(() => JobType, {
      name: `cancel${capitalized(subgraph)}Job`,
      description: 'Cancels a queued job, or asks a running one to stop (it rolls back); its starter or an admin of its authority.',
    })
    async cancel(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<JobType> {
      return JobType.of(await this.queue.cancel(context.identity, id));
    }
  }
  Object.defineProperty(SubgraphJobResolver, 'name', { value: `${capitalized(subgraph)}JobResolver` });
  resolvers.set(subgraph, SubgraphJobResolver);
  return SubgraphJobResolver;
}
