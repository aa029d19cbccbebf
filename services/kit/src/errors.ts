// The errors a client may see, each with a code the UI can branch on; everything else is masked.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  /** The database (or another dependency) is unreachable: the same request may succeed later (`retryable: true`). */
  Unavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  /** Path of the field inside the input, e.g. `siret` or `rows.3.siret`. */
  field: string;
  message: string;
}

/** Base class for the domain errors of every subgraph. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'AppError';
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export class BadInputError extends AppError {
  constructor(readonly problems: FieldProblem[]) {
    super(ErrorCode.BadUserInput, problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
      field: problems[0]?.field,
      fields: problems,
    });
  }

  static field(field: string, message: string): BadInputError {
    return new BadInputError([{ field, message }]);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NotFound, `${entity} ${id} not found`, { entity, id });
  }
}

export class ConflictError extends AppError {
  constructor(entity: string, id: string, currentVersion?: number) {
    super(ErrorCode.Conflict, `${entity} ${id} was changed by someone else; reload it and try again`, {
      entity,
      id,
      currentVersion,
    });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.Forbidden, message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in or use an API key') {
    super(ErrorCode.Unauthenticated, message);
  }
}

const PUBLIC_CODES = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.NotFound,
  ErrorCode.Conflict,
  ErrorCode.Forbidden,
  ErrorCode.Unauthenticated,
  ErrorCode.Unavailable,
  // Raised by graphql-js/Apollo for malformed operations: safe and useful to callers.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function flattenValidation(errors: ValidationErrorLike[], prefix: string, out: FieldProblem[]): FieldProblem[] {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) flattenValidation(error.children, field, out);
  }
  return out;
}

interface DatabaseErrorLike {
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
  message?: string;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `actor_name_check` on table `actor` names the field `name`; other constraint names are given as they are. */
function checkedField(db: DatabaseErrorLike): string {
  const match = db.table && db.constraint ? new RegExp(`^${db.table}_(\\w+?)_check\\d*$`).exec(db.constraint) : null;
  return match ? camel(match[1]) : (db.constraint ?? 'input');
}

/** The PostgreSQL error behind a TypeORM QueryFailedError (or the pg error itself), if any. */
function databaseError(error: unknown): DatabaseErrorLike | undefined {
  const candidate = (error as { driverError?: unknown })?.driverError ?? error;
  if (!candidate || typeof candidate !== 'object') return undefined;
  return candidate as DatabaseErrorLike;
}

// Connection-level failures of node-postgres and the pool (no SQLSTATE, or class 08 / 57P / 53300).
const CONNECTION_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE|08\w{3}|57P0[1-3]|53300)$/;
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|is not currently accepting connections|connect ECONNREFUSED/i;

/**
 * What a database error means for the caller, when it is not a bug: the safety net behind the kit's argument checks
 * (input-checks.ts) and the services' own. A constraint the input broke is the caller's mistake, named by its column
 * (or constraint); an unreachable database is retryable. Statements run in transactions, so nothing was written.
 */
export function classifyDatabaseError(error: unknown): AppError | undefined {
  const db = databaseError(error);
  if (!db) return undefined;
  const code = db.code ?? '';
  if (CONNECTION_CODES.test(code) || CONNECTION_MESSAGES.test(db.message ?? '')) {
    return new AppError(ErrorCode.Unavailable, 'The database did not answer; try again shortly', { retryable: true });
  }
  switch (code) {
    case '23502': // not_null_violation: an explicit null for a field that has a value (docs/decisions.md)
      return BadInputError.field(db.column ? camel(db.column) : 'input', 'must not be null');
    case '23514': // check_violation, e.g. a name made only of spaces
    case '23P01':
      return BadInputError.field(checkedField(db), 'is not an acceptable value');
    case '23503':
      return BadInputError.field(db.constraint ?? 'input', 'refers to a record that does not exist');
    case '22001':
      return BadInputError.field('input', 'a value is too long');
    case '22003':
      return BadInputError.field('input', 'a number is out of range');
    case '22P02': // invalid_text_representation
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22021': // character_not_in_repertoire (NUL)
    case '22P05': // untranslatable_character (jsonb \u0000)
    case '2202E': // array_subscript_error
    case '22023': // invalid_parameter_value
      return BadInputError.field('input', 'a value cannot be stored');
    case '54000': // program_limit_exceeded (e.g. too many bind parameters, index row too large)
    case '54001':
      return BadInputError.field('input', 'the request is too large; send fewer items');
    default:
      return undefined;
  }
}

/** Whether the client may see this error as it is (a domain error, an input error, a malformed operation). */
export function isExposedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return true;
  if (original instanceof Error && classifyDatabaseError(original)?.code === ErrorCode.BadUserInput) return true;
  if (Array.isArray((original as { extensions?: { validationErrors?: unknown } } | undefined)?.extensions?.validationErrors)) return true;
  if (original instanceof GraphQLError && !original.originalError) {
    const code = original.extensions?.code as string | undefined;
    return code === undefined || PUBLIC_CODES.has(code);
  }
  return false;
}

/**
 * Maps an error raised while executing to what the client sees: domain errors and class-validator
 * failures keep their code and field; anything else is logged with the request id and masked.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (message: string, error: unknown) => void = (message, err) => console.error(message, err),
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code as string | undefined;
  if (original instanceof AppError) {
    // `http` sets the status of errors raised before execution; it is not for the caller.
    const { http: _http, ...extensions } = original.extensions;
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions };
  }
  // type-graphql's ArgumentValidationError carries class-validator errors.
  const validationErrors = (original as { extensions?: { validationErrors?: ValidationErrorLike[] } } | undefined)?.extensions?.validationErrors;
  if (Array.isArray(validationErrors)) {
    const argName = (original as { argumentName?: string }).argumentName;
    const problems = flattenValidation(validationErrors, '', []);
    const bad = new BadInputError(problems.map((p) => ({ ...p, field: argName && argName !== 'input' ? `${argName}.${p.field}` : p.field })));
    return { message: bad.message, path: formatted.path, locations: formatted.locations, extensions: { ...bad.extensions } };
  }
  if (code && PUBLIC_CODES.has(code) && !(original instanceof Error && !(original instanceof GraphQLError))) {
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code } };
  }
  const classified = original instanceof Error ? classifyDatabaseError(original) : undefined;
  if (classified) {
    log(`Database error answered ${classified.code}`, original);
    return { message: classified.message, path: formatted.path, locations: formatted.locations, extensions: { ...classified.extensions } };
  }
  const requestId = (formatted.extensions?.requestId as string | undefined) ?? undefined;
  log(`Unexpected error${requestId ? ` (request ${requestId})` : ''}`, original ?? error);
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.Internal },
  };
}
