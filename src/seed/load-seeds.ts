import type { CheckIn } from '../domain/check-in';
import { boardKeyFor, type Board } from '../domain/board';
import type { Kpi } from '../domain/kpi';
import type { Person } from '../domain/person';
import type { BoardPeopleVersions, CheckInStore, PersonStore, SeedLedger, StrategyStore } from '../domain/ports';
import type { Priority, Strategy } from '../domain/strategy';
import { WEEKDAY_NAMES } from '../domain/zoned-time';
import type { PeopleSeed, StrategySeed } from './schema';
import type { SeedSet } from './seed-files';

export interface SeedStores {
  strategies: StrategyStore;
  people: PersonStore;
  checkIns: CheckInStore;
  ledger: SeedLedger;
  boardPeople: BoardPeopleVersions;
}

export interface LoadReport {
  skipped: boolean;
  strategies: number;
  priorities: number;
  people: number;
  checkInsCreated: number;
  /** Boards whose people were changed in Teams: the file's people and assignments were not applied to them. */
  keptFromTeams: { boardKey: string; changedAt: string }[];
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
    if (p.retired) person.retired = p.retired;
    return person;
  });
}

/**
 * Loads a validated seed set. Idempotent: when the same files were loaded before, nothing is
 * written. Historical check-ins are only ever created, never overwrite a live answer.
 *
 * The seeds are the first import of a board's people: once its managers have changed them in
 * Teams, a changed file leaves that board's leads, deputies and managers as Teams left them
 * (`keptFromTeams` says which); `forcePeople` (`hwb-bot seed load --people --force`) replaces them
 * with the file's, deliberately.
 */
export async function loadSeeds(stores: SeedStores, set: SeedSet, now: Date, options: { force?: boolean; forcePeople?: boolean } = {}): Promise<LoadReport> {
  const report: LoadReport = { skipped: false, strategies: 0, priorities: 0, people: 0, checkInsCreated: 0, keptFromTeams: [] };
  if (!options.force && (await stores.ledger.lastLoaded(LEDGER_NAME)) === set.hash) return { ...report, skipped: true };
  const people = set.people?.seed;
  const records = options.forcePeople ? [] : (await stores.boardPeople.list()).filter((r) => r.source === 'teams');
  const kept = new Set(records.map((r) => r.boardKey));
  report.keptFromTeams = records.map((r) => ({ boardKey: r.boardKey, changedAt: r.changedAt })).sort((a, b) => a.boardKey.localeCompare(b.boardKey));
  const domain = set.strategies.map(({ seed }) => toDomain(seed, people));
  const boards = toBoards(people);
  const boardKeys = [...new Set([...boards.map((b) => b.key), ...domain.map((d) => d.strategy.boardKey!)])];
  for (const board of boards) await stores.strategies.putBoard(board);
  for (const person of people ? toPeople(people) : []) {
    await stores.people.putPerson(kept.size > 0 ? keepManagersFromTeams(person, await stores.people.getPerson(person.id), kept, boardKeys) : person);
    report.people += 1;
  }
  for (const { strategy, priorities, checkIns } of domain) {
    await stores.strategies.putStrategy(strategy);
    report.strategies += 1;
    for (const p of priorities) await stores.strategies.putPriority(kept.has(strategy.boardKey!) ? keepAssignmentsFromTeams(p, await stores.strategies.getPriority(p.strategyKey, p.key)) : p);
    report.priorities += priorities.length;
    for (const c of checkIns) {
      const outcome = await stores.checkIns.save(c, 0);
      if (outcome.kind === 'saved') report.checkInsCreated += 1;
    }
  }
  // The boards whose people came from this file now: a card made before this load is out of date.
  if (people) for (const key of boardKeys.filter((k) => !kept.has(k))) await stores.boardPeople.reset(key, { source: 'seed', changedAt: now.toISOString() });
  await stores.ledger.recordLoaded(LEDGER_NAME, set.hash, now.toISOString());
  return report;
}

/** A board's manager list as Teams left it, for the boards kept; the file's for the others. */
function keepManagersFromTeams(fromFile: Person, stored: Person | undefined, kept: ReadonlySet<string>, boardKeys: readonly string[]): Person {
  const boardsOf = (p: Person | undefined) => (p ? (p.manages ?? (p.boardManager ? boardKeys : [])) : []);
  const manages = [...boardsOf(fromFile).filter((k) => !kept.has(k)), ...boardsOf(stored).filter((k) => kept.has(k))];
  const merged: Person = { ...fromFile, boardManager: manages.length > 0 };
  if (manages.length > 0 || fromFile.manages || stored?.manages) merged.manages = [...new Set(manages)];
  else delete merged.manages;
  return merged;
}

/** A priority's (and its projects') leads and deputies as Teams left them; everything else from the file. */
function keepAssignmentsFromTeams(fromFile: Priority, stored: Priority | undefined): Priority {
  if (!stored) return fromFile;
  const projects = fromFile.projects?.map((x) => {
    const was = stored.projects?.find((y) => y.key === x.key);
    if (!was) return x;
    const merged = { ...x };
    delete merged.leads;
    delete merged.deputies;
    return { ...merged, ...(was.leads ? { leads: was.leads } : {}), ...(was.deputies ? { deputies: was.deputies } : {}) };
  });
  return { ...fromFile, leads: stored.leads, deputies: stored.deputies, ...(projects ? { projects } : {}) };
}
