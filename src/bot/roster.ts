import { CardFactory, TeamsInfo, TurnContext, type CloudAdapter, type ConversationParameters, type ConversationReference, type TeamsChannelAccount } from 'botbuilder';
import type { Logger } from 'pino';
import type { AppDeps } from '../app/deps';
import { welcome } from '../app/people';
import { planRosterChats, recordFailure, TEAM_KEY_PREFIX, teamKey, withoutFailure, type ChatToOpen, type RosterMember } from '../app/roster';
import type { ConversationRecord, RosterSync, RosterSyncReport } from '../domain/ports';
import { welcomeCard } from '../cards/welcome-card';

/**
 * Opens personal chats with people in a board team who never opened the bot, as Teams allows a
 * bot installed in a team: read the team's roster, then `createConversation` with each member,
 * on the team's service URL and tenant (as Company Communicator does). Which members need a chat
 * is decided by `planRosterChats`; this file makes the Bot Connector calls, which go through the
 * same paced connector clients as every other request (src/bot/paced-connector.ts).
 */

/** Teams answers at most 50 members a page whatever is asked; asking for more costs nothing. */
const PAGE_SIZE = 100;
/** A continuation token that never ends (a service fault) must not loop for ever: 500 pages is 25,000 members. */
const MAX_PAGES = 500;

export class TeamsRosterSync implements RosterSync {
  /** Roster reads run one at a time: install and member-added arrive together for one install. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly deps: AppDeps,
    private readonly log: Logger,
  ) {}

  /**
   * The bot was installed in a team, or people joined it: keep the team's reference (for the
   * daily re-read), then read the roster after this turn. Teams waits for the turn's answer, and
   * a large team's roster and chats take longer than it waits.
   */
  async onTeamEvent(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const teamId = (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    if (!teamId) return;
    const reference = TurnContext.getConversationReference(activity);
    const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    // The team, not the thread this event came in: later reads address the team.
    reference.conversation = { ...reference.conversation!, id: teamId, ...(tenantId ? { tenantId } : {}) };
    delete reference.activityId;
    const record: ConversationRecord = { key: teamKey(teamId), reference, updatedAt: this.deps.clock.now().toISOString() };
    await this.deps.conversations.put(record);
    void this.syncTeam(record).catch((e: unknown) => this.log.error({ err: e, teamId }, 'reading the team roster failed; the daily re-read tries again'));
  }

  /** Resolves when every roster read started so far has finished (tests; a clean stop). */
  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.queue;
      await seen.catch(() => undefined);
    } while (seen !== this.queue);
  }

  syncTeam(team: ConversationRecord): Promise<RosterSyncReport> {
    const run = this.queue.catch(() => undefined).then(() => this.read(team));
    this.queue = run;
    return run;
  }

  private async read(team: ConversationRecord): Promise<RosterSyncReport> {
    const teamId = team.key.slice(TEAM_KEY_PREFIX.length);
    const reference = team.reference as Partial<ConversationReference>;
    let members: RosterMember[] = [];
    let failure: unknown;
    // continueConversation gives a turn whose connector client is paced and signed, as a send's is.
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        members = await this.allMembers(context, teamId);
      } catch (e) {
        failure = e;
      }
    });
    if (failure !== undefined) throw failure;
    const now = this.deps.clock.now();
    const [people, conversations, reach] = await Promise.all([this.deps.people.listPeople(), this.deps.conversations.list(), this.deps.reach.list()]);
    const plan = planRosterChats({ teamId, members, people, conversations, reach, now });
    for (const r of plan.reach) await this.deps.reach.put(r);
    const report: RosterSyncReport = { teamId, members: members.length, opened: 0, failed: 0 };
    for (const chat of plan.open) {
      // An install (or another read) may have stored the chat since the plan was made.
      if (await this.deps.conversations.get(chat.key)) continue;
      try {
        await this.open(chat, reference);
        report.opened += 1;
      } catch (e) {
        // One refusal (a 403 for a user outside the tenant) is recorded and the others go on.
        const err = e as Error & { statusCode?: number; code?: string };
        const note = `${err.statusCode ?? err.code ?? 'error'}: ${err.message}`;
        this.log.warn({ personId: chat.person.id, teamId, status: err.statusCode }, `could not open a chat: ${note}`);
        await recordFailure(this.deps.reach, chat.person.id, note, this.deps.clock.now());
        report.failed += 1;
      }
    }
    this.log.info(report, 'team roster read');
    return report;
  }

  private async allMembers(context: TurnContext, teamId: string): Promise<RosterMember[]> {
    const members: RosterMember[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await TeamsInfo.getPagedTeamMembers(context, teamId, PAGE_SIZE, token);
      members.push(...result.members.map(toMember));
      token = result.continuationToken || undefined;
      if (!token) return members;
    }
    throw new Error(`team ${teamId}: the roster did not end after ${MAX_PAGES} pages`);
  }

  /** Creates the 1:1, stores it (origin "roster") and says the welcome, once. */
  private async open(chat: ChatToOpen, team: Partial<ConversationReference>): Promise<void> {
    const tenantId = team.conversation?.tenantId;
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: team.bot!,
      members: [{ id: chat.member.id, name: chat.member.name ?? chat.person.name }],
      ...(tenantId ? { tenantId } : {}),
      channelData: tenantId ? { tenant: { id: tenantId } } : {},
    };
    let failure: unknown;
    // Audience undefined: the connector factory uses the configured cloud's scope, as for every send.
    await this.adapter.createConversationAsync(this.appId, 'msteams', team.serviceUrl!, undefined as unknown as string, parameters, async (context) => {
      try {
        const now = this.deps.clock.now();
        const reference = TurnContext.getConversationReference(context.activity);
        // The created conversation's activity names no user; an install's reference would.
        reference.user = { id: chat.member.id, name: chat.member.name ?? chat.person.name, ...(chat.member.aadObjectId ? { aadObjectId: chat.member.aadObjectId } : {}) } as ConversationReference['user'];
        reference.conversation = { ...reference.conversation!, isGroup: false, conversationType: 'personal' };
        delete reference.activityId;
        // Stored before the welcome goes: a later install or read finds it and says nothing again.
        await this.deps.conversations.put({ key: chat.key, personId: chat.person.id, reference, updatedAt: now.toISOString(), welcomedAt: now.toISOString(), origin: 'roster' });
        await this.deps.reach.put(withoutFailure(await this.deps.reach.get(chat.person.id), chat.person.id, now));
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard(await welcome(this.deps, { known: chat.person })))] });
      } catch (e) {
        // The adapter would hand this to onTurnError and not rethrow: keep it for the caller.
        failure = e;
      }
    });
    if (failure !== undefined) throw failure;
  }
}

function toMember(m: TeamsChannelAccount): RosterMember {
  const member: RosterMember = { id: m.id };
  if (m.name) member.name = m.name;
  if (m.aadObjectId) member.aadObjectId = m.aadObjectId;
  if (m.email) member.email = m.email;
  if (m.userPrincipalName) member.userPrincipalName = m.userPrincipalName;
  return member;
}
