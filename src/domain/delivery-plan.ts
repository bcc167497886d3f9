import type { WorkingCalendar } from './calendar';
import type { CheckIn } from './check-in';
import { LEAD_CHAIN, planCycle, type CycleSettings, type PlannedMessage } from './cycle';
import { daysOverdue } from './escalation';
import type { LeadNoticeKind, Notice } from './notice';
import { addDays, type ReportingPeriod } from './period';
import { namesOf, type Person } from './person';
import type { ConversationRecord, Cover, OutboxMessageRef } from './ports';
import { describeRoute, routeFor, standingFailure } from './reach';
import { reminderRecipient } from './rights';
import { askedFor, priorityRef, type Priority, type Strategy } from './strategy';
import { unitsAnsweredByWorkstreamLeads } from './project';
import { boardChannelKey, boardOf, managesBoard, type Board } from './board';
import { localParts } from './zoned-time';

/**
 * The reporting cycle's middle step, pure: from a snapshot of what is stored and `now`, who is
 * sent what and by which route. The use case loads the snapshot before and delivers through the
 * outbox after; nothing here reads a store or the clock.
 */

/** Days a restarted instance looks back for missed messages: a week's downtime is caught up, not a quarter's. */
export const CATCH_UP_DAYS = 7;

/**
 * Days back to the opening of any period still open (a year, and its answer window after it):
 * how far a new lead's current step is looked for, however long ago its period opened.
 */
export const OPEN_PERIOD_DAYS = 450;

/** What the plan is worked out from, loaded in one go. */
export interface CycleSnapshot {
  settings: CycleSettings;
  strategies: Strategy[];
  /** Priorities, and the projects with a named lead (reminded like priorities). */
  priorities: Priority[];
  boards: Board[];
  /** The messages due by now (from `dueMessages`); the rest of the snapshot is loaded for these only. */
  due: PlannedMessage[];
  /** Check-ins by `priorityRef`, for the strategies with something due. */
  answers: ReadonlyMap<string, CheckIn[]>;
  people: Person[];
  /** Personal chats by person id. */
  chats: ReadonlyMap<string, ConversationRecord>;
  /** Today's covers (leads away, and who answers for them). */
  covers: Cover[];
  /** The last final failure to reach each person, by person id. */
  failures: ReadonlyMap<string, { at: string; note: string }>;
  /** Each board's digest channel, for the boards with a digest due (absent: none registered). */
  channels: ReadonlyMap<string, ConversationRecord>;
  /** Whether email is set up on this instance: leads with no Teams chat are reminded by email. */
  emailEnabled: boolean;
  /** GRAPH_ENABLED=true: the app was installed for leads in no chat where Graph allowed (`reach` words it so). */
  graphConfigured?: boolean;
}

/** What a delivery says, as far as the plan can tell: the rest is built once the outbox entry is claimed. */
export type NoticeToBuild =
  /** A notice that is plain data already (the managers'). */
  | { kind: 'ready'; notice: Notice }
  /** A lead's reminder with the check-in form(s): each form takes a fresh submission id. */
  | { kind: 'check-in'; noticeKind: LeadNoticeKind; to: Person; strategy: Strategy; priority: Priority; period: ReportingPeriod; projects: Priority[]; forLead?: string; workstreamProjects?: Priority[] }
  /** A board's digest, built from the board's picture at send time. */
  | { kind: 'digest'; board: Board };

/** How one outbox entry is delivered, or why it cannot be. */
export type DeliveryRoute =
  | { via: 'teams'; conversation: ConversationRecord; notice: NoticeToBuild }
  | { via: 'email'; to: { name: string; email: string }; notice: NoticeToBuild }
  /** Nothing reaches the recipient: the outbox entry is closed as undeliverable with this note. */
  | { via: 'none'; note: string };

/** One outbox entry to send: the planned slot, for whom, and how. */
export type PlannedDelivery = DeliveryRoute & {
  ref: OutboxMessageRef;
  recipientId: string;
  /** A person (not a board channel): a final failure is recorded against them in `reach`. */
  isPerson: boolean;
};

/**
 * What the cycle sends by `now` and may still be due: the plan of the last `catchUpDays` days up
 * to today in the board's time zone, with a send time already passed.
 */
export function dueMessages(strategies: readonly Strategy[], priorities: readonly Priority[], boards: readonly Board[], settings: CycleSettings, calendar: WorkingCalendar, now: Date, catchUpDays = CATCH_UP_DAYS): PlannedMessage[] {
  const today = localParts(now, settings.timeZone).date;
  return planCycle(strategies, priorities, settings, calendar, addDays(today, -catchUpDays), today, boards).filter((m) => m.sendAt.getTime() <= now.getTime());
}

/**
 * Every delivery the due messages make, in send order: lead reminders (the latest step of each
 * unanswered, still open period only, so catching up sends no reminder + nudge + overdue burst),
 * the managers' overdue notices, the managers' notices of leads nobody can reach, and each board's
 * last missed digest.
 */
export function planDeliveries(snapshot: CycleSnapshot, now: Date): PlannedDelivery[] {
  const { due, people, covers } = snapshot;
  const today = localParts(now, snapshot.settings.timeZone).date;
  const byId = new Map(people.map((p) => [p.id, p]));
  const priorityOf = new Map(snapshot.priorities.map((p) => [priorityRef(p), p]));
  const strategyOf = new Map(snapshot.strategies.map((s) => [s.key, s]));
  const refOf = (m: PlannedMessage) => priorityRef({ strategyKey: m.strategyKey!, key: m.priorityKey! });
  const answered = (m: PlannedMessage) => (snapshot.answers.get(refOf(m)) ?? []).some((c) => c.period === m.period!.label);
  const open = (m: PlannedMessage) => !answered(m) && today < m.period!.closes;
  const out: PlannedDelivery[] = [];

  const unreachable = new Map<string, { person: string; period: ReportingPeriod; priorities: string[]; reasons: string[] }>();
  // Lead chain: per priority and period, the latest due step only, if still unanswered and open.
  const latest = new Map<string, PlannedMessage>();
  for (const m of due) if (LEAD_CHAIN.includes(m.kind) && open(m)) latest.set(`${refOf(m)}|${m.period!.label}`, m);
  // A project lead is asked once per step for all their projects of a workstream, not once per project.
  for (const { key, m, priority, units } of gatherProjects([...latest.values()], priorityOf)) {
    const strategy = strategyOf.get(priority.strategyKey)!;
    for (const leadId of leadsOf(priority, units)) {
      // For projects: the ones this lead answers (each project names its own lead, or none).
      const mine = units.filter((u) => u.leads.includes(leadId));
      const recipientId = reminderRecipient(leadId, mine[0] ?? priority, covers);
      const forLead = recipientId !== leadId ? byId.get(leadId)?.name : undefined;
      // A workstream's own reminder also carries the projects its leads answer (none named their own lead).
      const workstreamProjects = mine.length === 0 ? unitsAnsweredByWorkstreamLeads(priority) : [];
      const route = leadRoute(snapshot, byId.get(recipientId), snapshot.chats.get(recipientId));
      if (route.kind === 'none') {
        const at = `${recipientId}|${m.period!.label}`;
        const u = unreachable.get(at) ?? { person: recipientId, period: m.period!, priorities: [], reasons: route.reasons };
        u.priorities.push(...(mine.length > 0 ? mine : [priority]).map(priorityRef));
        unreachable.set(at, u);
      }
      const to = byId.get(recipientId);
      const notice: NoticeToBuild | undefined = to && { kind: 'check-in', noticeKind: m.kind as LeadNoticeKind, to, strategy, priority, period: m.period!, projects: mine, ...(forLead ? { forLead } : {}), ...(workstreamProjects.length > 0 ? { workstreamProjects } : {}) };
      const ref = { key: `${key}|${leadId}`, localDate: m.localDate, kind: m.kind };
      out.push({ ref, recipientId, isPerson: to !== undefined, ...deliveryRoute(route, notice, 'recipient has not installed the bot') });
    }
  }

  // Board managers, by name, after N working days overdue; a workstream's overdue projects in one notice.
  for (const { key, m, priority, units } of gatherProjects(due.filter((m) => m.kind === 'managers-overdue' && open(m)), priorityOf)) {
    const leads = leadsOf(priority, units);
    const away = leads.map((l) => covers.find((c) => c.personId === l)).find((c) => c !== undefined);
    const boardKey = boardOf(strategyOf.get(priority.strategyKey)!);
    for (const manager of people.filter((p) => managesBoard(p, boardKey))) {
      const notice: Notice = {
        kind: 'managers-overdue',
        to: manager,
        priority,
        period: m.period!,
        daysOverdue: daysOverdue(m.period!, today),
        leadNames: namesOf(byId, leads),
        ...(units.length > 0 ? { projects: units.map((u) => ({ title: u.title, leadNames: namesOf(byId, u.leads) })) } : {}),
        ...(away ? { away: { name: byId.get(away.personId)?.name ?? away.personId, until: away.until } } : {}),
      };
      out.push(toManager(snapshot, { key: `${key}|${manager.id}`, localDate: m.localDate, kind: m.kind }, manager, notice));
    }
  }

  // Whom no route reaches: every board manager is told once per person and period. The key and its
  // date come from the person and the period, not the day's message, so later nudges add nothing.
  for (const u of unreachable.values()) {
    const person = byId.get(u.person)!;
    const boardsOfPriorities = u.priorities.map((ref) => boardOf(strategyOf.get(priorityOf.get(ref)!.strategyKey)!));
    for (const manager of people.filter((p) => boardsOfPriorities.some((b) => managesBoard(p, b)))) {
      const notice: Notice = {
        kind: 'managers-unreachable',
        to: manager,
        person: { id: person.id, name: person.name, ...(person.organisation ? { organisation: person.organisation } : {}) },
        priorities: u.priorities.map((ref) => priorityOf.get(ref)!),
        period: u.period,
        reasons: u.reasons,
      };
      out.push(toManager(snapshot, { key: `managers-unreachable|${u.person}|${u.period.label}|${manager.id}`, localDate: u.period.opens, kind: 'managers-unreachable' }, manager, notice));
    }
  }

  // Each board's latest missed digest only, to that board's channel.
  const lastDigest = new Map<string, PlannedMessage>();
  for (const m of due) if (m.kind === 'digest' && m.boardKey) lastDigest.set(m.boardKey, m);
  for (const [boardKey, digest] of lastDigest) {
    const board = snapshot.boards.find((b) => b.key === boardKey)!;
    const channel = snapshot.channels.get(boardKey);
    const ref = { key: digest.key, localDate: digest.localDate, kind: 'digest' };
    const route = channel ? { via: 'teams' as const, conversation: channel, notice: { kind: 'digest' as const, board } } : { via: 'none' as const, note: `no board channel registered for ${board.name}` };
    out.push({ ref, recipientId: boardChannelKey(boardKey), isPerson: false, ...route });
  }
  return out;
}

/** A lead's route: a Teams chat, else email when it is set up, else none (with the reasons, for the managers). */
type LeadRoute = { kind: 'teams'; conversation: ConversationRecord } | { kind: 'email'; to: { name: string; email: string } } | { kind: 'none'; reasons: string[] } | { kind: 'unknown'; conversation?: ConversationRecord };

// A lead with no Teams chat gets email; with no route at all, the board managers are told by name.
function leadRoute(snapshot: CycleSnapshot, person: Person | undefined, chat: ConversationRecord | undefined): LeadRoute {
  // Somebody the people list does not know: the chat, if any, is all there is (and cannot be used).
  if (!person) return { kind: 'unknown', ...(chat ? { conversation: chat } : {}) };
  const route = leadRouteOf(person, chat, snapshot.failures.get(person.id), snapshot.emailEnabled, snapshot.graphConfigured === true);
  if (route.conversation) return { kind: 'teams', conversation: route.conversation };
  if (route.email) return { kind: 'email', to: route.email };
  return { kind: 'none', reasons: route.unreachable ?? [] };
}

/**
 * How a lead's notice travels: their Teams chat, else email (when this instance sends email),
 * else nowhere and why. Shared by the cycle and `chase`, so both reach a lead the same way.
 */
export function leadRouteOf(
  person: Person,
  chat: ConversationRecord | undefined,
  lastFailure: { at: string; note: string } | undefined,
  emailConfigured: boolean,
  graphConfigured = false,
): { conversation?: ConversationRecord; email?: { name: string; email: string }; unreachable?: string[] } {
  // A chat whose last send failed for good (the app removed, a guest gone) is no route: email takes over.
  const failure = standingFailure(lastFailure, chat);
  const route = routeFor(person, { ...(chat ? { chat: { ...(chat.origin ? { origin: chat.origin } : {}) } } : {}), graphConfigured, ...(failure ? { lastFailure: failure } : {}) });
  if (route.kind === 'teams') return { conversation: chat! };
  if (route.kind === 'email' && emailConfigured) return { email: { name: person.name, email: route.address } };
  return { unreachable: route.kind === 'none' ? route.reasons : ['email is not set up on this instance'] };
}

function deliveryRoute(route: LeadRoute, notice: NoticeToBuild | undefined, noPerson: string): DeliveryRoute {
  if (route.kind === 'none') return { via: 'none', note: describeRoute({ kind: 'none', reasons: route.reasons }) };
  if (!notice) return { via: 'none', note: noPerson };
  if (route.kind === 'email') return { via: 'email', to: route.to, notice };
  if (route.kind === 'teams') return { via: 'teams', conversation: route.conversation, notice };
  return { via: 'none', note: noPerson };
}

/** A manager is told in their personal chat; with none, the entry is closed as undeliverable. */
function toManager(snapshot: CycleSnapshot, ref: OutboxMessageRef, manager: Person, notice: Notice): PlannedDelivery {
  const chat = snapshot.chats.get(manager.id);
  const route: DeliveryRoute = chat ? { via: 'teams', conversation: chat, notice: { kind: 'ready', notice } } : { via: 'none', note: 'recipient has not installed the bot' };
  return { ref, recipientId: manager.id, isPerson: true, ...route };
}

/**
 * The outbox entries the cycle gives `leadId` for `steps` (one priority's and its projects'
 * lead chain), keyed as `planDeliveries` keys them: a step of a workstream's projects is one
 * entry per lead. What is cancelled when they no longer answer for it, or reopened when they do again.
 */
export function leadStepRefs(steps: readonly PlannedMessage[], priorities: readonly Priority[], leadId: string): OutboxMessageRef[] {
  const priorityOf = new Map(priorities.map((p) => [priorityRef(p), p]));
  const known = steps.filter((m) => LEAD_CHAIN.includes(m.kind) && priorityOf.has(priorityRef({ strategyKey: m.strategyKey!, key: m.priorityKey! })));
  return gatherProjects(known, priorityOf).map(({ key, m }) => ({ key: `${key}|${leadId}`, localDate: m.localDate, kind: m.kind }));
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
    const priority = priorityOf.get(priorityRef({ strategyKey: m.strategyKey!, key: m.priorityKey! }))!;
    const workstream = priority.workstream ? priorityOf.get(priorityRef({ strategyKey: priority.strategyKey, key: priority.workstream.key })) : undefined;
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
