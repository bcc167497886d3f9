import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { isDomainError, type DomainError, type DomainErrorCode } from '../domain/errors';
import { messageCard } from '../cards/message-card';
import type { Card } from '../cards/elements';
import { cardResponse, messageResponse } from './invoke-response';

/**
 * The one place where an error becomes what a person reads: what happened, and what to do —
 * in chat (a card), as a card action's answer (in the spirit of botbuilder's InvokeException),
 * and as an HTTP page (src/http/errors.ts adds the status). Handlers and use cases throw; they
 * never word a failure themselves.
 * `details` come from our own data or are cut short; cards escape them.
 */
export function userMessage(e: DomainError): { title: string; text: string } {
  const d = e.details;
  switch (e.code) {
    case 'UNKNOWN_PERSON':
      return { title: 'I do not know you yet', text: 'Your Teams account is not in the board\'s list of leads and managers. Ask the board officer to add you, then try again.' };
    case 'NOT_A_LEAD':
      return { title: 'You do not lead a priority', text: 'Check-ins are answered by the lead or deputy of a priority, and you are neither. If that is wrong, ask the board officer to add you as a lead. You can still type "help".' };
    case 'NOT_LEAD_FOR_PRIORITY':
      return d.yours
        ? { title: 'Not one of your priorities', text: `No priority you answer for matches "${d.query ?? ''}". Yours: ${d.yours}. Type "checkin" to choose from them.` }
        : { title: 'Not one of your priorities', text: `You are not the lead or deputy for ${d.priority ?? 'that priority'}, so nothing was saved. Only its lead or deputy can answer for it.` };
    case 'PRIORITY_NOT_FOUND':
      return { title: 'Priority not found', text: `There is no priority "${d.query ?? ''}". Try "status" with a priority number or words from its title.` };
    case 'PROJECT_NOT_FOUND':
      return { title: 'Not one of this workstream\'s projects', text: `The card named a project that is not one of ${d.workstream ?? 'the workstream'}'s, so nothing on it was saved. Type "projects" for a fresh card.` };
    case 'NO_PROJECTS':
      return d.yours
        ? { title: 'Not one of your workstreams', text: `None of the workstreams whose projects you answer matches "${d.query ?? ''}". Yours: ${d.yours}. Type "projects" for the card.` }
        : { title: 'You do not answer for a project', text: 'Projects are answered by their lead officers, and a workstream\'s lead answers the projects that have none. If you should be one, ask the board officer. You can still type "help".' };
    case 'WORKSTREAM_NOT_FOUND':
      return d.choices
        ? { title: 'Which workstream?', text: `No single workstream with projects matches "${d.query ?? ''}". Those you can ask for: ${d.choices}. Try "monitoring" with a workstream number, e.g. "monitoring W2".` }
        : { title: 'No monitoring sheet for you', text: `No workstream with projects matches "${d.query ?? ''}", and none you can see has a monitoring sheet. Board managers, and a workstream's lead and deputies, can ask for its sheet.` };
    case 'STRATEGY_NOT_FOUND':
      return { title: 'Strategy not found', text: `There is no strategy or theme "${d.query ?? ''}". Type "summary" for every live strategy, or use words from a strategy's title.` };
    case 'BOARD_NOT_FOUND':
      return { title: 'Board not found', text: `No board matches "${d.query ?? ''}".${d.boards ? ` Yours: ${d.boards}.` : ''} Leave the board out for all of yours.` };
    case 'PERIOD_CLOSED':
      return { title: 'This card is for a closed period', text: `The card was for ${d.period ?? 'an earlier period'}, which no longer takes answers, so nothing was saved. The current period is ${d.current ?? 'open'}: type "checkin" for a fresh card.` };
    case 'PERIOD_MISMATCH':
      return { title: 'This card is not for the current period', text: `The card says ${d.period ? `"${d.period}"` : 'another period'}, but this priority is answering for ${d.current ?? 'its current period'} now, so nothing was saved. Type "checkin" for a fresh card.` };
    case 'STRATEGY_CLOSED':
      return { title: 'This strategy has ended', text: `${d.strategy ?? 'The strategy'} has closed, so it takes no new check-ins. Its history is still available with "status".` };
    case 'STALE_ANSWER':
      return { title: 'The answer changed', text: 'This card is out of date: the answer it edits is not the one stored now, so nothing was saved. Type "checkin" for the latest and apply your changes again.' };
    case 'NOT_BOARD_MANAGER':
      return { title: 'Not available to you', text: d.priority ? `Only board managers and its lead or deputy can see ${d.priority}.` : `Only board managers can ${d.action ?? 'do that'}. Ask the board officer if you need access.` };
    case 'BAD_DATE':
      return d.why
        ? { title: 'Pick another date', text: `"${d.input ?? ''}" ${d.why}, so nothing was changed. Give the last day you are away, e.g. "away until 18 Dec", optionally followed by who covers.` }
        : { title: 'I could not read that date', text: `"${d.input ?? ''}" is not a date I understand. Try "away until 2026-12-18" or "away until 18 Dec", optionally followed by who covers.` };
    case 'BAD_PERIOD':
      return { title: 'I could not read that period', text: `"${d.input ?? ''}" is not a period. Use 2024 (a year), 2024-H1, 2024-Q3 or 2024-07, e.g. "history 19 from 2024-Q1 to 2024-Q4".` };
    case 'UNKNOWN_DEPUTY':
      return { title: 'Who should cover?', text: `I could not find "${d.input ?? ''}" among the board's people. Mention them (@name) or type their full name; nothing was saved.` };
    case 'NO_BOARD_CHANNEL':
      return { title: `No board channel yet${d.board ? ` for ${d.board}` : ''}`, text: `Digests${d.board ? ` of ${d.board}` : ''} go to the board's channel, and none is set. In that channel, mention me with "use this channel for digests".` };
    case 'NOT_IN_CHANNEL':
      return { title: 'Say that in the channel', text: '"use this channel for digests" only works in a team channel: mention me there.' };
    case 'MALFORMED_SUBMISSION':
      return { title: 'Nothing was saved', text: 'This card arrived without its own submission number, or with one that was changed, so I could not make sure it is saved only once. Type "checkin" (or "projects") for a fresh card.' };
    case 'NOTHING_TO_CHANGE':
      if (d.person) return { title: 'Nothing to retire', text: `${d.person} leads, deputises and manages nothing on your boards, so nothing was changed. Type "people" to see who holds what.` };
      return { title: 'Nothing to change', text: `That would leave ${d.what ?? 'it'} as it is, so nothing was changed. Type "people" to see who holds what.` };
    case 'LAST_MANAGER':
      return { title: 'A board needs a manager', text: `${d.person ?? 'They'} is the last manager of ${d.board ?? 'the board'}, so nothing was changed. Add another manager first ("manager add" and their email), then ${d.then ?? 'remove them'}.` };
    case 'PERSON_NOT_FOUND':
      return !d.input ? { title: 'Who?', text: 'Pick someone in the search box, or type the email of someone outside your organisation; nothing was changed.' } : { title: 'Who is that?', text: `Nobody called "${d.input ?? ''}" is among the board's people, so nothing was changed. Give their email address instead (e.g. "lead 19 kay.darby@example.org"), or pick them on the card: type "people".` };
    case 'PERSON_NEEDS_NAME':
      return { title: 'Their name, please', text: 'Teams sent only the id of the person you picked, and they are new to the board, so nothing was changed. Type their name (and organisation) on the card and press it again.' };
    case 'NOT_IN_DIRECTORY':
      return { title: 'Not in your directory', text: 'That person is not in your organisation\'s directory (they may have left, or their account was removed), so nothing was changed. Pick them again in the search box, or for someone outside your organisation type their email, name and organisation.' };
    case 'DIRECTORY_UNAVAILABLE':
      return { title: 'Could not look them up', text: `Your organisation's directory (Microsoft Graph) did not answer in time, so nothing was changed. Please try again ${d.retryAfterSeconds ? `in ${inWords(Number(d.retryAfterSeconds))}` : 'in a minute'}: press the button again, your card is as you left it.` };
    case 'WHICH_BOARD':
      return { title: 'Which board?', text: `You manage ${d.boards ?? 'several boards'}: say which, e.g. "${d.example ?? 'people leicestershire'}". Nothing was changed.` };
    case 'STORAGE_UNAVAILABLE':
      return { title: 'Could not reach storage', text: 'Nothing was saved. Please try again in a minute; if it keeps happening, tell the board officer.' };
  }
}

/** A wait the user is asked to give, in words ("30 seconds", "5 minutes"). */
function inWords(seconds: number): string {
  return seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

/** Failures that are not a domain error's: a bug, a timeout, a malformed action. */
export const UNEXPECTED = {
  title: 'Something went wrong',
  text: 'I could not finish that, and nothing was saved. Please try again in a minute; if it keeps happening, tell the board officer.',
};
export const INVOKE_LATE = 'Saving is taking longer than usual, so I cannot confirm it yet. Please press the button again in a moment: your answer will not be saved twice.';
export const MALFORMED_ACTION = 'That card action arrived incomplete, so nothing was saved. Type "checkin" (or "help") for a fresh card.';
export const UNKNOWN_ACTION = 'This button is from an older version of the bot. Type "help" for what I can do now.';

export function errorCard(e: DomainError): Card {
  const m = userMessage(e);
  return messageCard(m.title, m.text);
}

/** A chat turn's failure: a domain error as its card, anything else as the generic one. */
export function chatCard(e: unknown): Card {
  return isDomainError(e) ? errorCard(e) : messageCard(UNEXPECTED.title, UNEXPECTED.text);
}

/** A service that did not answer: the card stays as it is, to be pressed again. */
const OUTAGES: ReadonlySet<DomainErrorCode> = new Set(['STORAGE_UNAVAILABLE', 'DIRECTORY_UNAVAILABLE']);

/**
 * A card action's failure. A refusal replaces the card (it could not be used anyway); an outage
 * or a bug leaves the card as it is, so nothing typed is lost, and says so in a message.
 */
export function invokeErrorResponse(e: unknown): AdaptiveCardInvokeResponse {
  if (isDomainError(e) && !OUTAGES.has(e.code)) return cardResponse(errorCard(e));
  const m = isDomainError(e) ? userMessage(e) : UNEXPECTED;
  return messageResponse(`${m.title}. ${m.text}`);
}

/** A report link refused: expired (410) is said apart from altered or forged (401), as for check-in links. */
export const REPORT_LINK_INVALID = { status: 401, body: 'This report link is not complete or has been changed. Ask the bot for "report" again.' };
export const REPORT_LINK_EXPIRED = { status: 410, body: 'This report link has expired. Ask the bot for "report" again.' };

/**
 * The emailed check-in link, refused. Expired is said apart from altered or forged (410 and 401),
 * so a lead with an old email knows to wait for the next one rather than suspect a fault.
 */
export const CHECKIN_LINK_INVALID = { status: 401, title: 'This link does not work', text: 'The check-in link is not complete or has been changed, so nothing was shown or saved. Open the link from your latest reminder email again; if that fails, reply to the board officer.' };
export const CHECKIN_LINK_EXPIRED = { status: 410, title: 'This link has expired', text: 'The period this link was for has closed, so it takes no more answers and nothing was saved. The next reminder email will bring a new link.' };
export function checkInLinkOtherPriority(priority: string, period: string): { status: number; title: string; text: string } {
  return { status: 403, title: 'Not what this link is for', text: `This link answers only ${priority} for ${period}, so nothing was saved. Use the link from the email about the other priority.` };
}

/**
 * Requests refused before authentication, for what the sender got wrong: a status and one short
 * sentence of ours (never a library's message, which names its internals).
 */
export const REQUEST_REFUSED = {
  encoded: { status: 415, body: 'Request bodies are not accepted compressed: send it again without Content-Encoding.' },
  notJson: { status: 415, body: 'This address takes JSON only: send the body with Content-Type: application/json.' },
  tooLarge: { status: 413, body: 'The request body is too large.' },
  badJson: { status: 400, body: 'The request body is not valid JSON.' },
  notActivity: { status: 400, body: 'The request body is not a Bot Framework activity: it needs an object with a text "type".' },
  badServiceUrl: { status: 400, body: 'The activity\'s serviceUrl is missing or not an http(s) address.' },
  serviceUrlNotLoopback: { status: 400, body: 'In local mode the bot answers only a serviceUrl on this machine (127.0.0.1, localhost or ::1).' },
  unknownInvoke: { status: 400, body: 'This bot does not handle that kind of invoke.' },
  crossSite: { status: 403, body: 'Answers are taken only from the check-in page itself, so nothing was saved. Open the link from your reminder email.' },
  tenantDisagrees: { status: 403, body: 'The activity names two different tenants.' },
  tenantNotAllowed: { status: 403, body: 'This tenant may not use this bot.' },
  tokenRefused: { status: 401, body: 'Unauthorized' },
  tokenUnavailable: { status: 503, body: 'Cannot check the token now; try again shortly.' },
  notFound: { status: 404, body: 'There is nothing at this address.' },
  methodNotAllowed: { status: 405, body: 'This address does not take that kind of request.' },
  otherwise: { status: 400, body: 'This request could not be handled as it was sent.' },
} as const;

/**
 * The Teams tab (tab single sign-on): each refusal as what happened and what to do, for the tab
 * page to show. A token that is not good is 401; a genuine one for someone who may not see the
 * board is 403; the key service down is 503 (try again).
 */
const BOARD_LINK_HINT = 'the link the bot\'s "board" command gives';
export const TAB_SIGN_IN = {
  notSetUp: { status: 404, title: 'Teams sign-in is not set up for this tab', text: `This bot has no tab single sign-on configured, so the tab cannot show the board. Use ${BOARD_LINK_HINT} in your chat with the bot, and ask your IT team to set up tab sign-in (README, "The Teams tabs").` },
  tokenRefused: { status: 401, title: 'Teams could not sign you in', text: `The sign-in Teams gave this tab was not accepted, so nothing is shown. Reload the tab; if it happens again, use ${BOARD_LINK_HINT} and tell the board officer.` },
  otherTenant: { status: 403, title: 'Not your organisation\'s board', text: `You are signed in to Teams with an organisation this board does not serve, so nothing is shown. Switch Teams to your work account for this board, or use ${BOARD_LINK_HINT}.` },
  unknownPerson: { status: 403, title: 'I do not know you yet', text: 'Your Teams account is not in the board\'s list of leads and managers, so nothing is shown. Ask the board officer to add you, then reload the tab.' },
  noBoard: { status: 403, title: 'No board for you yet', text: 'You neither manage a board nor lead a priority, so there is no board to show. If that is wrong, ask the board officer.' },
  unavailable: { status: 503, title: 'Cannot check your sign-in just now', text: 'The Microsoft sign-in service could not be reached, so nothing is shown yet. Reload the tab in a minute.' },
  linkFailed: { status: 500, title: 'The board could not be opened', text: `Something went wrong while opening the board, and nothing is shown. Reload the tab in a minute; if it keeps happening, use ${BOARD_LINK_HINT} and tell the board officer.` },
} as const;

export function tabOtherBoard(yours: readonly string[]): { status: number; title: string; text: string } {
  return { status: 403, title: 'Not one of your boards', text: `This tab is for a board you neither manage nor lead a priority in, so nothing is shown.${yours.length > 0 ? ` Yours: ${yours.join(', ')}.` : ''} Ask that board's officer if you need to see it.` };
}

/** What the tab page says without asking the server: these are in its HTML, shown by its script. */
export const TAB_PAGE = {
  outsideTeams: { title: 'Open this tab in Teams', text: `This page signs you in through Microsoft Teams, and it was opened outside Teams, so nothing is shown. Open the Boards tab in Teams, or use ${BOARD_LINK_HINT} in your chat with the bot.` },
  signInFailed: { title: 'Teams did not sign you in', text: `Teams could not give this tab your sign-in (you may need to consent, or the app's sign-in is not set up), so nothing is shown. Reload the tab; if it happens again, use ${BOARD_LINK_HINT} and tell your IT team.` },
  noConnection: { title: 'The bot could not be reached', text: 'The board\'s server did not answer (no connection?), so nothing is shown. Check your connection and reload the tab.' },
  noScript: { title: 'This tab needs JavaScript', text: `The Boards tab signs you in with a script, and scripts are off, so nothing is shown. Turn JavaScript on, or use ${BOARD_LINK_HINT}.` },
} as const;

/**
 * A link to a board's page, refused: expired (410) apart from altered or forged (401), and a link
 * for another board (403). Nothing of the board is shown with any of them.
 */
export const BOARD_LINK_INVALID = { status: 401, title: 'This link does not work', text: 'The link to the board\'s page is not complete or has been changed, so nothing is shown. Type "board" to the bot in Teams for a new link.' };
export const BOARD_LINK_EXPIRED = { status: 410, title: 'This link has expired', text: 'Links to the board\'s page work for a short time only, so nothing is shown. Type "board" to the bot in Teams for a new link.' };
export const BOARD_LINK_OTHER_BOARD = { status: 403, title: 'This link is for another board', text: 'The link names a different board from the page asked for, so nothing is shown. Type "board" to the bot in Teams for a link to each board you may see.' };
