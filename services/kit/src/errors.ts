// The errors a client may see, each with a code the UI can branch on; everything else is masked.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
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

/** Whether the client may see this error as it is (a domain error, an input error, a malformed operation). */
export function isExposedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return true;
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
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { ...original.extensions } };
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
  const requestId = (formatted.extensions?.requestId as string | undefined) ?? undefined;
  log(`Unexpected error${requestId ? ` (request ${requestId})` : ''}`, original ?? error);
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.Internal },
  };
}
