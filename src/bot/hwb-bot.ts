import { CardFactory, TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type InvokeResponse } from 'botbuilder';
import type { Logger } from 'pino';
import { FROM_LAST_VERB, SUBMIT_VERB } from '../cards/check-in-card';
import { PICK_CHECKIN_VERB } from '../cards/pick-priority-card';
import { EDIT_VERB } from '../cards/receipt-card';
import { STATUS_VERB } from '../cards/status-card';
import { HISTORY_MORE_VERB } from '../cards/history-card';
import { isDomainError, type DomainError } from '../domain/errors';
import { parseCommand } from './commands';
import { EMAIL_MATCHING } from './identity';
import { onCheckInFromLast, onEditCheckIn, onHistoryMore, onOpenCheckIn, onOpenProjects, onProjectFromLast, onShowStatus, onSubmitCheckIn, onSubmitProjects } from './handlers/card-actions';
import { PROJECTS_FROM_LAST_VERB, PROJECTS_OPEN_VERB, PROJECTS_SUBMIT_VERB } from '../cards/project-check-in-card';
import { onListMore } from './handlers/board-view-commands';
import { onCheckInCommand, onProjectsCommand } from './handlers/check-in-command';
import { onHelpCommand, onWhatCommand } from './handlers/help-command';
import { onInstall, onUninstall } from './handlers/install';
import { onStatusCommand } from './handlers/status-command';
import { onMonitoringCommand } from './handlers/monitoring-command';
import { onSummaryCommand } from './handlers/summary-command';
import { onAwayCommand, onBackCommand } from './handlers/away-command';
import { onHistoryCommand, onReasonListCommand } from './handlers/board-view-commands';
import { onReportCommand, type ReportLinkSettings } from './handlers/report-command';
import { onBoardCommand, type BoardLinks } from './handlers/board-command';
import { onDigestNowCommand, onTeamInstall, onUseChannelCommand, onUseChannelForBoard, type DigestDeps } from './handlers/digest-command';
import { USE_CHANNEL_VERB } from '../cards/board-channel-card';
import { LIST_MORE_VERB } from '../cards/list-card';
import { withDeadline } from './deadline';
import type { TeamsRosterSync } from './roster';
import { onReachCommand } from './handlers/reach-command';
import { onChaseCommand } from './handlers/chase-command';
import type { CycleDeps } from '../app/reporting-cycle';
import { messageResponse } from './invoke-response';
import { chatCard, INVOKE_LATE, invokeErrorResponse, MALFORMED_ACTION, UNKNOWN_ACTION } from './user-messages';

/** Teams retries an invoke that has not answered within 5 s; answer before that. */
export const INVOKE_DEADLINE_MS = 4_000;

type CardHandler = (context: TurnContext, deps: DigestDeps, data: Record<string, unknown>) => Promise<AdaptiveCardInvokeResponse>;

const CARD_ACTIONS: Record<string, CardHandler> = {
  [SUBMIT_VERB]: onSubmitCheckIn,
  [EDIT_VERB]: onEditCheckIn,
  [FROM_LAST_VERB]: onCheckInFromLast,
  [PROJECTS_FROM_LAST_VERB]: onProjectFromLast,
  [PICK_CHECKIN_VERB]: onOpenCheckIn,
  [PROJECTS_SUBMIT_VERB]: onSubmitProjects,
  [PROJECTS_OPEN_VERB]: onOpenProjects,
  [STATUS_VERB]: onShowStatus,
  [HISTORY_MORE_VERB]: onHistoryMore,
  [USE_CHANNEL_VERB]: onUseChannelForBoard,
  [LIST_MORE_VERB]: onListMore,
};

/** The invokes this bot answers; any other is refused (400) before it reaches the SDK, which said 501. */
export const HANDLED_INVOKES: ReadonlySet<string> = new Set(['adaptiveCard/action']);

/** Routes Teams activities to handlers; errors become user messages here and nowhere else. */
export class HwbBot extends TeamsActivityHandler {
  constructor(
    private readonly deps: DigestDeps & { reportLinks: ReportLinkSettings; boardLinks: BoardLinks; roster: Pick<TeamsRosterSync, 'onTeamEvent'>; graphConfigured: boolean; cycle: () => CycleDeps; emailOff?: boolean },
    private readonly log: Logger,
    /** Injected small in tests, to reach the path where the work outlives the answer. */
    private readonly invokeDeadlineMs = INVOKE_DEADLINE_MS,
    /** Senders may be matched by email only within the board's tenants (or in local mode). */
    private readonly emailMatching = true,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.guardMessage(context, () => this.route(context));
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      // A team install also sends conversationUpdate (bot added), which handles it: once.
      if (context.activity.conversation?.conversationType !== 'channel') await this.guardMessage(context, () => onInstall(context, this.deps));
      // Installed in a team: read its roster and open chats with the board's people in it.
      if (context.activity.conversation?.conversationType === 'channel') await this.deps.roster.onTeamEvent(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      if (context.activity.conversation?.conversationType === 'personal') await this.guardMessage(context, () => onUninstall(context, this.deps));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // In a personal chat, conversationUpdate adds the user: the classic install signal.
      const botId = context.activity.recipient?.id;
      const added = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
      if (context.activity.conversation?.conversationType === 'channel') {
        if (botAdded) await this.guardMessage(context, () => onTeamInstall(context, this.deps));
      } else if (added.length > 0) await this.guardMessage(context, () => onInstall(context, this.deps));
      // The bot or people joined a team: read its roster and open chats with new people.
      if (context.activity.conversation?.conversationType === 'channel') await this.deps.roster.onTeamEvent(context);
      await next();
    });
  }

  private async route(context: TurnContext): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const command = parseCommand(text);
    switch (command.name) {
      case 'help':
        return onHelpCommand(context);
      case 'checkin':
        return onCheckInCommand(context, this.deps, command.query);
      case 'projects':
        return onProjectsCommand(context, this.deps, command.query);
      case 'status':
        return onStatusCommand(context, this.deps, command.query);
      case 'monitoring':
        return onMonitoringCommand(context, this.deps, command.query);
      case 'summary':
        return onSummaryCommand(context, this.deps, command.query);
      case 'digest-now':
        return onDigestNowCommand(context, this.deps, command.board);
      case 'use-channel':
        return onUseChannelCommand(context, this.deps, command.board);
      case 'away':
        return onAwayCommand(context, this.deps, command.until, command.deputy);
      case 'back':
        return onBackCommand(context, this.deps);
      case 'overdue':
      case 'red':
        return onReasonListCommand(context, this.deps, command.name, command.board);
      case 'history':
        return onHistoryCommand(context, this.deps, command.query, command.from, command.to);
      case 'report':
        return onReportCommand(context, this.deps, command.query);
      case 'board':
        return onBoardCommand(context, this.deps, command.query);
      case 'reach':
        return onReachCommand(context, this.deps);
      case 'chase':
        return onChaseCommand(context, this.deps, command.query);
      case 'what':
        return onWhatCommand(context, command.command, command.example, command.thing);
      case 'unknown':
        return onHelpCommand(context, command.text);
    }
  }

  private async guardMessage(context: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (isDomainError(e)) {
        this.logRefusal(e);
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(chatCard(e))] });
        return;
      }
      throw e;
    }
  }

  /**
   * A refusal is the person's business (info); storage not answering is the operator's, and the
   * person can only press again: warn, with the storage error itself (pino prints `err` with its
   * cause, where a bare `cause` field would lose its message).
   */
  private logRefusal(e: DomainError, fields: Record<string, unknown> = {}): void {
    if (e.code === 'STORAGE_UNAVAILABLE') this.log.warn({ ...fields, code: e.code, err: e }, 'storage unavailable: nothing saved');
    else this.log.info({ ...fields, code: e.code, reason: e.message, cause: e.cause }, 'refused');
  }

  /** A card action that arrived without its parts gets a clear answer, not the SDK's bare 501/400. */
  override async run(context: TurnContext): Promise<void> {
    context.turnState.set(EMAIL_MATCHING, this.emailMatching);
    await super.run(context);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const value = context.activity.value as { action?: { type?: unknown } } | undefined;
      if (!isPlainObject(value) || !isPlainObject(value.action) || value.action.type !== 'Action.Execute') {
        this.log.info({ reason: 'malformed card action' }, 'refused');
        return { status: 200, body: messageResponse(MALFORMED_ACTION) };
      }
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const data = (isPlainObject(invokeValue.action?.data) ? invokeValue.action.data : {}) as Record<string, unknown>;
    const verb = typeof invokeValue.action?.verb === 'string' ? invokeValue.action.verb : '';
    const handler = Object.prototype.hasOwnProperty.call(CARD_ACTIONS, verb) ? CARD_ACTIONS[verb] : undefined;
    if (!handler) return messageResponse(UNKNOWN_ACTION);
    try {
      return await withDeadline(
        handler(context, this.deps, data),
        this.invokeDeadlineMs,
        () => {
          this.log.warn({ verb }, 'card action still running at the invoke deadline');
          // Teams gives up on an invoke after 5 s. The save may still finish: a second press
          // carries the same submission id, so it is stored once either way.
          return messageResponse(INVOKE_LATE);
        },
        // `err` goes through pino's error serialiser, which prints the cause chain with its stack.
        (e) => this.log.error({ err: e, verb }, 'card action failed after the invoke deadline'),
      );
    } catch (e) {
      if (isDomainError(e)) this.logRefusal(e, { verb });
      else this.log.error({ err: e, verb }, 'card action failed');
      return invokeErrorResponse(e);
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
