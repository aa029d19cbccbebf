// Authorities and plan kinds: reference data, edited by admins and audited like every record.
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, paginate, recordAudit, type Identity, type Page, type PageArgs, type RequestContext } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { compactIdentifier, Problems, siretProblem } from '@ess/kit';
import { Authority, authorityValues, PlanKind, planKindValues } from './authority.entity';
import type { CreateAuthorityInput, CreatePlanKindInput, UpdateAuthorityInput, UpdatePlanKindInput } from './dto/authority.input';

const SCHEMA = 'plans';

/** An authority's own admins (and the platform) manage its record. */
function assertAdminOf(identity: Identity, code: string): void {
  if (identity.kind === 'system') return;
  if (identity.kind === 'staff' && identity.role === 'admin' && identity.authorities.includes(code)) return;
  throw new ForbiddenError(`Only admins of authority ${code} can change it`);
}

function cleanSiret(problems: Problems, siret: string | null | undefined): string | null | undefined {
  if (siret == null) return siret;
  const value = compactIdentifier(siret);
  const problem = siretProblem(value);
  if (problem) problems.add('siret', problem);
  return value;
}

export class AuthorityService {
  constructor(private readonly dataSource: DataSource) {}

  list(page: PageArgs): Promise<Page<Authority>> {
    const query = this.dataSource.getRepository(Authority).createQueryBuilder('authority');
    return paginate(query, page, { expression: 'authority.code', value: (a) => a.code, direction: 'ASC', id: 'authority.code', idValue: (a) => a.code });
  }

  listKinds(page: PageArgs): Promise<Page<PlanKind>> {
    const query = this.dataSource.getRepository(PlanKind).createQueryBuilder('kind');
    return paginate(query, page, { expression: 'kind.label', value: (k) => k.label, direction: 'ASC', id: 'kind.code', idValue: (k) => k.code });
  }

  async create(context: RequestContext, input: CreateAuthorityInput): Promise<Authority> {
    assertAdminOf(context.identity, input.code);
    const problems = new Problems();
    problems.required('name', input.name);
    problems.required('officialName', input.officialName);
    const siret = cleanSiret(problems, input.siret);
    problems.throwIfAny();
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Authority, { code: input.code })) throw BadInputError.field('code', `authority ${input.code} already exists`);
      await manager.insert(Authority, { code: input.code, name: input.name.trim(), officialName: input.officialName.trim(), siret: siret ?? null });
      const created = await manager.findOneByOrFail(Authority, { code: input.code });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Authority', entityId: created.code, action: 'create', after: authorityValues(created) }]);
      return created;
    });
  }

  async update(context: RequestContext, code: string, version: number, input: UpdateAuthorityInput): Promise<Authority> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockAuthority(manager, code);
      assertAdminOf(context.identity, code);
      if (before.version !== version) throw new ConflictError('Authority', code, before.version);
      const problems = new Problems();
      if (input.name !== undefined) problems.required('name', input.name);
      if (input.officialName !== undefined) problems.required('officialName', input.officialName);
      const siret = cleanSiret(problems, input.siret);
      problems.throwIfAny();
      const changes: Partial<Authority> = {};
      if (input.name != null) changes.name = input.name.trim();
      if (input.officialName != null) changes.officialName = input.officialName.trim();
      if (siret !== undefined) changes.siret = siret;
      const result = await manager
        .createQueryBuilder()
        .update(Authority)
        .set({ ...changes, version: () => 'version + 1' })
        .where('code = :code AND version = :version', { code, version })
        .execute();
      if (!result.affected) throw new ConflictError('Authority', code);
      const after = await manager.findOneByOrFail(Authority, { code });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Authority', entityId: code, action: 'update', before: authorityValues(before), after: authorityValues(after) }]);
      return after;
    });
  }

  async createKind(context: RequestContext, input: CreatePlanKindInput): Promise<PlanKind> {
    const problems = new Problems();
    problems.required('label', input.label);
    problems.throwIfAny();
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(PlanKind, { code: input.code })) throw BadInputError.field('code', `plan kind ${input.code} already exists`);
      await manager.insert(PlanKind, { code: input.code, label: input.label.trim() });
      const created = await manager.findOneByOrFail(PlanKind, { code: input.code });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'PlanKind', entityId: created.code, action: 'create', after: planKindValues(created) }]);
      return created;
    });
  }

  async updateKind(context: RequestContext, code: string, version: number, input: UpdatePlanKindInput): Promise<PlanKind> {
    const problems = new Problems();
    problems.required('label', input.label);
    problems.throwIfAny();
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.getRepository(PlanKind).createQueryBuilder('k').setLock('pessimistic_write').where('k.code = :code', { code }).getOne();
      if (!before) throw new NotFoundError('PlanKind', code);
      if (before.version !== version) throw new ConflictError('PlanKind', code, before.version);
      const result = await manager
        .createQueryBuilder()
        .update(PlanKind)
        .set({ label: input.label.trim(), version: () => 'version + 1' })
        .where('code = :code AND version = :version', { code, version })
        .execute();
      if (!result.affected) throw new ConflictError('PlanKind', code);
      const after = await manager.findOneByOrFail(PlanKind, { code });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'PlanKind', entityId: code, action: 'update', before: planKindValues(before), after: planKindValues(after) }]);
      return after;
    });
  }

  private async lockAuthority(manager: EntityManager, code: string): Promise<Authority> {
    const row = await manager.getRepository(Authority).createQueryBuilder('a').setLock('pessimistic_write').where('a.code = :code', { code }).getOne();
    if (!row) throw new NotFoundError('Authority', code);
    return row;
  }
}
