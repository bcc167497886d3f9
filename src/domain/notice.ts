import type { CheckIn, FieldErrors } from './check-in';
import type { Reason } from './escalation';
import type { MessageKind } from './cycle';
import type { Person } from './person';
import type { ReportingPeriod } from './period';
import type { Rag } from './rag';
import type { PlusGroup, Priority, Strategy } from './strategy';
import type { StrategySummary } from './summary';
import type { IndicatorDirection } from './picture';

/**
 * What the bot tells people, as plain data. A use case decides what is said and to whom; each
 * delivery route (a Teams card, an email, the web check-in page) decides how it looks.
 */

/** The check-in form for one priority and period, as any route shows it. */
export interface CheckInForm {
  strategy: Pick<Strategy, 'key' | 'title'>;
  priority: Priority;
  period: ReportingPeriod;
  plusGroups: PlusGroup[];
  answeringAs: string;
  onBehalfOf?: string;
  /** Values by input id: the answer being edited, what was typed, or last period's answer on request; else empty. */
  values: Record<string, string>;
  errors: FieldErrors;
  baseVersion: number;
  submissionId: string;
  /** The answer already given this period, when editing. */
  editing?: CheckIn;
  /** The latest answer of an earlier period: shown above the inputs with its period, never in them unasked. */
  lastAnswer?: CheckIn;
  /** Set when the form is shown again because someone else changed the answer meanwhile. */
  changedBy?: { name: string; at: string };
  /** What the KPIs suggest, from the latest readings against their targets (or, for a workstream with projects, the projects' ratings). */
  suggestion?: { rag: Rag; reasons: string[] };
  /** A workstream's projects this period, beside each other: what the lead's own rating sums up. */
  projects?: ProjectLine[];
}

/** One project of a workstream, as its lead's answer stands this period. */
export interface ProjectLine {
  /** The unit's key, `<workstream>~<project>`. */
  key: string;
  title: string;
  /** Who answers it: named people, or "the workstream's lead" / "to be confirmed" as the paper says. */
  lead: string;
  rag?: Rag;
  answered: boolean;
}

/** One card with a section per project a person answers in one workstream; one submit saves each. */
export interface ProjectCheckInForm {
  strategy: Pick<Strategy, 'key' | 'title'>;
  workstream: Priority;
  period: ReportingPeriod;
  sections: CheckInForm[];
  /** Per section key: saved, or why not (set when shown again after a submit). */
  outcomes?: Record<string, string>;
  /** Said above the sections when the card comes back as a whole (e.g. every section was blank). */
  notice?: string;
}

/** One strategy's counts, as `summary` and the digest show them. */
export interface SummaryView {
  strategy: Pick<Strategy, 'key' | 'title' | 'board'>;
  themeTitle?: string;
  summary: StrategySummary;
  /** The indicators behind the direction-of-travel counts. */
  indicators?: IndicatorDirection[];
}

/** One priority listed for one escalation reason. */
export interface DigestEntry {
  /** `<strategy>/<priority>`, for a Status button. */
  ref: string;
  number: string;
  title: string;
  /** The strategy it belongs to: lists can span a board's strategies. */
  strategyTitle?: string;
  detail: string;
  /** Set when the line is about one of the workstream's projects: its title. */
  project?: string;
  /** For an overdue answer: how long, and since when. */
  daysOverdue?: number;
  due?: string;
}

export interface DigestView {
  date: string;
  board?: { key: string; name: string };
  summaries: SummaryView[];
  groups: { reason: Reason; title: string; entries: DigestEntry[] }[];
  /** Distinct priorities that need the board's attention. */
  priorities: number;
  /** Live priorities nobody is asked about (no lead, no deputy), each listed once; with how many of its projects have nobody either. */
  noLead?: { ref: string; number: string; title: string; strategyTitle?: string; projects: number }[];
}

export type LeadNoticeKind = Extract<MessageKind, 'reminder' | 'nudge' | 'due-today' | 'overdue'>;

export type Notice =
  /** A lead (or whoever covers) is asked for the period's check-in, with the form to answer on. */
  | {
      kind: LeadNoticeKind;
      to: Person;
      priority: Priority;
      period: ReportingPeriod;
      form: CheckInForm;
      forLead?: string;
      /**
       * Several projects of one workstream in one message (a project lead is asked once per step,
       * not once per project): `priority` is then the workstream, and each project has its form.
       */
      projects?: { priority: Priority; form: CheckInForm }[];
      /**
       * A workstream's own notice: its projects that name no lead of their own, which the
       * workstream's leads answer. An email carries a link for each (a link answers one unit);
       * in Teams the lead reaches them from `checkin`.
       */
      workstreamProjects?: Priority[];
    }
  /** Board managers are told, by name, whose check-in is overdue. */
  | {
      kind: 'managers-overdue';
      to: Person;
      priority: Priority;
      period: ReportingPeriod;
      daysOverdue: number;
      leadNames: string[];
      away?: { name: string; until: string };
      /** A workstream's overdue project answers, told together (`priority` is then the workstream). */
      projects?: { title: string; leadNames: string[] }[];
    }
  /** A board's managers are told who set or moved its digest channel. */
  | { kind: 'board-channel'; to: Person; board: string; by: string; moved: boolean }
  /**
   * Board managers are told, by name, that a lead can be reached by no route (no Teams chat, no
   * email), once per person and period, with the priorities waiting on them and why.
   */
  | { kind: 'managers-unreachable'; to: Person; person: Pick<Person, 'id' | 'name' | 'organisation'>; priorities: Priority[]; period: ReportingPeriod; reasons: string[] }
  /**
   * A person was retired from a board: each of its managers is asked to reassign what they led
   * or deputised there (`roles`, with who holds each now: "No lead" where nobody).
   */
  | {
      kind: 'managers-reassign';
      to: Person;
      board: { key: string; name: string };
      person: string;
      by: string;
      /** When the retirement was written (ISO): with the board and manager, the outbox key. */
      at: string;
      roles: { ref: string; what: string; role: 'lead' | 'deputy'; after: string }[];
    }
  /** The escalation digest, for the board's channel. */
  | { kind: 'digest'; digest: DigestView }
  /**
   * A person a board manager has just made a lead or deputy (in Teams): the welcome, with what
   * they answer for now and who made the change, in their Teams chat or by email.
   */
  | { kind: 'welcome'; to: Person; leads: Priority[]; deputises: Priority[]; assigned: { by: string; what: string; board: string } };
