import type { BoardSettings } from '../../src/app/deps';
import type { CheckIn } from '../../src/domain/check-in';
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
    /** A project under this workstream (no `leads`: the workstream's leads answer it). */
    withProject: (projectKey: string, title: string, leads?: string[]) => ((p.kind = 'workstream'), (p.projects = [...(p.projects ?? []), { key: projectKey, title, ...(leads ? { leads } : {}) }]), b),
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
