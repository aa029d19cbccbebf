// Workshops and needs of a call: written while the call is being prepared (draft or co-construction), by staff of
// its authority; each mutation is one transaction with its audit record.
import { BadInputError, recordAudit, type RequestContext, assertCanWrite } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Call, CallStatus } from '../call/call.entity';
import { assertVersion, findOrFail, lockRow, referenced, writeVersioned } from '@ess/kit';
import { cleanText, communeProblem, merged, Problems } from '@ess/kit';
import type { CreateNeedInput, CreateWorkshopInput, UpdateNeedInput, UpdateWorkshopInput } from './dto/workshop.input';
import { Need, Workshop, WorkshopParticipant } from './workshop.entity';

const SCHEMA = 'commons';
const PREPARING = [CallStatus.DRAFT, CallStatus.CO_CONSTRUCTION];

function assertPreparing(call: Call, field: string, what: string): void {
  if (!PREPARING.includes(call.status)) throw BadInputError.field(field, `${what} are co-defined before the call opens; this call is ${call.status}`);
}

type WorkshopFields = Pick<Workshop, 'title' | 'heldOn' | 'place' | 'facilitator' | 'minutes'>;
type NeedFields = Pick<Need, 'description' | 'challengeId' | 'workshopId' | 'territoryKind' | 'communeCode' | 'epciCode'>;

const workshopValues = (w: Workshop, participants: string[]) => ({ callId: w.callId, title: w.title, heldOn: w.heldOn, place: w.place, facilitator: w.facilitator, minutes: w.minutes, participants, version: w.version });
const needValues = (n: Need) => ({ callId: n.callId, description: n.description, challengeId: n.challengeId, workshopId: n.workshopId, territoryKind: n.territoryKind, communeCode: n.communeCode, epciCode: n.epciCode, version: n.version });

export class WorkshopService {
  constructor(private readonly dataSource: DataSource) {}

  async createWorkshop(context: RequestContext, input: CreateWorkshopInput): Promise<Workshop> {
    return this.dataSource.transaction(async (manager) => {
      const call = await referenced(manager, Call, input.callId, 'callId', 'a call');
      assertCanWrite(context, call.authorityCode);
      await lockRow(manager, Call, 'Call', call.id);
      assertPreparing(call, 'callId', 'workshops');
      const values: WorkshopFields = { title: input.title.trim(), heldOn: input.heldOn, place: cleanText(input.place) ?? null, facilitator: cleanText(input.facilitator) ?? null, minutes: cleanText(input.minutes) ?? null };
      this.problems(values, input.participantIds).throwIfAny();
      const result = await manager.insert(Workshop, { ...values, callId: call.id });
      const id = (result.identifiers[0] as { id: string }).id;
      const participants = input.participantIds ?? [];
      await this.writeParticipants(manager, id, participants);
      const workshop = await manager.findOneByOrFail(Workshop, { id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Workshop', entityId: id, action: 'create', after: workshopValues(workshop, participants) }]);
      return workshop;
    });
  }

  async updateWorkshop(context: RequestContext, id: string, version: number, input: UpdateWorkshopInput): Promise<Workshop> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Workshop, 'Workshop', id);
      const call = await findOrFail(manager, Call, 'Call', before.callId);
      assertCanWrite(context, call.authorityCode);
      assertVersion('Workshop', before, version);
      const values = merged<WorkshopFields>(before, {
        title: input.title === undefined ? undefined : (cleanText(input.title) ?? null),
        heldOn: input.heldOn,
        place: cleanText(input.place),
        facilitator: cleanText(input.facilitator),
        minutes: cleanText(input.minutes),
      });
      this.problems(values, input.participantIds).throwIfAny();
      const participantsBefore = await this.participantsOf(manager, id);
      const participants = input.participantIds ?? participantsBefore;
      if (input.participantIds) await this.writeParticipants(manager, id, participants);
      const after = await writeVersioned(manager, Workshop, 'Workshop', id, version, { ...values });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Workshop', entityId: id, action: 'update', before: workshopValues(before, participantsBefore), after: workshopValues(after, participants) }]);
      return after;
    });
  }

  async createNeed(context: RequestContext, input: CreateNeedInput): Promise<Need> {
    return this.dataSource.transaction(async (manager) => {
      const call = await referenced(manager, Call, input.callId, 'callId', 'a call');
      assertCanWrite(context, call.authorityCode);
      await lockRow(manager, Call, 'Call', call.id);
      assertPreparing(call, 'callId', 'needs');
      const values: NeedFields = {
        description: input.description.trim(),
        challengeId: input.challengeId,
        workshopId: input.workshopId ?? null,
        territoryKind: input.territoryKind,
        communeCode: input.communeCode ?? null,
        epciCode: input.epciCode ?? null,
      };
      await this.checkNeed(manager, call, values);
      const result = await manager.insert(Need, { ...values, callId: call.id });
      const need = await manager.findOneByOrFail(Need, { id: (result.identifiers[0] as { id: string }).id });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Need', entityId: need.id, action: 'create', after: needValues(need) }]);
      return need;
    });
  }

  async updateNeed(context: RequestContext, id: string, version: number, input: UpdateNeedInput): Promise<Need> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockRow(manager, Need, 'Need', id);
      const call = await findOrFail(manager, Call, 'Call', before.callId);
      assertCanWrite(context, call.authorityCode);
      assertVersion('Need', before, version);
      const values = merged<NeedFields>(before, {
        description: input.description === undefined ? undefined : (cleanText(input.description) ?? null),
        challengeId: input.challengeId,
        workshopId: input.workshopId,
        territoryKind: input.territoryKind,
        communeCode: input.communeCode,
        epciCode: input.epciCode,
      });
      await this.checkNeed(manager, call, values);
      const after = await writeVersioned(manager, Need, 'Need', id, version, { ...values });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Need', entityId: id, action: 'update', before: needValues(before), after: needValues(after) }]);
      return after;
    });
  }

  private problems(values: WorkshopFields, participants: string[] | undefined): Problems {
    const problems = new Problems();
    problems.required('title', values.title);
    problems.date('heldOn', values.heldOn);
    if (participants && new Set(participants).size !== participants.length) problems.add('participantIds', 'lists an actor twice');
    return problems;
  }

  /** The challenge and the workshop of a need are its call's own; its commune is one of the call's département. */
  private async checkNeed(manager: EntityManager, call: Pick<Call, 'id' | 'authorityCode'>, values: NeedFields): Promise<void> {
    const callId = call.id;
    const problems = new Problems();
    problems.required('description', values.description);
    const commune = values.communeCode ? communeProblem(values.communeCode, call.authorityCode) : null;
    if (commune) problems.add('communeCode', commune);
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM commons.challenge WHERE id = $2 AND call_id = $1) AS challenge,
              ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM commons.workshop WHERE id = $3 AND call_id = $1)) AS workshop`,
      [callId, values.challengeId, values.workshopId],
    );
    if (!row.challenge) problems.add('challengeId', 'is not a challenge of this call');
    if (!row.workshop) problems.add('workshopId', 'is not a workshop of this call');
    problems.throwIfAny();
  }

  private async participantsOf(manager: EntityManager, id: string): Promise<string[]> {
    const rows: Array<{ actor_id: string }> = await manager.query('SELECT actor_id::text FROM commons.workshop_participant WHERE workshop_id = $1 ORDER BY position', [id]);
    return rows.map((r) => r.actor_id);
  }

  private async writeParticipants(manager: EntityManager, id: string, participants: string[]): Promise<void> {
    await manager.query('DELETE FROM commons.workshop_participant WHERE workshop_id = $1', [id]);
    if (participants.length) await manager.insert(WorkshopParticipant, participants.map((actorId, i) => ({ workshopId: id, actorId, position: i + 1 })));
  }
}
