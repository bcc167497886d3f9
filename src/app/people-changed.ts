import type { PeopleOp, PeopleRole } from '../domain/board-people';
import { LEAD_CHAIN, type MessageKind } from '../domain/cycle';
import { leadRouteOf, leadStepRefs, OPEN_PERIOD_DAYS, planDeliveries, type PlannedDelivery } from '../domain/delivery-plan';
import { boardOf } from '../domain/board';
import type { Identity, Person } from '../domain/person';
import type { BoardChange, OutboxEntry } from '../domain/ports';
import { allBoards } from './board-picture';
import { changeBoardPeople, type PeopleChangeOutcome, type PeopleChangeRequest } from './board-people';
import type { RemovedRole } from './retire-person';
import { isPersonalChat } from '../domain/personal-chat';
import { parseProjectUnitKey, projectUnits } from '../domain/project';
import { askedFor, parsePriorityRef, priorityRef, type Priority } from '../domain/strategy';
import { cutAtWord, priorityName } from '../domain/wording';
import { leadStepsAhead, loadCycleSnapshot } from './cycle-snapshot';
import type { CycleDeps, RunReport } from './cycle-deps';
import { addReports, deliver, EMPTY_REPORT } from './outbox-delivery';
import { prioritiesAnsweredBy, today } from './people';

/**
 * A change to a board's people takes effect at once (issue 22): the person a manager has just
 * made a lead or deputy is welcomed and, when a period of that priority is open and unanswered,
 * whoever the cycle asks now and did not before (that person, or the deputies when the last lead
 * left) is sent the card the cycle would send them now; whoever no longer answers for it is sent
 * nothing more of it. Everything goes through the outbox: `planPeopleChange` writes the entries before
 * the manager is answered (a receipt means stored), `sendPlanned` sends them (at once after the
 * answer, and at every tick for whatever a crash left). The card's entry has the very key the
 * cycle gives that step for that lead, so the next tick finds it done and sends nothing again.
 */
export interface PeopleChangeMade {
  /** The priority or project changed ("<strategy>/<priority>", "<strategy>/<workstream>~<project>"); absent for managers. */
  unitRef?: string;
  role: PeopleRole;
  op: PeopleOp;
  /** Whom the change named. */
  personId: string;
  /** The priority changed (a project's workstream) as read just before the change: who answered for it then. */
  before?: Priority;
  /** The change as the audit trail keeps it: its `at` makes the welcome's key one per change. */
  change: BoardChange;
}

export interface PeopleChangeEffects {
  /** Outbox keys written now: the welcome, then the open period's card. */
  planned: string[];
  /** Outbox keys cancelled: planned, or still ahead in an open period, for someone who no longer answers for the priority. */
  cancelled: string[];
  /** Outbox keys cancelled by an earlier change and reopened: their lead answers for it again. */
  reopened: string[];
}

/** A lead's step as the cycle keys it: `<kind>|<unit or workstream~projects>|<period>|<step>|<lead>`. */
interface LeadChainKey {
  kind: MessageKind;
  ref: string;
  leadId: string;
}

function leadChainKey(key: string): LeadChainKey | undefined {
  const parts = key.split('|');
  if (parts.length !== 5 || !LEAD_CHAIN.includes(parts[0] as MessageKind)) return undefined;
  return { kind: parts[0] as MessageKind, ref: parts[1]!, leadId: parts[4]! };
}

/** The priority a unit ref belongs to (a project's workstream), and the two refs its leads' keys use. */
function groupOf(unitRef: string): { strategyKey: string; key: string; refs: [string, string] } | undefined {
  const ref = parsePriorityRef(unitRef);
  if (!ref) return undefined;
  const key = parseProjectUnitKey(ref.key)?.workstreamKey ?? ref.key.replace(/~projects$/, '');
  const own = priorityRef({ strategyKey: ref.strategyKey, key });
  return { strategyKey: ref.strategyKey, key, refs: [own, `${own}~projects`] };
}

/** Who the cycle asks now under each of a priority's two refs: its own leads (else deputies), and its projects' named leads. */
function askedNow(priority: Priority | undefined): Map<string, Set<string>> {
  if (!priority) return new Map();
  const projects = projectUnits(priority).filter((u) => u.leads.length > 0 || u.deputies.length > 0);
  return new Map([
    [priorityRef(priority), new Set(askedFor(priority))],
    [`${priorityRef(priority)}~projects`, new Set(projects.flatMap((u) => askedFor(u)))],
  ]);
}

/** What the cycle would send the leads of one priority (and its projects) now, over the whole of its open periods. */
async function currentSteps(deps: CycleDeps, group: { strategyKey: string; key: string }, now: Date) {
  const snapshot = await loadCycleSnapshot(deps, now, OPEN_PERIOD_DAYS, group);
  const deliveries = snapshot ? planDeliveries(snapshot, now).filter((d) => LEAD_CHAIN.includes(d.ref.kind as MessageKind)) : [];
  return { snapshot, deliveries };
}

/**
 * `changeBoardPeople`, and then what the change sets going, planned before the manager is
 * answered: the caller sends it (`sendPlanned`) once the answer has gone.
 */
export function changeBoardPeopleNow(deps: CycleDeps, who: Identity, req: PeopleChangeRequest): Promise<PeopleChangeOutcome & { effects?: PeopleChangeEffects }> {
  // In the change's own turn: a change queued after it cannot slip between the change and its effects.
  return changeBoardPeople(deps, who, req, (outcome) => {
    // Who answered before: the priority as the change read it.
    const before = req.role === 'manager' ? undefined : outcome.before;
    return planPeopleChange(deps, { ...(req.unitRef ? { unitRef: req.unitRef } : {}), role: req.role, op: req.op, personId: outcome.person.id, change: outcome.change, ...(before ? { before } : {}) });
  });
}

/**
 * A retirement, role by role as its audit trail has it: what was planned for the retired person
 * is cancelled, and whoever the cycle asks instead (the deputies, when the last lead went) is
 * sent the open period's card. Written before the manager is answered, like any other change.
 */
export async function planRetirement(deps: CycleDeps, personId: string, removed: readonly RemovedRole[]): Promise<PeopleChangeEffects> {
  const effects: PeopleChangeEffects = { planned: [], cancelled: [], reopened: [] };
  for (const r of removed) {
    const one = await planPeopleChange(deps, { unitRef: r.unitRef, role: r.role, op: 'remove', personId, before: r.before, change: r.change });
    effects.planned.push(...one.planned);
    effects.cancelled.push(...one.cancelled);
    effects.reopened.push(...one.reopened);
  }
  return effects;
}

/**
 * Written after the change is saved and before the manager is answered: cancels what is planned
 * for whoever no longer answers for the priority, and plans the welcome and the open period's
 * card for the person made a lead or deputy.
 */
export async function planPeopleChange(deps: CycleDeps, made: PeopleChangeMade): Promise<PeopleChangeEffects> {
  const effects: PeopleChangeEffects = { planned: [], cancelled: [], reopened: [] };
  const now = deps.clock.now();
  if (made.role === 'manager') {
    // A new manager is welcomed too (what the bot does for them, who made them one); a removed one is not written to.
    if (made.op !== 'remove' && (await deps.people.getPerson(made.personId))) {
      const welcome = { key: welcomeKey(made.personId, { ...made.change, subject: `manager of ${made.change.boardKey}` }), localDate: today(deps), kind: 'welcome' };
      if (await deps.outbox.plan(welcome, made.personId, now)) effects.planned.push(welcome.key);
    }
    return effects;
  }
  const group = made.unitRef ? groupOf(made.unitRef) : undefined;
  if (!group) return effects;
  const priority = await deps.strategies.getPriority(group.strategyKey, group.key);
  const asked = askedNow(priority);
  const before = askedNow(made.before);
  const note = (leadId: string) => `${leadId} no longer answers for ${group.refs[0]}`;
  for (const entry of await deps.outbox.planned()) {
    // A welcome not sent yet to someone who no longer holds the role it names: it would say what is no longer so.
    const w = welcomeOf(entry.key);
    if (w && group.refs.includes(groupOf(w.unitRef)?.refs[0] ?? '') && priority && !holds(priority, w.unitRef, w.personId)) {
      if (await deps.outbox.cancel(entryRef(entry), note(w.personId), now, deps.leaseMs)) effects.cancelled.push(entry.key);
      continue;
    }
    const k = leadChainKey(entry.key);
    if (!k || !group.refs.includes(k.ref) || asked.get(k.ref)?.has(k.leadId)) continue;
    if (await deps.outbox.cancel(entryRef(entry), note(k.leadId), now, deps.leaseMs)) effects.cancelled.push(entry.key);
  }
  // The steps still ahead in the open periods: cancelled for whoever left (an instance that still
  // reads the old lead finds them cancelled), reopened for whoever is back.
  const left = group.refs.flatMap((ref) => [...(before.get(ref) ?? [])].filter((id) => !asked.get(ref)?.has(id)).map((id) => ({ ref, id })));
  const joined = group.refs.flatMap((ref) => [...(asked.get(ref) ?? [])].filter((id) => !before.get(ref)?.has(id)).map((id) => ({ ref, id })));
  const refsOf = (ahead: Awaited<ReturnType<typeof leadStepsAhead>>, { ref, id }: { ref: string; id: string }) => leadStepRefs(ahead.steps, ahead.priorities, id).filter((r) => leadChainKey(r.key)?.ref === ref);
  if (left.length > 0 && made.before) {
    // Planned as it was, with them in it (now it may have no lead at all, and no plan).
    const ahead = await leadStepsAhead(deps, now, { ...group, as: made.before });
    for (const l of left) for (const r of refsOf(ahead, l)) if (await deps.outbox.cancel(r, note(l.id), now, deps.leaseMs)) effects.cancelled.push(r.key);
  }
  if (joined.length > 0) {
    const ahead = await leadStepsAhead(deps, now, group);
    for (const j of joined) for (const r of refsOf(ahead, j)) if (await deps.outbox.reopen(r)) effects.reopened.push(r.key);
  }
  // The welcome: to the person the change made a lead or deputy.
  const person = made.op === 'remove' ? undefined : await deps.people.getPerson(made.personId);
  if (person) {
    const welcome = { key: welcomeKey(person.id, made.change), localDate: today(deps), kind: 'welcome' };
    if (await deps.outbox.plan(welcome, person.id, now)) effects.planned.push(welcome.key);
  }
  // The step the cycle would send now, under its own key, to whoever it asks now and did not
  // before: the person named, or the deputies when the last lead left. Planned, or found sent already.
  const newlyAsked = new Set([...joined.map((j) => j.id), ...(person ? [person.id] : [])]);
  if (newlyAsked.size === 0) return effects;
  const { deliveries } = await currentSteps(deps, group, now);
  for (const d of deliveries) {
    if (!newlyAsked.has(leadChainKey(d.ref.key)?.leadId ?? '')) continue;
    // Cancelled when they were removed before, in this period: they are back, so it goes after all.
    const planned = (await deps.outbox.plan(d.ref, d.recipientId, now)) || ((await deps.outbox.reopen(d.ref)) && (await deps.outbox.plan(d.ref, d.recipientId, now)));
    if (planned) effects.planned.push(d.ref.key);
  }
  return effects;
}

/** The person and unit a welcome's key names. */
function welcomeOf(key: string): { personId: string; unitRef: string } | undefined {
  const [kind, personId, subject] = key.split('|');
  const m = /^(?:lead|deputy) of (.+)$/.exec(subject ?? '');
  return kind === 'welcome' && personId && m ? { personId, unitRef: m[1]! } : undefined;
}

/** Whether `personId` leads or deputises the unit (the priority, or one of its projects). */
function holds(priority: Priority, unitRef: string, personId: string): boolean {
  const unit = unitRef === priorityRef(priority) ? priority : projectUnits(priority).find((u) => priorityRef(u) === unitRef);
  return unit !== undefined && (unit.leads.includes(personId) || unit.deputies.includes(personId));
}

const entryRef = (e: OutboxEntry) => ({ key: e.key, localDate: e.localDate, kind: e.kind });

/**
 * Sends what `planPeopleChange` planned and is not sent yet, each once (the outbox claims it):
 * the welcomes first, then the cards, each built now from what is stored now. A card no longer
 * due (answered meanwhile, its period closed, its lead changed again) is cancelled, not sent.
 */
export async function sendPlanned(deps: CycleDeps, now = deps.clock.now()): Promise<RunReport> {
  const entries = await deps.outbox.planned();
  if (entries.length === 0) return { ...EMPTY_REPORT };
  const report: RunReport = { ...EMPTY_REPORT };
  const add = (r: RunReport) => Object.assign(report, addReports(report, r));
  const welcomes = entries.filter((e) => e.kind === 'welcome');
  if (welcomes.length > 0) {
    const [people, conversations, reach] = await Promise.all([deps.people.listPeople(), deps.conversations.list(), deps.reach.list()]);
    const chats = new Map(conversations.filter(isPersonalChat).map((c) => [c.personId, c]));
    const failures = new Map(reach.map((r) => [r.personId, r.lastFailure]));
    const deliveries: PlannedDelivery[] = [];
    for (const e of welcomes) {
      const person = people.find((p) => p.id === e.recipientId);
      if (!person) {
        await deps.outbox.cancel(entryRef(e), 'nobody of that id any more', now, deps.leaseMs);
        continue;
      }
      const { leads, deputises } = await prioritiesAnsweredBy(deps, person.id);
      const assigned = await assignedWords(deps, e.key, people);
      const notice = { kind: 'ready' as const, notice: { kind: 'welcome' as const, to: person, leads, deputises, assigned } };
      const route = leadRouteOf(person, chats.get(person.id), failures.get(person.id), deps.email !== undefined, deps.installer !== undefined);
      const base = { ref: entryRef(e), recipientId: person.id, isPerson: true };
      if (route.conversation) deliveries.push({ ...base, via: 'teams', conversation: route.conversation, notice });
      else if (route.email) deliveries.push({ ...base, via: 'email', to: route.email, notice });
      else deliveries.push({ ...base, via: 'none', note: `not reachable: ${(route.unreachable ?? []).join('; ')}` });
    }
    add(await deliver(deps, deliveries, { people, answers: new Map(), covers: [] }));
  }
  const cards = entries.filter((e) => e.kind !== 'welcome');
  const groups = new Map<string, { strategyKey: string; key: string; entries: OutboxEntry[] }>();
  for (const e of cards) {
    const k = leadChainKey(e.key);
    const group = k && groupOf(k.ref);
    if (!group) continue;
    const g = groups.get(group.refs[0]) ?? { strategyKey: group.strategyKey, key: group.key, entries: [] };
    g.entries.push(e);
    groups.set(group.refs[0], g);
  }
  for (const g of groups.values()) {
    const { snapshot, deliveries } = await currentSteps(deps, g, now);
    const byKey = new Map(deliveries.map((d) => [`${d.ref.localDate}|${d.ref.key}`, d]));
    const due: PlannedDelivery[] = [];
    for (const e of g.entries) {
      const d = byKey.get(`${e.localDate}|${e.key}`);
      if (d) due.push(d);
      else if (await deps.outbox.cancel(entryRef(e), 'no longer due: answered, closed, or its lead changed', now, deps.leaseMs)) report.skipped += 1;
    }
    if (snapshot && due.length > 0) add(await deliver(deps, due, snapshot));
  }
  return report;
}

/** One welcome per change: `welcome|<person>|<subject>|<at>|<by>` (the subject "lead of <unit ref>", or "manager of <board>"). */
function welcomeKey(personId: string, change: BoardChange): string {
  return ['welcome', personId, change.subject, change.at.toISOString(), change.by].join('|');
}

/** "Alex Wilber made you the lead of 1. We will… on the Leicester City Health and Wellbeing Board", from the welcome's key. */
async function assignedWords(deps: CycleDeps, key: string, people: readonly Person[]): Promise<{ by: string; what: string; board: string }> {
  const [, , subject = '', , byId = ''] = key.split('|');
  const by = people.find((p) => p.id === byId)?.name ?? 'A board manager';
  const managed = /^manager of (.+)$/.exec(subject);
  if (managed) return { by, what: 'a manager', board: (await allBoards(deps)).find((b) => b.key === managed[1])?.name ?? 'Health and Wellbeing Board' };
  const m = /^(lead|deputy) of (.+)$/.exec(subject);
  const ref = parsePriorityRef(m?.[2]);
  const project = ref ? parseProjectUnitKey(ref.key) : undefined;
  const priority = ref ? await deps.strategies.getPriority(ref.strategyKey, project?.workstreamKey ?? ref.key) : undefined;
  const unit = priority && project ? projectUnits(priority).find((u) => u.key === ref!.key) : priority;
  const strategy = ref ? await deps.strategies.getStrategy(ref.strategyKey) : undefined;
  const board = strategy ? (await allBoards(deps)).find((b) => b.key === boardOf(strategy))?.name : undefined;
  const role = m?.[1] === 'deputy' ? 'a deputy' : 'the lead';
  const what = unit ? `${role} of ${unit.workstream ? `a project of ${unit.workstream.number}, "${cutAtWord(unit.title, 60)}"` : cutAtWord(priorityName(unit), 70)}` : `${role} of a priority`;
  return { by, what, board: board ?? 'Health and Wellbeing Board' };
}
