import type { BoardSettings } from '../../src/app/deps';
import { boardsOf } from '../../src/domain/board';
import { WEEKDAYS_ONLY, type WorkingCalendar } from '../../src/domain/calendar';
import type { CheckIn } from '../../src/domain/check-in';
import type { CycleSettings } from '../../src/domain/cycle';
import { dueMessages, type CycleSnapshot } from '../../src/domain/delivery-plan';
import type { ConversationRecord, Cover } from '../../src/domain/ports';
import { remindedUnits } from '../../src/domain/project';
import { priorityRef } from '../../src/domain/strategy';
import { DEFAULT_PERIOD_POLICY } from '../../src/domain/period';
import type { Kpi, KpiFlags } from '../../src/domain/kpi';
import type { Person } from '../../src/domain/person';
import type { Rag } from '../../src/domain/rag';
import type { Priority, Strategy } from '../../src/domain/strategy';

/** Object Mothers: each test says only what matters to it. */
export function aKpi() {
  const kpi: Kpi = { key: 'k', name: 'Indicator', unit: '%', polarity: 'high-is-good', baseline: { period: '2022/23', value: 50 }, readings: [] };
  const b = {
    lowIsGood: () => ((kpi.polarity = 'low-is-good'), b),
    baseline: (value: number, period = '2022/23') => ((kpi.baseline = { period, value }), b),
    latest: (value: number, period = '2024/25') => (kpi.readings.push({ period, value }), b),
    target: (value: number, by?: string) => ((kpi.target = { value, ...(by ? { by } : {}) }), b),
    flagged: (flag: keyof KpiFlags, reason: string) => ((kpi.flags = { ...kpi.flags, [flag]: reason }), b),
    build: (): Kpi => structuredClone(kpi),
  };
  return b;
}

export function aCheckIn() {
  const c: CheckIn = { strategyKey: 's', priorityKey: 'p', period: '2024-Q3', rag: 'amber', update: 'Update', plusGroups: {}, kpiReadings: {}, submittedBy: 'x', submittedByName: 'X', submittedAt: '2024-10-02T09:00:00.000Z', version: 1, submissionId: 'sub-1' };
  const rag = (r: Rag) => ((c.rag = r), b);
  const b = {
    red: () => rag('red'),
    amber: () => rag('amber'),
    green: () => rag('green'),
    forPeriod: (p: string) => ((c.period = p), b),
    forPriority: (priorityKey: string, strategyKey = c.strategyKey) => ((c.priorityKey = priorityKey), (c.strategyKey = strategyKey), b),
    escalating: (text: string) => ((c.escalation = text), b),
    saying: (update: string) => ((c.update = update), b),
    unchanged: () => ((c.noChange = true), b),
    reading: (kpiKey: string, value: number) => ((c.kpiReadings[kpiKey] = value), b),
    by: (personId: string, name = personId) => ((c.submittedBy = personId), (c.submittedByName = name), b),
    build: (): CheckIn => structuredClone(c),
  };
  return b;
}

export function aStrategy(key = 's') {
  const s: Strategy = { key, title: `Strategy ${key}`, board: 'Test Health and Wellbeing Board', area: 'Testshire', years: { from: 2025, to: 2028 }, reportingFrequency: 'quarterly', themes: [{ key: 't', title: 'Theme' }], plusGroups: [], sources: ['test'], kpis: [] };
  const b = {
    years: (from: number, to: number) => ((s.years = { from, to }), b),
    plusGroup: (key: string, name: string, status: 'agreed' | 'proposed' = 'agreed') => (s.plusGroups.push({ key, name, status }), b),
    build: (): Strategy => structuredClone(s),
  };
  return b;
}

export function aPriority(key = '1', strategyKey = 's') {
  const p: Priority = { strategyKey, key, number: key, title: `We will improve ${key}`, themeKey: 't', kind: 'priority', status: 'active', contacts: [], frequency: 'quarterly', kpis: [], leads: ['lead'], deputies: [] };
  const b = {
    titled: (title: string) => ((p.title = title), b),
    every: (frequency: Priority['frequency']) => ((p.frequency = frequency), b),
    ledBy: (...ids: string[]) => ((p.leads = ids), b),
    deputisedBy: (...ids: string[]) => ((p.deputies = ids), b),
    status: (status: Priority['status']) => ((p.status = status), b),
    withKpi: (kpi: Kpi) => (p.kpis.push({ ...kpi, priorityKey: key }), b),
    /** A project of this workstream, answered by `leads` (none: by the workstream's lead). */
    withProject: (projectKey: string, title: string, ...leads: string[]) => ((p.kind = 'workstream'), (p.projects = [...(p.projects ?? []), { key: projectKey, title, ...(leads.length > 0 ? { leads } : {}) }]), b),
    build: (): Priority => structuredClone(p),
  };
  return b;
}

export function aPerson(id = 'lead') {
  const p: Person = { id, name: id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' '), boardManager: false, aadObjectId: `aad-${id}` };
  const b = {
    named: (name: string) => ((p.name = name), b),
    manager: () => ((p.boardManager = true), b),
    build: (): Person => structuredClone(p),
  };
  return b;
}

/** A board's settings as the composition root gives them: London time, answers due 14 days after a period ends. */
export function aBoard() {
  const s: BoardSettings = { timeZone: 'Europe/London', periodPolicy: { ...DEFAULT_PERIOD_POLICY } };
  const b = {
    dueAfterDays: (days: number) => ((s.periodPolicy = { ...s.periodPolicy, dueAfterDays: days }), b),
    build: (): BoardSettings => structuredClone(s),
  };
  return b;
}

/** The cycle as the composition root sets it by default: 09:30 London, a nudge 3 working days before due, managers after 5, Monday's digest. */
export const CYCLE_SETTINGS: CycleSettings = {
  timeZone: 'Europe/London',
  sendTime: '09:30',
  nudgeWorkingDaysBeforeDue: [3],
  managersAfterWorkingDaysOverdue: 5,
  digest: { weekday: 1, time: '09:00' },
  periodPolicy: { ...DEFAULT_PERIOD_POLICY },
};

/** A personal chat (or a board channel) as the conversation store keeps it. */
export function aChat(personId: string, origin?: ConversationRecord['origin']): ConversationRecord {
  return { key: `user:${personId}`, personId, reference: { conversation: { id: `chat-${personId}` } }, updatedAt: '2026-01-01T00:00:00.000Z', ...(origin ? { origin } : {}) };
}

/**
 * What the reporting cycle loads, built by hand: one strategy (`s`), and only what each test
 * adds. `at(now)` works out the messages due by then, as the loader does.
 */
export function aCycleSnapshot() {
  const strategies = [aStrategy().build()];
  const priorities: Priority[] = [];
  const people: Person[] = [];
  const answers: CheckIn[] = [];
  const chats = new Map<string, ConversationRecord>();
  const covers: Cover[] = [];
  const failures = new Map<string, { at: string; note: string }>();
  const channels = new Map<string, ConversationRecord>();
  let emailEnabled = false;
  const b = {
    priority: (p: Priority) => (priorities.push(structuredClone(p)), b),
    /** A person; `{ chat: true }` stores their personal chat with the bot. */
    person: (p: Person, options: { chat?: boolean } = {}) => (people.push(structuredClone(p)), options.chat ? chats.set(p.id, aChat(p.id)) : undefined, b),
    answered: (c: CheckIn) => (answers.push(structuredClone(c)), b),
    away: (personId: string, until: string, deputyId?: string) => (covers.push({ personId, until, setAt: '2026-01-01T00:00:00.000Z', ...(deputyId ? { deputyId } : {}) }), b),
    sendFailed: (personId: string, note: string, at = '2026-06-01T00:00:00.000Z') => (failures.set(personId, { at, note }), b),
    channel: (boardKey: string) => (channels.set(boardKey, { key: `board-channel:${boardKey}`, reference: { conversation: { id: `channel-${boardKey}` } }, updatedAt: '2026-01-01T00:00:00.000Z' }), b),
    withEmail: () => ((emailEnabled = true), b),
    at: (now: Date, calendar: WorkingCalendar = WEEKDAYS_ONLY): CycleSnapshot => {
      const units = [...priorities, ...remindedUnits(priorities)];
      const boards = boardsOf([], strategies);
      const byRef = new Map<string, CheckIn[]>();
      for (const c of answers) byRef.set(priorityRef({ strategyKey: c.strategyKey, key: c.priorityKey }), [...(byRef.get(priorityRef({ strategyKey: c.strategyKey, key: c.priorityKey })) ?? []), c]);
      const due = dueMessages(strategies, units, boards, CYCLE_SETTINGS, calendar, now);
      return { settings: CYCLE_SETTINGS, strategies, priorities: units, boards, due, answers: byRef, people, chats, covers, failures, channels, emailEnabled };
    },
  };
  return b;
}
