import type { AppDeps } from '../app/deps';
import type { CycleDeps } from '../app/reporting-cycle';
import type { EscalationRules } from '../domain/escalation';
import type { Notifier } from '../domain/ports';
import type { BoardLinks } from './handlers/board-command';
import type { ReportLinkSettings } from './handlers/report-command';
import type { TeamsRosterSync } from './roster';

/** What the bot's handlers are given: the use cases' deps and the Teams-side parts the bot owns. */
export interface BotDeps extends AppDeps {
  notifier: Notifier;
  rules: EscalationRules;
  reportLinks: ReportLinkSettings;
  /** Issues the short-lived links to a board's page (`board`). */
  boardLinks: BoardLinks;
  roster: Pick<TeamsRosterSync, 'onTeamEvent'>;
  graphConfigured: boolean;
  cycle: () => CycleDeps;
  /** Sends what a change to a board's people planned, after the answer (the scheduler runs it). */
  sendPlanned: () => void;
  emailOff?: boolean;
}
