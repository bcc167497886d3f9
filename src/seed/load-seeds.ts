import type { CheckIn } from '../domain/check-in';
import { boardKeyFor, type Board } from '../domain/board';
import type { Kpi } from '../domain/kpi';
import type { Person } from '../domain/person';
import type { CheckInStore, PersonStore, SeedLedger, StrategyStore } from '../domain/ports';
import type { Priority, Strategy } from '../domain/strategy';
import { WEEKDAY_NAMES } from '../domain/zoned-time';
import type { PeopleSeed, StrategySeed } from './schema';
import type { SeedSet } from './seed-files';

export interface SeedStores {
  strategies: StrategyStore;
  people: PersonStore;
  checkIns: CheckInStore;
  ledger: SeedLedger;
}

export interface LoadReport {
  skipped: boolean;
  strategies: number;
  priorities: number;
  people: number;
  checkInsCreated: number;
}

const LEDGER_NAME = 'seeds';

/** The domain model of a strategy file (pure mapping; people assignments merged in). */
export function toDomain(seed: StrategySeed, people: PeopleSeed | undefined): { strategy: Strategy; priorities: Priority[]; checkIns: Omit<CheckIn, 'version'>[] } {
  const strategy: Strategy = {
    key: seed.key,
    title: seed.title,
    board: seed.board,
    boardKey: people?.boards?.find((b) => b.name === seed.board)?.key ?? boardKeyFor(seed.board),
    area: seed.area,
    years: seed.years,
    reportingFrequency: seed.reportingFrequency,
    themes: seed.themes,
    plusGroups: seed.plusGroups ?? [],
    sources: seed.sources,
    kpis: [],
  };
  const kpis: Kpi[] = seed.indicators.map((k) => {
    const kpi: Kpi = { key: k.key, name: k.name, unit: k.unit, polarity: k.polarity, baseline: k.baseline, readings: k.readings };
    if (k.priority) kpi.priorityKey = k.priority;
    if (k.project) kpi.projectKey = k.project;
    if (k.theme) kpi.themeKey = k.theme;
    if (k.originalBaseline) kpi.originalBaseline = k.originalBaseline;
    if (k.target) kpi.target = k.target;
    if (k.flags) kpi.flags = k.flags;
    if (k.notes) kpi.notes = k.notes;
    if (k.min !== undefined) kpi.min = k.min;
    if (k.max !== undefined) kpi.max = k.max;
    return kpi;
  });
  // KPIs tied to a theme or to the strategy as a whole (as in the 2013-16 paper) stay on the strategy.
  strategy.kpis = kpis.filter((k) => k.priorityKey === undefined);
  const priorities: Priority[] = seed.priorities.map((p) => {
    const assignment = people?.assignments.find((a) => a.strategy === seed.key && a.priority === p.key && a.project === undefined);
    const { key, number, title, theme, kind, status, frequency, contacts, projects, ...rest } = p;
    return {
      ...rest,
      ...(projects
        ? {
            projects: projects.map((x) => {
              const named = people?.assignments.find((a) => a.strategy === seed.key && a.priority === p.key && a.project === x.key);
              return { ...x, ...(named ? { leads: named.leads, deputies: named.deputies } : {}) };
            }),
          }
        : {}),
      strategyKey: seed.key,
      key,
      number,
      title,
      themeKey: theme,
      kind: kind ?? 'priority',
      status: status ?? 'active',
      frequency: frequency ?? seed.reportingFrequency,
      contacts: contacts ?? [],
      kpis: kpis.filter((k) => k.priorityKey === key),
      leads: assignment?.leads ?? [],
      deputies: assignment?.deputies ?? [],
    };
  });
  const checkIns = seed.checkIns.map((c) => {
    const checkIn: Omit<CheckIn, 'version'> = {
      strategyKey: seed.key,
      priorityKey: c.priority,
      period: c.period,
      update: c.update,
      plusGroups: {},
      kpiReadings: {},
      submittedBy: c.submittedBy,
      submittedByName: c.submittedBy,
      submittedAt: `${c.submittedAt.length === 7 ? `${c.submittedAt}-01` : c.submittedAt}T00:00:00.000Z`,
      submissionId: `seed:${seed.key}:${c.priority}:${c.period}`,
      source: c.source,
    };
    if (c.rag) checkIn.rag = c.rag;
    if (c.nextSteps) checkIn.nextSteps = c.nextSteps;
    if (c.risks) checkIn.risks = c.risks;
    if (c.escalation) checkIn.escalation = c.escalation;
    return checkIn;
  });
  return { strategy, priorities, checkIns };
}

export function toBoards(seed: PeopleSeed | undefined): Board[] {
  return (seed?.boards ?? []).map((b) => {
    const board: Board = { key: b.key, name: b.name };
    if (b.digestDay) board.digestWeekday = WEEKDAY_NAMES.indexOf(b.digestDay);
    if (b.digestTime) board.digestTime = b.digestTime;
    return board;
  });
}

export function toPeople(seed: PeopleSeed): Person[] {
  return seed.people.map((p) => {
    const person: Person = { id: p.id, name: p.name, boardManager: p.boardManager === true || (p.manages ?? []).length > 0 };
    if (p.manages) person.manages = p.manages;
    if (p.organisation) person.organisation = p.organisation;
    if (p.email) person.email = p.email;
    if (p.aadObjectId) person.aadObjectId = p.aadObjectId;
    if (p.organisation) person.organisation = p.organisation;
    return person;
  });
}

/**
 * Loads a validated seed set. Idempotent: when the same files were loaded before, nothing is
 * written. Historical check-ins are only ever created, never overwrite a live answer.
 */
export async function loadSeeds(stores: SeedStores, set: SeedSet, now: Date, options: { force?: boolean } = {}): Promise<LoadReport> {
  const report: LoadReport = { skipped: false, strategies: 0, priorities: 0, people: 0, checkInsCreated: 0 };
  if (!options.force && (await stores.ledger.lastLoaded(LEDGER_NAME)) === set.hash) return { ...report, skipped: true };
  const people = set.people?.seed;
  for (const board of toBoards(people)) await stores.strategies.putBoard(board);
  for (const person of people ? toPeople(people) : []) {
    await stores.people.putPerson(person);
    report.people += 1;
  }
  for (const { seed } of set.strategies) {
    const { strategy, priorities, checkIns } = toDomain(seed, people);
    await stores.strategies.putStrategy(strategy);
    report.strategies += 1;
    for (const p of priorities) await stores.strategies.putPriority(p);
    report.priorities += priorities.length;
    for (const c of checkIns) {
      const outcome = await stores.checkIns.save(c, 0);
      if (outcome.kind === 'saved') report.checkInsCreated += 1;
    }
  }
  await stores.ledger.recordLoaded(LEDGER_NAME, set.hash, now.toISOString());
  return report;
}
