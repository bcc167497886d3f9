/**
 * Object Mothers for the views the cards render, on a fixed clock: the golden fixtures are built
 * from these, so a fixture changes only when a card (or what a view holds) changes.
 */
import type { CalendarView } from '../../src/app/board-calendar';
import type { ReceiptView } from '../../src/app/check-in';
import { CALENDAR_INPUTS } from '../../src/domain/board-calendar';
import { aBoardCalendar } from '../support/board-calendars';
import type { ProjectSubmitResult } from '../../src/app/project-check-in';
import { digestEntry } from '../../src/app/digest';
import { buildMonitoringSheet, type MonitoringSheet } from '../../src/app/monitoring';
import type { StatusView } from '../../src/app/status';
import { summaryView } from '../../src/app/summary';
import type { CheckIn } from '../../src/domain/check-in';
import { INPUT_IDS } from '../../src/domain/check-in';
import { DEFAULT_ESCALATION_RULES, REASON_TITLES, REASONS } from '../../src/domain/escalation';
import { directionOfTravel, latestReading } from '../../src/domain/kpi';
import type { CheckInForm, DigestView, ProjectCheckInForm } from '../../src/domain/notice';
import { DEFAULT_PERIOD_POLICY, periodFromLabel } from '../../src/domain/period';
import { escalationsOf } from '../../src/domain/board-escalations';
import { boardPicture, statesFromCheckIns } from '../../src/domain/picture';
import { projectUnit } from '../../src/domain/project';
import { priorityRef, type Priority, type Strategy } from '../../src/domain/strategy';
import { aCheckIn, aKpi, aPriority, aStrategy } from '../domain/builders';

/** The fixed clock every golden card is built on. */
export const TODAY = '2026-11-24';
export const NOW = `${TODAY}T10:15:00.000Z`;
export const TIME_ZONE = 'Europe/London';
const PERIOD = '2026-Q3';

export const strategy = (): Strategy => aStrategy('hwb').plusGroup('ld', 'Learning disability (LD)').plusGroup('carers', 'Unpaid carers').build();

/** Priority 3, with one KPI that has a target and two readings (so a trend and a suggestion). */
export function priorityWithKpi(): Priority {
  const kpi = aKpi().baseline(62.1, '2022/23').latest(60.4, '2023/24').latest(58.9, '2024/25').target(65, '2028').build();
  return aPriority('3', 'hwb').titled('We will help people *stay* well at home [for longer]').withKpi({ ...kpi, key: 'screening', name: 'Health check uptake' }).deputisedBy('dep').build();
}

/** Workstream W3 with two projects, one with a named lead. */
export function workstream(): Priority {
  return {
    ...aPriority('W3', 'hwb').titled('Mental health and wellbeing').build(),
    kind: 'workstream',
    objective: 'Improving the mental health of our local population.',
    governance: 'Mental health partnership',
    projects: [
      { key: 'cafes', title: 'Wellbeing cafés', leadOfficer: 'Amy Hathway', leads: ['amy'] },
      { key: 'schools', title: 'Mental health support teams in schools', description: 'Numbers of schools supported.' },
    ],
  };
}

const projectsOf = (ws: Priority): Priority[] => (ws.projects ?? []).map((p) => projectUnit(ws, p));

function answer(p: Priority, period: string, build: (b: ReturnType<typeof aCheckIn>) => ReturnType<typeof aCheckIn>): CheckIn {
  return { ...build(aCheckIn().forPriority(p.key, p.strategyKey).forPeriod(period).by('megan', 'Megan Bowen')).build(), submittedAt: NOW };
}

export function checkInForm(): CheckInForm {
  const s = strategy();
  const p = priorityWithKpi();
  return {
    strategy: { key: s.key, title: s.title },
    priority: p,
    period: periodFromLabel(PERIOD, DEFAULT_PERIOD_POLICY),
    plusGroups: s.plusGroups,
    answeringAs: 'Megan Bowen',
    values: { [INPUT_IDS.update]: 'Two more practices run health checks.', [INPUT_IDS.rag]: 'amber' },
    errors: {},
    baseVersion: 0,
    submissionId: 'sub-golden-1',
    suggestion: { rag: 'red', reasons: ['Health check uptake is below its baseline'] },
    // Shown above the inputs with its period, with "Start from last answer".
    lastAnswer: answer(p, '2026-Q2', (b) => b.green().saying('Health checks offered in *all* GP practices.')),
  };
}

/** The same form shown again: editing an answer someone changed meanwhile, with a field to fix. */
export function checkInFormAgain(): CheckInForm {
  const form = checkInForm();
  const previous = answer(form.priority, PERIOD, (b) => b.amber());
  return {
    ...form,
    onBehalfOf: 'Kay Darby',
    editing: previous,
    baseVersion: 1,
    changedBy: { name: 'Kay Darby', at: '2026-11-24T09:58:00.000Z' },
    errors: { [INPUT_IDS.update]: 'Write a progress update.' },
    values: { ...form.values, [INPUT_IDS.update]: '' },
  };
}

export function projectForm(): ProjectCheckInForm {
  const s = strategy();
  const ws = workstream();
  const sections = projectsOf(ws).map((unit, i): CheckInForm => ({
    strategy: { key: s.key, title: s.title },
    priority: unit,
    period: periodFromLabel(PERIOD, DEFAULT_PERIOD_POLICY),
    plusGroups: s.plusGroups,
    answeringAs: 'Amy Hathway',
    values: {},
    errors: i === 1 ? { [INPUT_IDS.update]: 'Write a progress update.' } : {},
    baseVersion: 0,
    submissionId: `sub-golden-p${i}`,
    // The first project was answered last period: its section shows that answer and the button.
    ...(i === 0 ? { lastAnswer: answer(unit, '2026-Q2', (b) => b.amber().saying('Two cafés opened.')) } : {}),
  }));
  return { strategy: { key: s.key, title: s.title }, workstream: ws, period: periodFromLabel(PERIOD, DEFAULT_PERIOD_POLICY), sections, outcomes: { [sections[0]!.priority.key]: 'Saved, version 1.' } };
}

export function receipt(): ReceiptView {
  const p = priorityWithKpi();
  const checkIn = { ...answer(p, PERIOD, (b) => b.amber()), version: 2, onBehalfOfName: 'Kay Darby', update: 'Two more practices run health checks; **not** markdown <at>x</at>.' };
  return { priority: p, period: periodFromLabel(PERIOD, DEFAULT_PERIOD_POLICY), checkIn, canEdit: true, timeZone: TIME_ZONE, duplicate: false };
}

export function projectReceipts(): Extract<ProjectSubmitResult, { kind: 'receipts' }> {
  const ws = workstream();
  const [cafes, schools] = projectsOf(ws);
  const line = (unit: Priority): ReceiptView => ({ priority: unit, period: periodFromLabel(PERIOD, DEFAULT_PERIOD_POLICY), checkIn: answer(unit, PERIOD, (b) => b.green()), canEdit: true, timeZone: TIME_ZONE, duplicate: false });
  return { kind: 'receipts', workstream: ws, period: periodFromLabel(PERIOD, DEFAULT_PERIOD_POLICY), receipts: [line(cafes!)], stillOpen: [schools!.title], unchanged: [] };
}

export function status(): StatusView {
  const s = strategy();
  const p = { ...priorityWithKpi(), actions: ['Train practice staff'], milestones: [{ text: 'Pilot in two practices', due: '2027-03-31' }], governance: 'Prevention board' };
  const older = answer(p, '2026-Q2', (b) => b.green());
  const latest = { ...answer(p, PERIOD, (b) => b.amber().escalating('Funding ends in March.')), version: 2, nextSteps: 'Extend to ten practices.', ragReason: 'Uptake is low but rising.', plusGroups: { ld: 'Easy-read invitations sent.' } };
  return {
    strategy: { key: s.key, title: s.title, board: s.board, plusGroups: s.plusGroups },
    themeTitle: 'Theme',
    priority: p,
    leads: ['Megan Bowen (NHS LLR ICB)'],
    deputies: ['Kay Darby'],
    latest,
    recent: [older, latest].map((c) => ({ period: c.period, ...(c.rag ? { rag: c.rag } : {}) })),
    kpis: p.kpis.map((kpi) => ({ kpi, latest: latestReading(kpi), direction: directionOfTravel(kpi) })),
    period: periodFromLabel(PERIOD, DEFAULT_PERIOD_POLICY),
    overdue: false,
    stale: false,
    edits: 1,
    live: true,
  };
}

/** The digest as the app assembles it, from a board picture on the fixed date. */
export function digest(): DigestView {
  const s = strategy();
  const red = aPriority('1', 'hwb').titled('We will reduce smoking').build();
  const overdue = aPriority('2', 'hwb').titled('We will support carers').build();
  const kpiPriority = priorityWithKpi();
  const checkIns = [answer(red, PERIOD, (b) => b.red().escalating('Need a new provider.')), answer(kpiPriority, PERIOD, (b) => b.amber())];
  const priorities = [red, overdue, kpiPriority];
  const picture = boardPicture({ strategies: [s], priorities, states: statesFromCheckIns(checkIns), olderAnswers: checkIns, rules: DEFAULT_ESCALATION_RULES, policy: DEFAULT_PERIOD_POLICY, asAt: TODAY });
  const pictured = new Map(picture.strategies.flatMap((sp) => sp.priorities.map((p) => [priorityRef(p.priority), p] as const)));
  const escalations = escalationsOf(picture);
  const groups = REASONS.map((reason) => ({
    reason,
    title: REASON_TITLES[reason],
    entries: escalations.flatMap((e) => e.reasons.filter((r) => r.reason === reason).map((r) => digestEntry(pictured.get(priorityRef(e.priority))!, s, r))),
  })).filter((g) => g.entries.length > 0);
  return { date: TODAY, board: { key: 'test', name: s.board }, summaries: picture.strategies.map((sp) => summaryView(sp, picture.asAt)), groups, priorities: escalations.length };
}

export function monitoring(): MonitoringSheet {
  const s = strategy();
  const ws = workstream();
  const [cafes] = projectsOf(ws);
  const cafesAnswer = { ...answer(cafes!, PERIOD, (b) => b.amber().escalating('Venue costs doubled.')), nextSteps: 'Open two more cafés.', plusGroups: { carers: 'A carers’ evening each month.' } };
  return buildMonitoringSheet({
    strategy: s,
    workstream: ws,
    asAt: TODAY,
    period: PERIOD,
    answers: new Map([['cafes', cafesAnswer]]),
    histories: new Map([['cafes', [cafesAnswer]]]),
    workstreamAnswer: answer(ws, PERIOD, (b) => b.green()),
    names: new Map([['amy', { name: 'Amy Hathway' }]]),
  });
}

/** A board's people as the people card shows them: a lead and deputy, a priority with no lead, a project under its workstream. */
export function people(): import('../../src/app/board-people').PeopleView {
  return {
    board: { key: 'leicester-city', name: 'Leicester City Health and Wellbeing Board' },
    version: 'W/"datetime\'2026-11-24T10%3A15%3A00Z\'"',
    source: { from: 'teams', at: NOW },
    managers: [
      { id: 'adele-vance', name: 'Adele Vance' },
      { id: 'alex-wilber', name: 'Alex Wilber', organisation: 'Leicester City Council' },
    ],
    rows: [
      { ref: 'leicester-2022-27/1', label: '1. We will improve the built environment to support people\'s long-term…', project: false, leads: [], deputies: [] },
      { ref: 'leicester-2022-27/19', label: '19. We will reduce the number of falls in people aged 65 and over', project: false, leads: ['Kay Darby'], deputies: ['Adele Vance'] },
      { ref: 'leicester-2022-27/W2', label: 'W2. Healthy Weight', project: false, leads: ['Alex Wilber'], deputies: ['Adele Vance'] },
      { ref: 'leicester-2022-27/W2~p1', label: 'W2 project "Pregnancy and early years"', project: true, leads: ['Amy Hathway'], deputies: [] },
      { ref: 'leicester-2022-27/W2~p2', label: 'W2 project "Physical activity for all"', project: true, leads: [], deputies: [], workstreamAnswers: true },
    ],
    otherBoards: ['Leicestershire Health and Wellbeing Board'],
    unled: 33,
    people: [
      { id: 'adele-vance', name: 'Adele Vance' },
      { id: 'alex-wilber', name: 'Alex Wilber', organisation: 'Leicester City Council' },
      { id: 'amy-hathway', name: 'Amy Hathway' },
      { id: 'kay-darby', name: 'Kay Darby', organisation: 'NHS Leicester, Leicestershire and Rutland ICB' },
    ],
  };
}

/** "retire Kay Darby" by a manager of Leicester City only: her lead of 19 goes, her deputy role on Leicestershire stays. */
export function retirement(): import('../../src/app/retire-person').RetirementProposal {
  return {
    person: { id: 'kay-darby', name: 'Kay Darby', organisation: 'NHS Leicester, Leicestershire and Rutland ICB', email: 'kay.darby@example.org' },
    boards: [{ key: 'leicester-city', name: 'Leicester City Health and Wellbeing Board', version: 'W/"v7"' }],
    removed: [
      { board: 'Leicester City Health and Wellbeing Board', ref: 'leicester-2022-27/19', what: 'Lead of 19. We will reduce the number of falls in people aged 65 and over', role: 'lead', after: 'No lead' },
      { board: 'Leicester City Health and Wellbeing Board', ref: 'leicester-2022-27/W1', what: 'Lead of W1. Mental health', role: 'lead', after: 'Megan Bowen' },
    ],
    leaves: [],
    kept: [{ board: 'Leicestershire Health and Wellbeing Board', ref: 'leicestershire-2022-32/3', what: 'Deputy of 3. Staying healthy *at work*', role: 'deputy', after: 'No deputy' }],
    stillManages: [],
    retiredEverywhere: false,
  };
}

/** The confirmation of "lead 1 kay.darby@example.org" when Kay is new to the board. */
export function peopleProposal(): import('../../src/app/board-people').PeopleProposal {
  return {
    request: { unitRef: 'leicester-2022-27/1', role: 'lead', op: 'set', person: { email: 'kay.darby@example.org' }, baseVersion: 'W/"v1"' },
    board: { key: 'leicester-city', name: 'Leicester City Health and Wellbeing Board' },
    what: 'lead of 1. We will improve the built environment to support people\'s…',
    personName: 'Kay Darby',
    personEmail: 'kay.darby@example.org',
    newPerson: true,
    before: 'No lead',
    after: 'Kay Darby',
  };
}

/** Leicester City's calendar: two coming meetings, a Thursday digest, priority 19 reported monthly. */
export function calendar(): CalendarView {
  const c = aBoardCalendar('leicester-city').digestOn(4, '14:00').meetings('2026-09-17', '2027-01-21', '2027-03-18').frequency('hwb/19', 'monthly').build();
  return {
    board: { key: 'leicester-city', name: 'Leicester City Health and Wellbeing Board' },
    calendar: c,
    etag: 'W/"datetime\'2026-11-20T09%3A00%3A00Z\'"',
    defaults: false,
    priorities: [
      { ref: 'hwb/3', number: '3', title: 'We will help people *stay* well at home [for longer]', frequency: 'quarterly', own: 'quarterly' },
      { ref: 'hwb/19', number: '19', title: 'Healthy weight', frequency: 'monthly', own: 'quarterly' },
    ],
    coming: [
      { meeting: '2027-01-21', due: '2027-01-07' },
      { meeting: '2027-03-18', due: '2027-03-04' },
    ],
    today: TODAY,
  };
}

/** The same card after a save with a bad date and a time in the DST hour: nothing saved, each field says why. */
export function calendarInvalid(): CalendarView {
  return {
    ...calendar(),
    outcome: {
      kind: 'invalid',
      problems: [
        { field: CALENDAR_INPUTS.meetings, code: 'bad-date', input: '2027-02-30' },
        { field: CALENDAR_INPUTS.digestTime, code: 'time-in-dst-hour', input: '01:30' },
      ],
      typed: { [CALENDAR_INPUTS.meetings]: '2027-01-21, 2027-02-30', [CALENDAR_INPUTS.digestTime]: '01:30', [CALENDAR_INPUTS.digestDay]: 'Thursday', rule_red: 'true', rule_worsened: 'false' },
    },
  };
}
