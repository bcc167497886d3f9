import { CardFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { changeBoardPeopleNow, planRetirement } from '../../app/people-changed';
import type { BotDeps } from '../bot-deps';
import { peopleHistory, peopleView, proposePeopleChange, type PeopleChangeRequest, type PersonPick } from '../../app/board-people';
import type { PeopleOp, PeopleRole } from '../../domain/board-people';
import { DomainError } from '../../domain/errors';
import { parseProjectUnitKey } from '../../domain/project';
import { parsePriorityRef } from '../../domain/strategy';
import { messageCard } from '../../cards/message-card';
import { askManagersToReassign, proposeRetirement, retirePerson } from '../../app/retire-person';
import { peopleCard, peopleChangeCard, peopleConfirmCard, peopleHistoryCard, retireConfirmCard, retiredBanner } from '../../cards/people-card';
import { cardResponse, messageResponse } from '../invoke-response';
import { MALFORMED_ACTION } from '../user-messages';
import { sender } from './sender';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** `people [board | priority]` (board managers). */
export async function onPeopleCommand(context: TurnContext, deps: AppDeps, query: string): Promise<void> {
  const view = await peopleView(deps, await sender(context, deps), query);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(peopleCard(view, deps.board.timeZone))] });
}

/** `history people [board]`: the audit trail of the board's people. */
export async function onPeopleHistoryCommand(context: TurnContext, deps: AppDeps, board: string): Promise<void> {
  const history = await peopleHistory(deps, await sender(context, deps), board);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(peopleHistoryCard(history, deps.board.timeZone))] });
}

/** `lead 19 kay.darby@example.org` and the like: the change in words, with Confirm. */
export async function onPeopleShortcut(context: TurnContext, deps: AppDeps, shortcut: { role: PeopleRole; op: PeopleOp; unit?: string; person: string; board?: string }): Promise<void> {
  const proposal = await proposePeopleChange(deps, await sender(context, deps), shortcut);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(peopleConfirmCard(proposal))] });
}

/** Change on the people card: the change card, with Teams' people picker, in its place. */
export async function onPeopleEdit(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  const unit = str(data.unit);
  const ref = parsePriorityRef(unit);
  // A project's row opens its workstream's view, the project chosen.
  const query = ref ? `${ref.strategyKey}/${parseProjectUnitKey(ref.key)?.workstreamKey ?? ref.key}` : str(data.board);
  const view = await peopleView(deps, await sender(context, deps), query);
  const role = str(data.role);
  return cardResponse(peopleChangeCard(view, { ...(unit ? { unit } : {}), ...(role === 'manager' ? { role } : {}) }, { directory: deps.directory !== undefined }));
}

const ROLES: readonly string[] = ['lead', 'deputy', 'manager'];
const OPS: readonly string[] = ['set', 'add', 'remove'];

/**
 * Who the card names: a known person (a confirmation), Teams' people picker (the Entra object id
 * it sends; several when a client sends a list: the first), or an email address.
 */
function pickOf(data: Data): PersonPick {
  const named = { ...(str(data.name) ? { name: str(data.name) } : {}), ...(str(data.organisation) ? { organisation: str(data.organisation) } : {}) };
  if (str(data.personId)) return { personId: str(data.personId) };
  const picked = str(data.person).split(',')[0]!.trim() || str(data.aadObjectId);
  if (picked) return { aadObjectId: picked, ...named };
  if (str(data.email)) return { email: str(data.email), ...named };
  throw new DomainError('PERSON_NOT_FOUND', 'nobody picked');
}

/** Make the change (change card or confirmation): saved → the people card with what changed; stale → the new state, nothing written. */
export async function onPeopleChange(context: TurnContext, deps: BotDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  const role = str(data.role);
  const op = str(data.op);
  if (!ROLES.includes(role) || !OPS.includes(op)) return messageResponse(MALFORMED_ACTION);
  const request: PeopleChangeRequest = {
    role: role as PeopleRole,
    op: role === 'manager' && op === 'set' ? 'add' : (op as PeopleOp),
    person: pickOf(data),
    baseVersion: str(data.version),
    ...(str(data.unit) ? { unitRef: str(data.unit) } : {}),
    ...(str(data.board) ? { boardKey: str(data.board) } : {}),
  };
  // Saved, and what it sets going (a welcome, the open period's card) written to the outbox, before the answer.
  const outcome = await changeBoardPeopleNow(deps.cycle(), await sender(context, deps), request);
  if (outcome.kind === 'stale') {
    return cardResponse(peopleCard(outcome.view, deps.board.timeZone, { title: 'Someone else changed this first', text: 'Another manager changed the people of this board after your card was made, so nothing was changed. This is how it stands now: make your change again if it is still needed.', style: 'warning' }));
  }
  const { change, what } = outcome;
  const text = `${what.charAt(0).toUpperCase()}${what.slice(1)}: ${change.before} → ${change.after}.${outcome.created ? ` ${outcome.person.name} is new to the board${outcome.person.email && !outcome.person.aadObjectId ? ', reached by email' : ''}.` : ''}`;
  // Sent in the background: the manager's answer does not wait for a mail relay or a Teams send.
  if ((outcome.effects?.planned.length ?? 0) > 0) deps.sendPlanned();
  return cardResponse(peopleCard(outcome.view, deps.board.timeZone, { title: 'Changed', text, style: 'good' }));
}

export async function onPeopleCancel(): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(messageCard('Nothing changed', 'Type "people" to see who leads what, or send the shortcut again.', 'default'));
}

/** `retire Kay Darby` / `retire kay.darby@example.org`: what it would do, with Confirm. */
export async function onRetireCommand(context: TurnContext, deps: AppDeps, person: string): Promise<void> {
  const proposal = await proposeRetirement(deps, await sender(context, deps), { text: person });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(retireConfirmCard(proposal))] });
}

/** Retire… on the people card: the same confirmation, in the card's place. */
export async function onRetireAsk(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  if (!str(data.person)) return messageResponse(MALFORMED_ACTION);
  return cardResponse(retireConfirmCard(await proposeRetirement(deps, await sender(context, deps), { personId: str(data.person) })));
}

/**
 * Confirm: the retirement written on the versions the confirmation carries, then each manager
 * asked to reassign (through the outbox); the answer is the people card with what changed.
 * Stale: nothing written, the confirmation as it would be now.
 */
export async function onRetire(context: TurnContext, deps: BotDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  const versions = data.versions !== null && typeof data.versions === 'object' ? Object.fromEntries(Object.entries(data.versions as Data).map(([k, v]) => [k, str(v)])) : undefined;
  if (!str(data.person) || !versions) return messageResponse(MALFORMED_ACTION);
  const who = await sender(context, deps);
  // What was planned for them is cancelled, and whoever answers instead is sent the card, before the answer.
  const outcome = await retirePerson(deps, who, { personId: str(data.person), versions }, (saved) => planRetirement(deps.cycle(), str(data.person), saved.removed));
  if (outcome.kind === 'stale') {
    return cardResponse(retireConfirmCard(outcome.proposal, { title: 'Someone else changed this first', text: 'Another manager changed the people of this board after your card was made, so nothing was changed. This is what retiring them would do now: confirm again if it is still needed.' }));
  }
  await askManagersToReassign(deps.cycle(), outcome.notices);
  if ((outcome.effects?.planned.length ?? 0) > 0) deps.sendPlanned();
  const banner = retiredBanner(outcome.done);
  // Someone who retired themself from their last board sees the outcome without the card they no longer manage.
  const view = await peopleView(deps, who, outcome.changes[0]?.boardKey ?? '').catch((e: unknown) => {
    if (e instanceof DomainError && (e.code === 'NOT_BOARD_MANAGER' || e.code === 'BOARD_NOT_FOUND')) return undefined;
    throw e;
  });
  return cardResponse(view ? peopleCard(view, deps.board.timeZone, banner) : messageCard(banner.title, banner.text, 'default'));
}

/** Open the people card from the managers' request to reassign. */
export async function onPeopleShow(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(peopleCard(await peopleView(deps, await sender(context, deps), str(data.board)), deps.board.timeZone));
}
