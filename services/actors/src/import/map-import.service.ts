// Imports an ESS map exported from GoGoCarto (Carteco and other networks' maps): elements matched to registry actors by
// SIRET, else proposed by name and commune for a person to confirm; the map's id kept for the next import (which updates,
// never duplicates); coordinates, sectors from the categories (labels kept), email and phone as contacts (personal data).
import {
  assertCanWrite,
  BadInputError,
  canWrite,
  compactIdentifier,
  departmentProblem,
  postalCodeProblem,
  recordAudit,
  siretProblem,
  unstorableText,
  type AuditEntry,
  type RequestContext,
} from '@ess/kit';
import { isEmail } from 'class-validator';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Actor } from '../actor/actor.entity';
import { applyActorChanges, valuesOf, type ActorChanges, type ActorValues } from '../actor/actor.rules';
import { Contact } from '../contact/contact.entity';
import { EssStatus } from '../identifiers/codes';
import { fold, sectorsOfLabel } from './map-sectors';
import {
  MapDecisionAction,
  MapImportOutcome,
  type MapImportDecision,
  type MapImportElement,
  type MapImportProblem,
  type MapImportReport,
  type MapMatchCandidate,
} from './map-import.types';

export const MAX_MAP_ELEMENTS = 20_000;
const SOURCE_RULE = /^[a-z0-9][a-z0-9._-]{0,59}$/;
const PHONE_RULE = /^\+?[0-9][0-9 .()-]{5,19}$/;
const CHUNK = 500;
/** Names compared on their words, without these (articles, legal forms). */
const STOP_WORDS = new Set([
  'le',
  'la',
  'les',
  'l',
  'de',
  'du',
  'des',
  'd',
  'et',
  'a',
  'au',
  'aux',
  'en',
  'association',
  'asso',
  'scop',
  'scic',
  'sarl',
  'sas',
]);
const CONTACT_ROLE = 'Contact publié sur la carte';

/** One element of the map as the import reads it. */
export interface MapElement {
  index: number;
  sourceId: string;
  name: string;
  siret: string | null;
  street: string | null;
  postalCode: string | null;
  communeName: string | null;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  description: string | null;
  categories: string[];
  sectors: string[];
  /** Day by day as the map lists them (kept as a list: a JSON object's key order is not kept by jsonb). */
  openHours: Array<{ day: string; hours: string }> | null;
  email: string | null;
  phone: string | null;
}

type Raw = Record<string, unknown>;

const text = (value: unknown): string | null => {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.replace(/\s+/g, ' ').trim() : null;
};

function coordinate(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(',', '.')) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The list of elements of a GoGoCarto export: the API's `{ data: [...] }`, or a bare array. */
export function mapElementsOf(json: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw BadInputError.field('json', `is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : ((parsed as Raw | null)?.data ?? (parsed as Raw | null)?.elements);
  if (!Array.isArray(list)) throw BadInputError.field('json', 'must be a GoGoCarto export: { "data": [elements] } or an array of elements');
  if (list.length === 0) throw BadInputError.field('json', 'has no elements');
  if (list.length > MAX_MAP_ELEMENTS)
    throw BadInputError.field('json', `has ${list.length} elements; import at most ${MAX_MAP_ELEMENTS} at a time`);
  return list;
}

/** The first text of an element (values and keys, at any depth) that the database could not store, with its path. */
function unstorableIn(value: unknown, path = ''): { path: string; message: string } | null {
  if (typeof value === 'string') {
    const message = unstorableText(value);
    return message ? { path: path || 'element', message } : null;
  }
  if (!value || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const found = unstorableText(key) ? { path: at, message: unstorableText(key) as string } : unstorableIn(inner, at);
    if (found) return found;
  }
  return null;
}

/** One element read into registry values; each problem names the element's attribute (GoGoCarto's names). */
export function readMapElement(raw: unknown, index: number, problems: MapImportProblem[]): MapElement | null {
  const sourceId = text((raw as Raw | null)?.id);
  const at = (field: string | null, message: string) => problems.push({ index, sourceId, field, message });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    at(null, 'is not an element (an object with id, name, geo, address…)');
    return null;
  }
  const element = raw as Raw;
  const before = problems.length;
  const unstorable = unstorableIn(element);
  if (unstorable) at(unstorable.path, unstorable.message);
  if (!sourceId) at('id', 'is required: it is how the next import finds the element again');
  else if (sourceId.length > 200) at('id', 'must be at most 200 characters');
  const name = text(element.name) ?? text(element.title);
  if (!name) at('name', 'is required');

  const geo = (element.geo ?? {}) as Raw;
  const latitude = coordinate(geo.latitude ?? element.latitude ?? element.lat);
  const longitude = coordinate(geo.longitude ?? element.longitude ?? element.lng ?? element.long);
  if (latitude === undefined || (latitude !== null && (latitude < -90 || latitude > 90)))
    at('geo.latitude', 'must be a latitude from -90 to 90');
  if (longitude === undefined || (longitude !== null && (longitude < -180 || longitude > 180)))
    at('geo.longitude', 'must be a longitude from -180 to 180');
  if ((latitude === null) !== (longitude === null)) at('geo', 'latitude and longitude go together');

  const address = (element.address ?? {}) as Raw;
  const postalCode = text(address.postalCode);
  if (postalCode && postalCodeProblem(postalCode)) at('address.postalCode', postalCodeProblem(postalCode) as string);
  // customFormatedAddress (GoGoCarto's spelling) is the whole address as typed; it stands for the street when that is missing.
  const street = text(address.streetAddress) ?? text(address.customFormatedAddress);

  const contact = (element.contact ?? {}) as Raw;
  const email = (text(element.email) ?? text(contact.email))?.toLowerCase() ?? null;
  if (email && (!isEmail(email) || email.length > 254)) at('email', 'must be an email address');
  const phone = text(element.telephone) ?? text(contact.telephone) ?? text(element.phone);
  if (phone && !PHONE_RULE.test(phone)) at('telephone', 'must be a phone number like 04 66 76 76 76 or +33 4 66 76 76 76');
  const website = text(element.website) ?? text(contact.website);

  // gogofull exports names in `categories`; compact ones give ids, named in `categoriesFull`.
  const full = new Map(
    (Array.isArray(element.categoriesFull) ? element.categoriesFull : []).flatMap((c) => {
      const id = text((c as Raw)?.id);
      const label = text((c as Raw)?.name);
      return id && label ? [[id, label] as const] : [];
    }),
  );
  const rawCategories = element.categories ?? element.taxonomy ?? [];
  if (!Array.isArray(rawCategories)) at('categories', 'must be a list of category names');
  // A category is a name, an id named in categoriesFull, or an object with a name; anything else is reported, not dropped.
  const labels = (Array.isArray(rawCategories) ? rawCategories : []).map((c) =>
    c && typeof c === 'object' ? text((c as Raw).name) : text(c),
  );
  if (labels.some((label) => !label)) at('categories', 'must be category names (or ids named in categoriesFull)');
  const categories = [...new Set(labels.filter((c): c is string => Boolean(c)).map((c) => full.get(c) ?? c))];
  const sectors = [...new Set(categories.flatMap(sectorsOfLabel))];

  let openHours: Array<{ day: string; hours: string }> | null = null;
  if (element.openHours !== undefined && element.openHours !== null && element.openHours !== '') {
    const entries =
      typeof element.openHours === 'object' && !Array.isArray(element.openHours) ? Object.entries(element.openHours as Raw) : null;
    if (!entries || entries.some(([, v]) => typeof v !== 'string')) at('openHours', 'must map days to hours, like { "Mo": "09:00-12:00" }');
    else openHours = (entries as Array<[string, string]>).map(([day, hours]) => ({ day, hours: hours.trim() }));
  }

  const siretText = text(element.siret) ?? text(element.SIRET);
  const siret = siretText ? compactIdentifier(siretText) : null;
  if (siret && siretProblem(siret)) at('siret', siretProblem(siret) as string);

  if (problems.length > before) return null;
  return {
    index,
    sourceId: sourceId as string,
    name: name as string,
    siret,
    street,
    postalCode,
    communeName: text(address.addressLocality),
    latitude: latitude ?? null,
    longitude: longitude ?? null,
    website,
    description: text(element.description),
    categories,
    sectors,
    openHours,
    email,
    phone,
  };
}

function words(name: string): Set<string> {
  return new Set(
    fold(name)
      .split(' ')
      .filter((w) => w && !STOP_WORDS.has(w)),
  );
}

/** Likeness of two names from 0 to 1: the share of their words in common. */
export function nameLikeness(a: string, b: string): number {
  return likeness({ folded: fold(a), words: words(a) }, { folded: fold(b), words: words(b) });
}

interface NameKey {
  folded: string;
  words: Set<string>;
}

function likeness(x: NameKey, y: NameKey): number {
  if (x.folded === y.folded) return 1;
  const common = [...x.words].filter((w) => y.words.has(w)).length;
  const union = x.words.size + y.words.size - common;
  return union === 0 ? 0 : common / union;
}

/** What the map adds to an actor the registry knows: what the registry lacks, and the sectors. The registry's values stay. */
function gapChanges(before: ActorValues, element: MapElement): ActorChanges {
  const changes: ActorChanges = {};
  if (!before.street && element.street) changes.street = element.street;
  if (!before.postalCode && element.postalCode) changes.postalCode = element.postalCode;
  if (!before.communeName && element.communeName) changes.communeName = element.communeName;
  if (before.latitude == null && element.latitude != null) {
    changes.latitude = element.latitude;
    changes.longitude = element.longitude;
  }
  if (!before.website && element.website) changes.website = element.website;
  if (!before.description && element.description) changes.description = element.description;
  const sectors = [...new Set([...before.sectors, ...element.sectors])];
  if (sectors.length !== before.sectors.length) changes.sectors = sectors;
  return changes;
}

interface SourceRow {
  source_id: string;
  actor_id: string;
  categories: string[];
  open_hours: Array<{ day: string; hours: string }> | null;
  contact_id: string | null;
  contact_made: boolean;
}

interface ContactRow {
  id: string;
  actor_id: string;
  email: string | null;
  phone: string | null;
  erased_at: Date | null;
}

interface Contacts {
  byId: Map<string, ContactRow>;
  byActor: Map<string, ContactRow[]>;
}

interface Plan {
  element: MapElement;
  outcome: MapImportOutcome;
  /** Existing actor to update, or null for a creation. */
  before: Actor | null;
  values: ActorValues;
  source: SourceRow | null;
  contact: { kind: 'create' } | { kind: 'update'; id: string } | null;
}

export interface MapImportOptions {
  authority: string;
  source: string;
  decisions: MapImportDecision[];
  dryRun: boolean;
  skipInvalidRows: boolean;
}

const phoneDigits = (phone: string | null) => (phone ? phone.replace(/\D/g, '').replace(/^33/, '0') : null);

export class MapImportService {
  constructor(private readonly dataSource: DataSource) {}

  importJson(context: RequestContext, json: string, options: MapImportOptions): Promise<MapImportReport> {
    return this.importElements(context, mapElementsOf(json), options);
  }

  /** The elements of a parsed export (also what an upload job calls), all or nothing in one transaction. */
  async importElements(
    context: RequestContext,
    raws: unknown[],
    options: MapImportOptions,
    progress?: (done: number, total: number) => void,
  ): Promise<MapImportReport> {
    const authority = options.authority.trim().toUpperCase();
    const authorityProblem = departmentProblem(authority);
    if (authorityProblem) throw BadInputError.field('authority', authorityProblem);
    assertCanWrite(context, authority);
    const source = options.source.trim().toLowerCase();
    if (!SOURCE_RULE.test(source))
      throw BadInputError.field('source', 'must be a short name of the map in lower case, like carteco or gogocarto');
    const decisions = this.decisionsBySourceId(options.decisions);

    const errors: MapImportProblem[] = [];
    const elements: MapElement[] = [];
    const items: MapImportElement[] = [];
    const firstIndex = new Map<string, number>();
    raws.forEach((raw, i) => {
      const index = i + 1;
      const problems: MapImportProblem[] = [];
      const element = readMapElement(raw, index, problems);
      if (element && firstIndex.has(element.sourceId)) {
        problems.push({
          index,
          sourceId: element.sourceId,
          field: 'id',
          message: `appears twice on the map (first as element ${firstIndex.get(element.sourceId)})`,
        });
      }
      if (element && !problems.length) {
        firstIndex.set(element.sourceId, index);
        elements.push(element);
      } else {
        errors.push(...problems);
        const r = (raw ?? {}) as Raw;
        items.push(this.item(index, element, text(r.id), text(r.name) ?? text(r.title), MapImportOutcome.INVALID, null, []));
      }
    });

    return this.dataSource.transaction(async (manager) => {
      // Two imports of one map at once would both create its new elements: the second waits, then finds them imported.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('actors.map-import:' || $1))`, [source]);
      const known = await this.knownSources(
        manager,
        source,
        elements.map((e) => e.sourceId),
      );
      const bySiret = await this.actorsBySiret(manager, elements);
      // Proposals only for the elements neither imported before nor matched by SIRET.
      const unmatched = elements.filter((e) => !known.has(e.sourceId) && !(e.siret && bySiret.has(e.siret)));
      const candidates = await this.candidates(manager, source, unmatched);
      const targetIds = new Set<string>([...known.values()].map((s) => s.actor_id));
      for (const actor of bySiret.values()) targetIds.add(actor.id);
      for (const decision of decisions.values())
        if (decision.action === MapDecisionAction.LINK && decision.actorId) targetIds.add(decision.actorId);
      const targets = new Map(
        (targetIds.size
          ? await manager.getRepository(Actor).find({ where: { id: In([...targetIds]) }, lock: { mode: 'pessimistic_write' } })
          : []
        ).map((a) => [a.id, a]),
      );
      const contactRows = await this.contactsOf(manager, [...targetIds]);
      const contacts: Contacts = { byId: new Map(contactRows.map((c) => [c.id, c])), byActor: new Map() };
      for (const c of contactRows) contacts.byActor.set(c.actor_id, [...(contacts.byActor.get(c.actor_id) ?? []), c]);

      const plans: Plan[] = [];
      const chosen = new Map<string, number>();
      const newNames = new Map<string, number>();
      let needsDecision = 0;
      let skippedByDecision = 0;
      for (const element of elements) {
        const problems: MapImportProblem[] = [];
        const at = (field: string | null, message: string) =>
          problems.push({ index: element.index, sourceId: element.sourceId, field, message });
        const decision = decisions.get(element.sourceId);
        const sourceRow = known.get(element.sourceId) ?? null;
        let target: Actor | null = null;
        let outcome: MapImportOutcome;
        let proposed: MapMatchCandidate[] = [];
        if (decision?.action === MapDecisionAction.SKIP) outcome = MapImportOutcome.SKIP;
        else if (sourceRow) {
          // Imported before: the same actor, whatever the decision says (never created twice).
          target = targets.get(sourceRow.actor_id) ?? null;
          outcome = MapImportOutcome.UPDATE;
        } else if (element.siret && bySiret.has(element.siret)) {
          target = bySiret.get(element.siret) as Actor;
          outcome = MapImportOutcome.LINK;
        } else if (decision?.action === MapDecisionAction.LINK) {
          target = targets.get(decision.actorId as string) ?? null;
          if (!target) at('id', `the decision links it to actor ${decision.actorId}, which is not in the registry`);
          outcome = MapImportOutcome.LINK;
        } else if (decision?.action === MapDecisionAction.CREATE) outcome = MapImportOutcome.CREATE;
        else {
          proposed = candidates.get(element.index) ?? [];
          const twin = newNames.get(this.nameKey(element));
          if (proposed.length) outcome = MapImportOutcome.NEEDS_DECISION;
          else if (twin !== undefined) {
            outcome = MapImportOutcome.NEEDS_DECISION;
            at('name', `has the same name and commune as element ${twin} of the map: decide CREATE or SKIP for one of them`);
          } else outcome = MapImportOutcome.CREATE;
        }
        if (outcome === MapImportOutcome.CREATE) newNames.set(this.nameKey(element), newNames.get(this.nameKey(element)) ?? element.index);

        let plan: Plan | null = null;
        if (target) {
          if (!canWrite(context.identity, target.authorityCode))
            at('id', `is actor ${target.id} of authority ${target.authorityCode}, which you cannot change`);
          if (element.siret && target.siret && element.siret !== target.siret)
            at('siret', `is not the SIRET of actor ${target.id} (${target.siret})`);
          const first = chosen.get(target.id);
          if (first !== undefined) at('id', `is the same actor (${target.id}) as element ${first} of the map`);
          chosen.set(target.id, element.index);
          const { values, problems: rules } = applyActorChanges(target, gapChanges(target, element));
          for (const p of rules) at(p.field, p.message);
          plan = {
            element,
            outcome,
            before: target,
            values,
            source: sourceRow,
            contact: this.contactPlan(element, target.id, sourceRow, contacts),
          };
          const same = JSON.stringify(valuesOf(target)) === JSON.stringify(valuesOf(values));
          const sameSource =
            sourceRow !== null &&
            JSON.stringify(sourceRow.categories) === JSON.stringify(element.categories) &&
            JSON.stringify(sourceRow.open_hours) === JSON.stringify(element.openHours);
          if (outcome === MapImportOutcome.UPDATE && same && sameSource && !plan.contact) plan.outcome = MapImportOutcome.UNCHANGED;
        } else if (outcome === MapImportOutcome.CREATE) {
          // Postal codes start with the département's number (20 for Corsica, 971… overseas).
          if (element.postalCode && !element.postalCode.startsWith(/^2[AB]$/.test(authority) ? '20' : authority)) {
            at('address.postalCode', `is not in the département ${authority} the new actors are filed under`);
          }
          const { values, problems: rules } = applyActorChanges(null, {
            name: element.name,
            siret: element.siret ?? undefined,
            street: element.street,
            postalCode: element.postalCode,
            communeName: element.communeName,
            latitude: element.latitude,
            longitude: element.longitude,
            website: element.website,
            description: element.description,
            sectors: element.sectors,
            // A map lists members of a network, not legal ESS status: unknown, hence not counted as ESS (issue 14).
            essStatus: EssStatus.UNKNOWN,
            authority,
          });
          for (const p of rules) at(p.field, p.message);
          plan = {
            element,
            outcome,
            before: null,
            values,
            source: null,
            contact: element.email || element.phone ? { kind: 'create' } : null,
          };
        }

        if (problems.length) {
          errors.push(...problems);
          items.push(
            this.item(
              element.index,
              element,
              element.sourceId,
              element.name,
              outcome === MapImportOutcome.NEEDS_DECISION ? outcome : MapImportOutcome.INVALID,
              target?.id ?? null,
              proposed,
            ),
          );
          if (outcome === MapImportOutcome.NEEDS_DECISION) needsDecision++;
          continue;
        }
        if (outcome === MapImportOutcome.NEEDS_DECISION) {
          needsDecision++;
          items.push(this.item(element.index, element, element.sourceId, element.name, outcome, null, proposed));
          continue;
        }
        if (outcome === MapImportOutcome.SKIP) skippedByDecision++;
        if (plan) plans.push(plan);
        items.push(
          this.item(element.index, element, element.sourceId, element.name, plan?.outcome ?? outcome, target?.id ?? null, proposed),
        );
      }
      items.sort((a, b) => a.index - b.index);
      const invalid = items.filter((i) => i.outcome === MapImportOutcome.INVALID).length;
      const count = (o: MapImportOutcome) => plans.filter((p) => p.outcome === o).length;
      const report: MapImportReport = {
        applied: false,
        dryRun: options.dryRun,
        source,
        elements: raws.length,
        created: count(MapImportOutcome.CREATE),
        updated: count(MapImportOutcome.UPDATE),
        linked: count(MapImportOutcome.LINK),
        unchanged: count(MapImportOutcome.UNCHANGED),
        skipped: skippedByDecision + (options.skipInvalidRows ? invalid + needsDecision : 0),
        needsDecision,
        errors,
        unmappedCategories: [...new Set(elements.flatMap((e) => e.categories.filter((c) => sectorsOfLabel(c).length === 0)))].sort(),
        items,
      };
      progress?.(elements.length, elements.length);
      const blocked = errors.length > 0 || needsDecision > 0;
      if (options.dryRun || (blocked && !options.skipInvalidRows)) return report;
      const writes = plans.filter((p) => p.outcome !== MapImportOutcome.UNCHANGED);
      if (writes.length) await this.write(manager, context, source, writes, progress);
      report.applied = writes.length > 0;
      return report;
    });
  }

  private nameKey(element: MapElement): string {
    return `${fold(element.name)}|${element.postalCode ?? fold(element.communeName ?? '')}`;
  }

  private decisionsBySourceId(decisions: MapImportDecision[]): Map<string, MapImportDecision> {
    if (decisions.length > MAX_MAP_ELEMENTS) throw BadInputError.field('decisions', `at most ${MAX_MAP_ELEMENTS}`);
    const bySourceId = new Map<string, MapImportDecision>();
    decisions.forEach((decision, i) => {
      if (bySourceId.has(decision.sourceId))
        throw BadInputError.field(`decisions.${i}.sourceId`, `decides ${decision.sourceId} a second time`);
      if (decision.action === MapDecisionAction.LINK && !decision.actorId)
        throw BadInputError.field(`decisions.${i}.actorId`, 'is required to LINK');
      bySourceId.set(decision.sourceId, decision);
    });
    return bySourceId;
  }

  private item(
    index: number,
    element: MapElement | null,
    sourceId: string | null,
    name: string | null,
    outcome: MapImportOutcome,
    actorId: string | null,
    candidates: MapMatchCandidate[],
  ): MapImportElement {
    return {
      index,
      sourceId,
      name,
      postalCode: element?.postalCode ?? null,
      communeName: element?.communeName ?? null,
      outcome,
      actorId,
      candidates,
      categories: element?.categories ?? [],
      sectors: element?.sectors ?? [],
      hasContact: Boolean(element?.email || element?.phone),
    };
  }

  /** What becomes of the element's email and phone: a new contact, a correction of the one made before, or nothing. */
  private contactPlan(element: MapElement, actorId: string, source: SourceRow | null, contacts: Contacts): Plan['contact'] {
    if (!element.email && !element.phone) return null;
    if (source?.contact_id) {
      const made = contacts.byId.get(source.contact_id);
      // An erased person stays erased (docs/personal-data.md); unchanged details need no write.
      if (!made || made.erased_at || (made.email === element.email && made.phone === element.phone)) return null;
      return { kind: 'update', id: made.id };
    }
    // Made by an earlier import and deleted since by staff: not made again.
    if (source?.contact_made) return null;
    const known = (contacts.byActor.get(actorId) ?? []).some(
      (c) =>
        !c.erased_at &&
        ((element.email && c.email === element.email) || (element.phone && phoneDigits(c.phone) === phoneDigits(element.phone))),
    );
    return known ? null : { kind: 'create' };
  }

  private async knownSources(manager: EntityManager, source: string, ids: string[]): Promise<Map<string, SourceRow>> {
    if (!ids.length) return new Map();
    const rows: SourceRow[] = await manager.query(
      `SELECT source_id, actor_id::text, categories, open_hours, contact_id::text, contact_made FROM actors.actor_source
       WHERE source = $1 AND source_id = ANY($2) FOR UPDATE`,
      [source, ids],
    );
    return new Map(rows.map((r) => [r.source_id, r]));
  }

  private async actorsBySiret(manager: EntityManager, elements: MapElement[]): Promise<Map<string, Actor>> {
    const sirets = [...new Set(elements.flatMap((e) => (e.siret ? [e.siret] : [])))];
    if (!sirets.length) return new Map();
    const actors = await manager.getRepository(Actor).find({ where: { siret: In(sirets) } });
    return new Map(actors.map((a) => [a.siret as string, a]));
  }

  /**
   * Registry actors of the same commune (postal code, or commune name without accents) whose name is like the element's,
   * best first, at most 5 per element; read in one statement for the whole map.
   */
  private async candidates(manager: EntityManager, source: string, elements: MapElement[]): Promise<Map<number, MapMatchCandidate[]>> {
    const postals = [...new Set(elements.flatMap((e) => (e.postalCode ? [e.postalCode] : [])))];
    const communes = [...new Set(elements.flatMap((e) => (e.communeName ? [fold(e.communeName)] : [])))];
    if (!postals.length && !communes.length) return new Map();
    const rows: Array<{
      id: string;
      name: string;
      siret: string | null;
      postal_code: string | null;
      commune_name: string | null;
      commune_key: string | null;
      on_map: string | null;
    }> = await manager.query(
      `SELECT a.id::text, a.name, a.siret, a.postal_code, a.commune_name,
                btrim(regexp_replace(lower(public.unaccent(a.commune_name)), '[^a-z0-9]+', ' ', 'g')) AS commune_key,
                (SELECT s.source_id FROM actors.actor_source s WHERE s.actor_id = a.id AND s.source = $3 LIMIT 1) AS on_map
         FROM actors.actor a
         WHERE a.archived_at IS NULL AND (a.postal_code = ANY($1)
           OR btrim(regexp_replace(lower(public.unaccent(a.commune_name)), '[^a-z0-9]+', ' ', 'g')) = ANY($2))`,
      [postals, communes, source],
    );
    // Names are compared only with the names of the same commune sharing a word with them (or equal once folded): an
    // index by word keeps a map of thousands of elements in a commune of thousands of actors fast.
    const prepared = rows.map((row) => ({ row, name: { folded: fold(row.name), words: words(row.name) } }));
    const byWord = new Map<string, typeof prepared>();
    for (const entry of prepared) {
      for (const key of [...entry.name.words, `=${entry.name.folded}`]) {
        const list = byWord.get(key);
        if (list) list.push(entry);
        else byWord.set(key, [entry]);
      }
    }
    const result = new Map<number, MapMatchCandidate[]>();
    for (const element of elements) {
      const commune = element.communeName ? fold(element.communeName) : null;
      const name = { folded: fold(element.name), words: words(element.name) };
      const pool = new Set([...name.words, `=${name.folded}`].flatMap((key) => byWord.get(key) ?? []));
      const found = [...pool]
        .filter(({ row }) => (element.postalCode && row.postal_code === element.postalCode) || (commune && row.commune_key === commune))
        .map((entry) => ({ row: entry.row, likeness: likeness(name, entry.name) }))
        .filter((c) => c.likeness >= 0.5 && c.row.on_map !== element.sourceId)
        .sort((a, b) => b.likeness - a.likeness || a.row.name.localeCompare(b.row.name))
        .slice(0, 5)
        .map(({ row, likeness: score }) => ({
          actorId: row.id,
          name: row.name,
          siret: row.siret,
          postalCode: row.postal_code,
          communeName: row.commune_name,
          reason: row.on_map
            ? `already on this map as element ${row.on_map}`
            : score === 1
              ? 'same name and commune'
              : 'similar name, same commune',
        }));
      if (found.length) result.set(element.index, found);
    }
    return result;
  }

  private async contactsOf(manager: EntityManager, actorIds: string[]): Promise<ContactRow[]> {
    if (!actorIds.length) return [];
    return manager.query('SELECT id::text, actor_id::text, email, phone, erased_at FROM actors.contact WHERE actor_id = ANY($1)', [
      actorIds,
    ]);
  }

  private async write(
    manager: EntityManager,
    context: RequestContext,
    source: string,
    plans: Plan[],
    progress?: (done: number, total: number) => void,
  ) {
    const audit: AuditEntry[] = [];
    const actorIdOf = new Map<Plan, string>();
    const creations = plans.filter((p) => !p.before);
    for (let i = 0; i < creations.length; i += CHUNK) {
      const chunk = creations.slice(i, i + CHUNK);
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Actor)
        .values(chunk.map((p) => p.values))
        .returning('id')
        .execute();
      (result.raw as Array<{ id: string }>).forEach((row, k) => {
        actorIdOf.set(chunk[k], row.id);
        audit.push({ entity: 'Actor', entityId: row.id, action: 'import', after: chunk[k].values });
      });
    }
    for (const plan of plans.filter((p) => p.before)) {
      const before = plan.before as Actor;
      actorIdOf.set(plan, before.id);
      if (JSON.stringify(valuesOf(before)) === JSON.stringify(valuesOf(plan.values))) continue;
      await manager
        .createQueryBuilder()
        .update(Actor)
        .set({ ...plan.values, version: () => 'version + 1' })
        .where('id = :id', { id: before.id })
        .execute();
      audit.push({ entity: 'Actor', entityId: before.id, action: 'import', before: valuesOf(before), after: plan.values });
    }
    progress?.(plans.length / 2, plans.length);

    // Contacts: personal data in their own table, through the same audit as the contact mutations.
    const contactIdOf = new Map<Plan, string>();
    const newContacts = plans.filter((p) => p.contact?.kind === 'create');
    if (newContacts.length) {
      const rows = newContacts.map((p) => ({
        actorId: actorIdOf.get(p) as string,
        firstName: '',
        lastName: 'Accueil',
        role: `${CONTACT_ROLE} ${source}`,
        email: p.element.email,
        phone: p.element.phone,
      }));
      const result = await manager.createQueryBuilder().insert().into(Contact).values(rows).returning('id').execute();
      (result.raw as Array<{ id: string }>).forEach((row, k) => {
        contactIdOf.set(newContacts[k], row.id);
        audit.push({ entity: 'Contact', entityId: row.id, action: 'create', after: rows[k] });
      });
    }
    for (const plan of plans.filter((p) => p.contact?.kind === 'update')) {
      const id = (plan.contact as { id: string }).id;
      const [before] = await manager.query('SELECT email, phone FROM actors.contact WHERE id = $1', [id]);
      await manager.query('UPDATE actors.contact SET email = $2, phone = $3, version = version + 1, updated_at = now() WHERE id = $1', [
        id,
        plan.element.email,
        plan.element.phone,
      ]);
      audit.push({
        entity: 'Contact',
        entityId: id,
        action: 'update',
        before,
        after: { email: plan.element.email, phone: plan.element.phone },
      });
    }

    const sources = plans.map((p) => ({
      source_id: p.element.sourceId,
      actor_id: actorIdOf.get(p),
      categories: p.element.categories,
      open_hours: p.element.openHours,
      contact_id: contactIdOf.get(p) ?? p.source?.contact_id ?? null,
      contact_made: contactIdOf.has(p) || Boolean(p.source?.contact_made),
    }));
    await manager.query(
      `INSERT INTO actors.actor_source (source, source_id, actor_id, categories, open_hours, contact_id, contact_made)
       SELECT $1, r.source_id, r.actor_id, ARRAY(SELECT jsonb_array_elements_text(r.categories)), r.open_hours, r.contact_id, r.contact_made
       FROM jsonb_to_recordset($2::jsonb)
         AS r(source_id text, actor_id uuid, categories jsonb, open_hours jsonb, contact_id uuid, contact_made boolean)
       ON CONFLICT (source, source_id) DO UPDATE SET actor_id = EXCLUDED.actor_id,
         categories = EXCLUDED.categories, open_hours = EXCLUDED.open_hours,
         contact_id = EXCLUDED.contact_id, contact_made = EXCLUDED.contact_made, imported_at = now()`,
      [source, JSON.stringify(sources)],
    );
    for (let i = 0; i < audit.length; i += 2000) await recordAudit(manager, 'actors', context, audit.slice(i, i + 2000));
    progress?.(plans.length, plans.length);
  }
}
