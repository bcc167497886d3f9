import type { WorkingCalendar } from '../domain/calendar';
import { workingDaysBetween } from '../domain/calendar';
import type { CheckIn } from '../domain/check-in';
import { LEAD_CHAIN, planCycle, type CycleSettings, type PlannedMessage } from '../domain/cycle';
import { daysOverdue, type EscalationRules } from '../domain/escalation';
import type { LeadNoticeKind, Notice } from '../domain/notice';
import type { Person } from '../domain/person';
import { addDays } from '../domain/period';
import type { ConversationRecord, EmailSender, Notifier, OutboxLedger, OutboxMessageRef } from '../domain/ports';
import { NotifierError } from '../domain/ports';
import { describeRoute, routeFor, standingFailure } from '../domain/reach';
import { reminderRecipient } from '../domain/rights';
import { askedFor, priorityRef, type Priority } from '../domain/strategy';
import { remindedUnits, unitsAnsweredByWorkstreamLeads } from '../domain/project';
import { localParts } from '../domain/zoned-time';
import { checkInForm } from './check-in';
import type { AppDeps } from './deps';
import { boardChannel, buildDigest } from './digest';
import { allBoards } from './board-picture';
import { boardChannelKey, boardOf, managesBoard } from '../domain/board';
import { activeCovers, namesOf } from './people';
import { recordFailure } from './roster';

export interface CycleDeps extends AppDeps {
  outbox: OutboxLedger;
  notifier: Notifier;
  calendar: WorkingCalendar;
  cycle: CycleSettings;
  rules: EscalationRules;
  /** Identifies this process in outbox claims. */
  instanceId: string;
  /** A claim older than this is taken over (its owner died). */
  leaseMs: number;
  /** Sends in flight at once; the notifier's rate limiter paces them. */
  concurrency: number;
  /** Leads with no Teams chat are reminded by email through this; without it they count as unreachable. */
  email?: EmailSender;
}

export interface RunReport {
  due: number;
  sent: number;
  skipped: number;
  alreadyDone: number;
  busy: number;
  undeliverable: number;
  failed: number;
  /**
   * Outcomes not written because this instance's lease ran out mid-send and another instance
   * took the message over: that instance's outcome stands (the message went at most twice).
   */
  lostClaims: number;
}

/** One outbox entry to send: the planned slot, for whom, and what (built only once claimed). */
interface Delivery {
  ref: OutboxMessageRef;
  recipientId: string;
  conversation?: ConversationRecord;
  /** A board's channel rather than a person: the board's name, for the ledger's words. */
  channel?: string;
  /** A lead with no Teams chat, reached by email instead. */
  email?: { name: string; email: string };
  /** Set when no route reaches the recipient: why, for the outbox and the managers' notice. */
  unreachable?: string[];
  notice: () => Promise<Notice>;
}

/**
 * Sends everything the plan says is due by `now` and has not been sent. Safe to call from every
 * instance at every tick and after a restart: the outbox decides who sends what, once.
 * After downtime it catches up, but sends a lead only the latest step of the chain
 * (no reminder + nudge + overdue in one burst) and only the last missed digest.
 * Everything a notice needs is loaded once here, not per lead.
 */
export async function runDue(deps: CycleDeps, now: Date, catchUpDays = 7): Promise<RunReport> {
  const report: RunReport = { due: 0, sent: 0, skipped: 0, alreadyDone: 0, busy: 0, undeliverable: 0, failed: 0, lostClaims: 0 };
  const local = localParts(now, deps.cycle.timeZone).date;
  const [strategies, stored, boards] = await Promise.all([deps.strategies.listStrategies(), deps.strategies.listPriorities(), allBoards(deps)]);
  // Projects with a named lead are reminded like priorities (their answers are the units' own).
  const priorities = [...stored, ...remindedUnits(stored)];
  const plan = planCycle(strategies, priorities, deps.cycle, deps.calendar, addDays(local, -catchUpDays), local, boards).filter((m) => m.sendAt.getTime() <= now.getTime());
  if (plan.length === 0) return report;

  const answersOf = new Map<string, CheckIn[]>();
  for (const s of new Set(plan.map((m) => m.strategyKey).filter((k): k is string => k !== undefined))) {
    for (const c of await deps.checkIns.listForStrategy(s)) {
      const ref = priorityRef({ strategyKey: c.strategyKey, key: c.priorityKey });
      const list = answersOf.get(ref);
      if (list) list.push(c);
      else answersOf.set(ref, [c]);
    }
  }
  const answered = (m: PlannedMessage) => (answersOf.get(`${m.strategyKey}/${m.priorityKey}`) ?? []).some((c) => c.period === m.period!.label);
  const people = await deps.people.listPeople();
  const byId = new Map(people.map((p) => [p.id, p]));
  const conversations = new Map<string, ConversationRecord>();
  for (const c of await deps.conversations.list()) if (c.personId) conversations.set(c.personId, c);
  const covers = await activeCovers(deps);
  const priorityOf = new Map(priorities.map((p) => [priorityRef(p), p]));
  const strategyOf = new Map(strategies.map((s) => [s.key, s]));
  const reach = (recipientId: string) => (conversations.get(recipientId) ? { conversation: conversations.get(recipientId)! } : {});
  // A chat whose last send failed for good (the app removed, a guest gone) is no route: email takes over.
  const failures = new Map((await deps.reach.list()).map((r) => [r.personId, r.lastFailure]));

  const deliveries: Delivery[] = [];
  // A lead with no Teams chat gets email; with no route at all, the board managers are told by name.
  const leadRoute = (recipientId: string): Pick<Delivery, 'conversation' | 'email' | 'unreachable'> => {
    const person = byId.get(recipientId);
    if (!person) return reach(recipientId);
    return leadRouteOf(person, conversations.get(recipientId), failures.get(recipientId), deps.email !== undefined);
  };
  const unreachable = new Map<string, { person: string; period: PlannedMessage; priorities: string[]; reasons: string[] }>();
  // Lead chain: per priority and period, the latest due step only, if still unanswered and open.
  const latest = new Map<string, PlannedMessage>();
  for (const m of plan) {
    if (!LEAD_CHAIN.includes(m.kind)) continue;
    if (answered(m) || local >= m.period!.closes) continue;
    latest.set(`${m.strategyKey}/${m.priorityKey}|${m.period!.label}`, m);
  }
  // A project lead is asked once per step for all their projects of a workstream, not once per project.
  const asked = gatherProjects([...latest.values()], priorityOf);
  for (const { key, m, priority, units } of asked) {
    const strategy = strategyOf.get(priority.strategyKey)!;
    for (const leadId of leadsOf(priority, units)) {
      // For projects: the ones this lead answers (each project names its own lead, or none).
      const mine = units.filter((u) => u.leads.includes(leadId));
      const cover = mine[0] ?? priority;
      const recipientId = reminderRecipient(leadId, cover, covers);
      const forLead = recipientId !== leadId ? byId.get(leadId)?.name : undefined;
      // A workstream's own reminder also carries the projects its leads answer (none named their own lead).
      const workstreamProjects = mine.length === 0 ? unitsAnsweredByWorkstreamLeads(priority) : [];
      const route = leadRoute(recipientId);
      if (route.unreachable) {
        const u = unreachable.get(`${recipientId}|${m.period!.label}`) ?? { person: recipientId, period: m, priorities: [], reasons: route.unreachable };
        u.priorities.push(...(mine.length > 0 ? mine : [priority]).map(priorityRef));
        unreachable.set(`${recipientId}|${m.period!.label}`, u);
      }
      deliveries.push({
        ref: { key: `${key}|${leadId}`, localDate: m.localDate, kind: m.kind },
        recipientId,
        ...route,
        notice: async () => {
          const to = byId.get(recipientId)!;
          const formOf = (p: Priority) => checkInForm({ strategy, priority: p, period: m.period!, person: to, history: answersOf.get(priorityRef(p)) ?? [], covers, names: byId, submissionId: deps.newId() });
          if (mine.length === 0) return { kind: m.kind as LeadNoticeKind, to, priority, period: m.period!, form: formOf(priority), ...(forLead ? { forLead } : {}), ...(workstreamProjects.length > 0 ? { workstreamProjects } : {}) };
          const projects = mine.map((p) => ({ priority: p, form: formOf(p) }));
          return { kind: m.kind as LeadNoticeKind, to, priority, period: m.period!, form: projects[0]!.form, projects, ...(forLead ? { forLead } : {}) };
        },
      });
    }
  }
  // Board managers, by name, after N working days overdue; a workstream's overdue projects in one notice.
  const overdue = gatherProjects(
    plan.filter((m) => m.kind === 'managers-overdue' && !answered(m) && local < m.period!.closes),
    priorityOf,
  );
  for (const { key, m, priority, units } of overdue) {
    const leads = leadsOf(priority, units);
    const away = leads.map((l) => covers.find((c) => c.personId === l)).find((c) => c !== undefined);
    const boardKey = boardOf(strategyOf.get(priority.strategyKey)!);
    for (const manager of people.filter((p) => managesBoard(p, boardKey))) {
      deliveries.push({
        ref: { key: `${key}|${manager.id}`, localDate: m.localDate, kind: m.kind },
        recipientId: manager.id,
        ...reach(manager.id),
        notice: async () => ({
          kind: 'managers-overdue',
          to: manager,
          priority,
          period: m.period!,
          daysOverdue: daysOverdue(m.period!, local),
          leadNames: namesOf(byId, leads),
          ...(units.length > 0 ? { projects: units.map((u) => ({ title: u.title, leadNames: namesOf(byId, u.leads) })) } : {}),
          ...(away ? { away: { name: byId.get(away.personId)?.name ?? away.personId, until: away.until } } : {}),
        }),
      });
    }
  }
  // Whom no route reaches: every board manager is told once per person and period. The key and its
  // date come from the person and the period, not the day's message, so later nudges add nothing.
  for (const u of unreachable.values()) {
    const period = u.period.period!;
    const person = byId.get(u.person)!;
    for (const manager of people.filter((p) => u.priorities.some((ref) => managesBoard(p, boardOf(strategyOf.get(priorityOf.get(ref)!.strategyKey)!))))) {
      deliveries.push({
        ref: { key: `managers-unreachable|${u.person}|${period.label}|${manager.id}`, localDate: period.opens, kind: 'managers-unreachable' },
        recipientId: manager.id,
        ...reach(manager.id),
        notice: async () => ({
          kind: 'managers-unreachable',
          to: manager,
          person: { id: person.id, name: person.name, ...(person.organisation ? { organisation: person.organisation } : {}) },
          priorities: u.priorities.map((ref) => priorityOf.get(ref)!),
          period,
          reasons: u.reasons,
        }),
      });
    }
  }
  // Each board's latest missed digest only, to that board's channel.
  const lastDigest = new Map<string, PlannedMessage>();
  for (const m of plan) if (m.kind === 'digest' && m.boardKey) lastDigest.set(m.boardKey, m);
  for (const [boardKey, digest] of lastDigest) {
    const board = boards.find((b) => b.key === boardKey)!;
    const channel = await boardChannel(deps, boardKey, boards.length);
    deliveries.push({
      ref: { key: digest.key, localDate: digest.localDate, kind: 'digest' },
      recipientId: boardChannelKey(boardKey),
      channel: board.name,
      ...(channel ? { conversation: channel } : {}),
      notice: async () => ({ kind: 'digest', digest: await buildDigest(deps, board) }),
    });
  }

  report.due = deliveries.length;
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const d = deliveries[next++]!;
      const claim = await deps.outbox.claim(d.ref, deps.instanceId, deps.clock.now(), deps.leaseMs);
      if (claim === 'done') report.alreadyDone += 1;
      if (claim === 'busy') report.busy += 1;
      if (typeof claim === 'string') continue;
      // Outcomes are written on this claim only; a lost one is counted, the other owner's stands.
      const settle = async (written: Promise<boolean>) => {
        if (!(await written)) report.lostClaims += 1;
      };
      if (!d.email && (!d.conversation || !(d.channel || byId.has(d.recipientId)))) {
        const note = d.unreachable ? describeRoute({ kind: 'none', reasons: d.unreachable }) : d.channel ? `no board channel registered for ${d.channel}` : 'recipient has not installed the bot';
        await settle(deps.outbox.complete(claim, { status: 'undeliverable', recipientId: d.recipientId, note }, deps.clock.now()));
        report.undeliverable += 1;
        continue;
      }
      try {
        // The route is recorded with the entry, so the ledger says how each lead was reached.
        if (d.email) await deps.email!.send(d.email, await d.notice(), d.ref.key);
        else await deps.notifier.send(d.conversation!.reference, await d.notice());
        await settle(deps.outbox.complete(claim, { status: 'sent', recipientId: d.recipientId, note: d.email ? `via email (${d.email.email})` : 'via Teams' }, deps.clock.now()));
        report.sent += 1;
      } catch (e) {
        // One retry layer: the Connector client's own (within a send). A send that still fails is
        // given back to the outbox and tried again on a later tick, not in a loop here.
        const retryable = !(e instanceof NotifierError) || e.retryable;
        if (retryable) await settle(deps.outbox.release(claim, (e as Error).message));
        else {
          await settle(deps.outbox.complete(claim, { status: 'failed', recipientId: d.recipientId, note: (e as Error).message }, deps.clock.now()));
          // `reach` says why this person cannot be reached, until a newer chat is stored.
          if (byId.has(d.recipientId)) await recordFailure(deps.reach, d.recipientId, (e as Error).message, deps.clock.now());
        }
        report.failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, worker));
  return report;
}

/** How a lead's notice travels: their Teams chat, else email (when this instance sends email), else nowhere and why. */
export function leadRouteOf(
  person: Person,
  chat: ConversationRecord | undefined,
  lastFailure: { at: string; note: string } | undefined,
  emailConfigured: boolean,
): { conversation?: ConversationRecord; email?: { name: string; email: string }; unreachable?: string[] } {
  const failure = standingFailure(lastFailure, chat);
  const route = routeFor(person, { ...(chat ? { chat: { ...(chat.origin ? { origin: chat.origin } : {}) } } : {}), graphConfigured: false, ...(failure ? { lastFailure: failure } : {}) });
  if (route.kind === 'teams') return { conversation: chat! };
  if (route.kind === 'email' && emailConfigured) return { email: { name: person.name, email: route.address } };
  return { unreachable: route.kind === 'none' ? route.reasons : ['email is not set up on this instance'] };
}

/** Working days a period has been overdue (for previews and notices). */
export function workingDaysOverdue(calendar: WorkingCalendar, due: string, today: string): number {
  return workingDaysBetween(calendar, due, today);
}

/** A planned message for a priority, or for the projects of a workstream gathered under one key. */
interface Asked {
  /** The outbox key: the message's own, or one per workstream, kind, period and step for projects. */
  key: string;
  m: PlannedMessage;
  /** The priority, or the projects' workstream. */
  priority: Priority;
  /** The projects gathered (none for a priority's own message). */
  units: Priority[];
}

/**
 * Gathers the planned messages of a workstream's projects into one per workstream, kind, period
 * and step (the first message stands for them); a priority's own message stays as it is.
 */
function gatherProjects(messages: readonly PlannedMessage[], priorityOf: ReadonlyMap<string, Priority>): Asked[] {
  const out: Asked[] = [];
  const groups = new Map<string, Asked>();
  for (const m of messages) {
    const priority = priorityOf.get(`${m.strategyKey}/${m.priorityKey}`)!;
    const workstream = priority.workstream ? priorityOf.get(`${priority.strategyKey}/${priority.workstream.key}`) : undefined;
    if (!workstream) {
      out.push({ key: m.key, m, priority, units: [] });
      continue;
    }
    const key = m.key.replace(`|${priorityRef(priority)}|`, `|${priorityRef(workstream)}~projects|`);
    let group = groups.get(key);
    if (!group) {
      group = { key, m, priority: workstream, units: [] };
      groups.set(key, group);
      out.push(group);
    }
    group.units.push(priority);
  }
  return out;
}

/** Who is asked: the priority's leads (else its deputies), or every lead of the gathered projects. */
function leadsOf(priority: Priority, units: readonly Priority[]): string[] {
  return units.length > 0 ? [...new Set(units.flatMap((u) => askedFor(u)))] : askedFor(priority);
}
