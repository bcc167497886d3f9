import { randomUUID } from 'node:crypto';

/** Teams-shaped activities, as the Bot Connector delivers them for a personal chat or a channel. */
export interface TeamsUser {
  /** Teams user id ("29:…"). */
  id: string;
  name: string;
  aadObjectId?: string;
}

export const ALEX: TeamsUser = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };
export const MEGAN: TeamsUser = { id: '29:megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' };
export const ADELE: TeamsUser = { id: '29:adele', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022' };
/** Leads three of W2's projects in the real seeds (and nothing else). */
export const AMY: TeamsUser = { id: '29:amy', name: 'Amy Hathway', aadObjectId: '00000000-0000-0000-0000-0000000000024' };
/** In the people list, but leads nothing. */
export const GRACE: TeamsUser = { id: '29:grace', name: 'Grace Taylor', aadObjectId: '00000000-0000-0000-0000-0000000000030' };

export const BOT = { id: '28:hwb-bot', name: 'HWB Progress Bot' };
export const TENANT = '00000000-0000-0000-0000-000000000001';

function base(user: TeamsUser, serviceUrl: string, type: string): Record<string, unknown> {
  return {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id, name: user.name, ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) },
    recipient: BOT,
    conversation: { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
  };
}

export function message(user: TeamsUser, serviceUrl: string, text: string): Record<string, unknown> {
  return { ...base(user, serviceUrl, 'message'), text, textFormat: 'plain' };
}

export function installation(user: TeamsUser, serviceUrl: string): Record<string, unknown> {
  return { ...base(user, serviceUrl, 'installationUpdate'), action: 'add' };
}

export function membersAdded(user: TeamsUser, serviceUrl: string): Record<string, unknown> {
  return { ...base(user, serviceUrl, 'conversationUpdate'), membersAdded: [{ id: user.id, aadObjectId: user.aadObjectId }, { id: BOT.id }] };
}

/** Action.Execute: Teams merges the card's inputs into action.data. */
export function cardAction(user: TeamsUser, serviceUrl: string, verb: string, data: Record<string, unknown>, replyToId = 'card-1'): Record<string, unknown> {
  return {
    ...base(user, serviceUrl, 'invoke'),
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data: { verb, ...data } }, trigger: 'manual' },
  };
}

/** Every action on a card: the action bar and the ActionSets in its body, in order. */
export function allActions(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o);
      for (const v of Object.values(o)) walk(v);
    }
  };
  const c = card as { body?: unknown; actions?: unknown };
  walk(c.body);
  walk(c.actions);
  return out;
}

/** The data an Action.Execute on `card` would send, with `inputs` typed in. */
export function submitFrom(card: Record<string, unknown>, inputs: Record<string, unknown>): { verb: string; data: Record<string, unknown> } {
  const action = ((card.actions as Record<string, unknown>[] | undefined) ?? []).find((a) => a.type === 'Action.Execute');
  if (!action) throw new Error('the card has no Action.Execute');
  return { verb: String(action.verb), data: { ...(action.data as Record<string, unknown>), ...inputs } };
}

export const TEAM_ID = '19:board-team@thread.tacv2';
export const CHANNEL_ID = '19:board-channel@thread.tacv2';

/** A message in a team channel, with the bot @mentioned as Teams sends it. */
export function channelMessage(user: TeamsUser, serviceUrl: string, text: string, channelId = CHANNEL_ID, messageId = '1'): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(user, serviceUrl, 'message'),
    conversation: { id: `${channelId};messageid=${messageId}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: TEAM_ID, name: 'Health and Wellbeing Board' }, channel: { id: channelId, name: 'Board' } },
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } }],
  };
}

/** The bot added to a team: Teams sends a conversationUpdate in the General channel. */
export function teamInstall(user: TeamsUser, serviceUrl: string): Record<string, unknown> {
  return {
    ...base(user, serviceUrl, 'conversationUpdate'),
    conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: TEAM_ID, name: 'Health and Wellbeing Board' }, eventType: 'teamMemberAdded' },
    membersAdded: [{ id: BOT.id }],
  };
}

/** The bot installed in a team, as the installationUpdate Teams sends in the General channel. */
export function teamInstallation(user: TeamsUser, serviceUrl: string): Record<string, unknown> {
  return {
    ...base(user, serviceUrl, 'installationUpdate'),
    action: 'add',
    conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: TEAM_ID, name: 'Health and Wellbeing Board' } },
  };
}

/** People (not the bot) added to the team: a conversationUpdate in the General channel. */
export function teamMembersAdded(by: TeamsUser, serviceUrl: string, added: TeamsUser[]): Record<string, unknown> {
  return {
    ...teamInstall(by, serviceUrl),
    membersAdded: added.map((u) => ({ id: u.id, ...(u.aadObjectId ? { aadObjectId: u.aadObjectId } : {}) })),
  };
}
