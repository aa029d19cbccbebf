// Commons produced by accepted applications: licence within the call's list, maintainers, links, milestones, reuses.
import { BadInputError, paginate, recordAudit, type Page, type PageArgs, type RequestContext, assertCanWrite } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Application, ApplicationStatus } from '../application/application.entity';
import { Call } from '../call/call.entity';
import { assertVersion, findOrFail, lockRow, referenced, writeVersioned } from '@ess/kit';
import { cleanText, merged, Problems } from '@ess/kit';
import { URL_RULE } from '../shared/validation';
import { Common, CommonMaintainer, CommonMilestone, CommonReuse, CommonStatus } from './common.entity';
import type { CommonFieldsInput, CommonFilter, CommonMilestoneInput, CreateCommonInput, ReuseInput, UpdateCommonInput } from './dto/common.input';

const SCHEMA = 'commons';
type CommonFields = Pick<Common, 'name' | 'description' | 'licence' | 'links' | 'status'>;

const commonValues = (c: Common, maintainers: string[], milestones: unknown[]) => ({
  applicationId: c.applicationId,
  name: c.name,
  description: c.description,
  licence: c.licence,
  links: c.links,
  status: c.status,
  maintainers,
  milestones,
  version: c.version,
});

function problemsOf(call: Call, values: CommonFields, input: CommonFieldsInput, maintainers: string[]): Problems {
  const problems = new Problems();
  problems.required('name', values.name);
  if (!call.acceptedLicences.includes(values.licence)) problems.add('licence', `must be one of the call's licences: ${call.acceptedLicences.join(', ')}`);
  values.links.forEach((link, i) => {
    if (!URL_RULE.test(link)) problems.add(`links.${i}`, 'must be an http(s) link');
  });
  if (!maintainers.length) problems.add('maintainerIds', 'a common has at least one maintaining structure');
  if (new Set(maintainers).size !== maintainers.length) problems.add('maintainerIds', 'lists an actor twice');
  input.milestones?.forEach((m, i) => {
    problems.date(`milestones.${i}.dueOn`, m.dueOn);
    problems.date(`milestones.${i}.doneOn`, m.doneOn);
  });
  return problems;
}

export class CommonService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: CommonFilter | null | undefined, page: PageArgs): Promise<Page<Common>> {
    const query = this.dataSource.getRepository(Common).createQueryBuilder('common');
    if (filter?.callId) query.andWhere('common.call_id = :callId', { callId: filter.callId });
    if (filter?.statuses?.length) query.andWhere('common.status IN (:...statuses)', { statuses: filter.statuses });
    return paginate(query, page, { expression: 'common.name', value: (c) => c.name, direction: 'ASC', id: 'common.id', idValue: (c) => c.id });
  }

  async create(context: RequestContext, input: CreateCommonInput): Promise<Common> {
    return this.dataSource.transaction(async (manager) => {
      const application = await referenced(manager, Application, input.applicationId, 'applicationId', 'an application');
      const call = await findOrFail(manager, Call, 'Call', application.callId);
      assertCanWrite(context, call.authorityCode);
      await lockRow(manager, Application, 'Application', application.id);
      if (application.status !== ApplicationStatus.ACCEPTED) throw BadInputError.field('applicationId', `only an accepted application produces a common; this one is ${application.status}`);
      const values = merged<CommonFields>({ name: '', description: null, licence: application.licence, links: [], status: CommonStatus.EMERGING }, this.changesOf(input));
      const maintainers = input.maintainerIds ?? [application.leadActorId];
      problemsOf(call, values, input, maintainers).throwIfAny();
      const result = await manager.insert(Common, { ...values, applicationId: application.id, callId: call.id });
      const id = (result.identifiers[0] as { id: string }).id;
      await this.writeMaintainers(manager, id, maintainers);
      const milestones = await this.writeMilestones(manager, id, input.milestones ?? []);
      const common = await manager.findOneByOrFail(Common, { id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Common', entityId: id, action: 'create', after: commonValues(common, maintainers, milestones) }]);
      return common;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateCommonInput): Promise<Common> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Common, 'Common', id);
      const call = await findOrFail(manager, Call, 'Call', before.callId);
      assertCanWrite(context, call.authorityCode);
      assertVersion('Common', before, version);
      const links = await this.linksOf(manager, id);
      const values = merged<CommonFields>(before, this.changesOf(input));
      const maintainers = input.maintainerIds ?? links.maintainers;
      problemsOf(call, values, input, maintainers).throwIfAny();
      if (input.maintainerIds) await this.writeMaintainers(manager, id, maintainers);
      const milestones = input.milestones ? await this.writeMilestones(manager, id, input.milestones) : links.milestones;
      const after = await writeVersioned(manager, Common, 'Common', id, version, { ...values });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Common', entityId: id, action: 'update', before: commonValues(before, links.maintainers, links.milestones), after: commonValues(after, maintainers, milestones) }]);
      return after;
    });
  }

  /** Records that another actor reuses the common (once per actor). */
  async recordReuse(context: RequestContext, commonId: string, version: number, input: ReuseInput): Promise<Common> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Common, 'Common', commonId);
      const call = await findOrFail(manager, Call, 'Call', before.callId);
      assertCanWrite(context, call.authorityCode);
      assertVersion('Common', before, version);
      const problems = new Problems();
      problems.date('since', input.since);
      problems.throwIfAny();
      const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM commons.common_reuse WHERE common_id = $1 AND actor_id = $2) AS exists', [commonId, input.actorId]);
      if (exists) throw BadInputError.field('actorId', 'already reuses this common');
      await manager.insert(CommonReuse, { commonId, actorId: input.actorId, description: cleanText(input.description) ?? null, since: input.since });
      const after = await writeVersioned(manager, Common, 'Common', commonId, version, {});
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Common', entityId: commonId, action: 'link', after: { reuse: { actorId: input.actorId, since: input.since, description: input.description ?? null } } }]);
      return after;
    });
  }

  private changesOf(input: CommonFieldsInput): Partial<Record<keyof CommonFields, unknown>> {
    return {
      name: input.name === undefined ? undefined : (cleanText(input.name) ?? null),
      description: cleanText(input.description),
      licence: input.licence,
      links: input.links?.map((l) => l.trim()),
      status: input.status,
    };
  }

  private async linksOf(manager: EntityManager, id: string): Promise<{ maintainers: string[]; milestones: unknown[] }> {
    const [{ maintainers, milestones }] = await manager.query(
      `SELECT ARRAY(SELECT actor_id::text FROM commons.common_maintainer WHERE common_id = $1 ORDER BY position) AS maintainers,
              coalesce((SELECT json_agg(json_build_object('title', title, 'dueOn', due_on::text, 'doneOn', done_on::text) ORDER BY due_on, title) FROM commons.common_milestone WHERE common_id = $1), '[]'::json) AS milestones`,
      [id],
    );
    return { maintainers, milestones };
  }

  private async writeMaintainers(manager: EntityManager, id: string, maintainers: string[]): Promise<void> {
    await manager.query('DELETE FROM commons.common_maintainer WHERE common_id = $1', [id]);
    await manager.insert(CommonMaintainer, maintainers.map((actorId, i) => ({ commonId: id, actorId, position: i + 1 })));
  }

  private async writeMilestones(manager: EntityManager, id: string, milestones: CommonMilestoneInput[]) {
    await manager.query('DELETE FROM commons.common_milestone WHERE common_id = $1', [id]);
    const rows = milestones.map((m) => ({ title: m.title.trim(), dueOn: m.dueOn, doneOn: m.doneOn ?? null })).sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    if (rows.length) await manager.insert(CommonMilestone, rows.map((m) => ({ commonId: id, ...m })));
    return rows;
  }
}
