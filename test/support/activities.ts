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

/**
 * What a Teams client sends when the Action.Execute titled `title` is pressed on `card`: its data
 * and, unless it says associatedInputs "none", every input on the card with its value (what is
 * `typed` over what the card holds; a toggle sends its valueOn or valueOff). Like the client, it
 * sends nothing when a required input is empty or a value breaks its input's regex: it throws,
 * naming the input and the message the person would see instead.
 */
export function press(card: Record<string, unknown>, title: string | RegExp, typed: Record<string, string> = {}): { verb: string; data: Record<string, unknown> } {
  const action = allActions(card).find((a) => a.type === 'Action.Execute' && (typeof title === 'string' ? a.title === title : title.test(String(a.title))));
  if (!action) throw new Error(`no button "${String(title)}" on the card: ${allActions(card).map((a) => a.title).join(', ')}`);
  const data: Record<string, unknown> = { ...(action.data as Record<string, unknown>) };
  if (action.associatedInputs !== 'none') {
    for (const input of inputsOf(card)) {
      const id = String(input.id);
      const own = input.type === 'Input.Toggle' ? (input.value === (input.valueOn ?? 'true') ? String(input.valueOn ?? 'true') : String(input.valueOff ?? 'false')) : String(input.value ?? '');
      const value = typed[id] ?? own;
      if (input.isRequired === true && value.trim() === '') throw new Error(`the client sends nothing: ${id} is required ("${String(input.errorMessage ?? '')}")`);
      if (typeof input.regex === 'string' && value !== '' && !new RegExp(input.regex).test(value)) throw new Error(`the client sends nothing: ${id} does not match its pattern ("${String(input.errorMessage ?? '')}")`);
      data[id] = value;
    }
    for (const id of Object.keys(typed)) if (!(id in data)) throw new Error(`no input ${id} on the card`);
  }
  return { verb: String(action.verb), data };
}

/** Every input on a card, in order. */
export function inputsOf(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
      else for (const v of Object.values(o)) walk(v);
    }
  };
  walk((card as { body?: unknown }).body);
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
