import type { CalendarDefaults } from '../domain/board-calendar';
import type { WorkingCalendar } from '../domain/calendar';
import type { BoardCalendarStore, BoardPeopleVersions, ChangeLog, CheckInStore, Clock, ConversationStore, CoverStore, Directory, PersonStore, ReachStore, StrategyStore } from '../domain/ports';
import type { EscalationRules } from '../domain/escalation';
import type { PeriodPolicy } from '../domain/period';

export interface BoardSettings {
  /** IANA time zone the board works in; dates and "today" are read in it. */
  timeZone: string;
  periodPolicy: PeriodPolicy;
  /** The board's escalation rules; the product's defaults where not given. */
  rules?: EscalationRules;
  /**
   * Each board's calendar before its managers change it (the environment's settings), and the
   * working days due dates are worked back in. Absent: every board runs on the settings above.
   */
  calendar?: { defaults: CalendarDefaults; working: WorkingCalendar };
}

/** Everything a use case may touch; built once in the composition root. */
export interface AppDeps {
  strategies: StrategyStore;
  people: PersonStore;
  checkIns: CheckInStore;
  conversations: ConversationStore;
  cover: CoverStore;
  /** Roster sightings and failures to reach people (the `reach` view, and who needs a chat opened). */
  reach: ReachStore;
  /** The audit trail of changes to a board's people and settings. */
  changes: ChangeLog;
  /** Each board's people version: changes are written on the version they read. */
  boardPeople: BoardPeopleVersions;
  clock: Clock;
  board: BoardSettings;
  /** Each board's calendar as its managers set it (the `calendar` card); read at every tick. */
  calendars?: BoardCalendarStore;
  /** Who a person picked in Teams' people picker is (Microsoft Graph, GRAPH_ENABLED=true); absent: the card's typed name. */
  directory?: Directory;
  newId(): string;
}
