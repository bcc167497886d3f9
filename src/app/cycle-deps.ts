import type { WorkingCalendar } from '../domain/calendar';
import type { CycleSettings } from '../domain/cycle';
import type { EscalationRules } from '../domain/escalation';
import type { AppInstaller, EmailSender, Notifier, OutboxLedger } from '../domain/ports';
import type { AppDeps } from './deps';

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
  /** GRAPH_ENABLED=true: installs the app for leads in no chat before they are reminded. */
  installer?: AppInstaller;
}

/** What one run did, by outbox entry: the scheduler logs it. */
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
