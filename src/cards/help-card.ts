import { card, heading, note, type Card } from './elements';

/**
 * What the bot does, one line a command, as `help` shows it. Each line's command (up to its first
 * argument) is on at least one of the Teams command menus in manifest/manifest.json, and every menu
 * command is here (the manifest test holds both ways); README "Chat commands" says which menu.
 */
export const COMMANDS: readonly [string, string][] = [
  ['checkin [priority]', 'Get the check-in card for the current period'],
  ['projects [workstream]', 'Project leads: one card, a section for each project you answer'],
  ['status <priority number or words>', "A priority's RAG, latest update and KPIs"],
  ['monitoring <workstream>', "A workstream's monitoring sheet: a row per project, as the 2024 template sets it out"],
  ['overdue', 'Check-ins past their due date'],
  ['red', 'Priorities rated Red this period'],
  ['history <priority> [from <period>] [to <period>]', "Every version of a priority's answers, with what changed"],
  ['summary [strategy or theme]', 'RAG counts and direction of travel for the strategy'],
  ['board [board]', "A link to your board's page (every priority's RAG, trend and KPIs), for you alone"],
  ['away until <date> [deputy]', 'Send your reminders to a deputy while you are away; "back" when you return'],
  ['report [strategy] [period]', 'Board managers: the board paper as Word, Markdown or CSV'],
  ['people [board or priority]', 'Board managers: who leads and deputises each priority, and who manages the board; Change to change them'],
  ['calendar [board]', "Board managers: the board's meeting dates, digest day and time, escalation rules and how often each priority reports"],
  ['reach', 'Board managers: how the bot reaches each lead, deputy and board manager, or why it cannot'],
  ['chase [priority or board]', 'Board managers: remind the leads of overdue check-ins now (each person at most once a day)'],
  ['digest now', 'Board managers: post the escalation digest to the board channel'],
  ['use this channel for digests', 'Board managers, in a channel: digests go there'],
  ['help', 'This list'],
];

/** Short help; also the answer to anything the bot did not understand, never silence. */
export function helpCard(unknown?: string): Card {
  const body = [heading('HWB Progress Bot', 'Large')];
  if (unknown !== undefined) body.push(note(`I did not understand "${unknown.slice(0, 60)}". Here is what I can do:`, { wrap: true }));
  body.push({
    type: 'FactSet',
    facts: COMMANDS.map(([command, what]) => ({ title: command.replace(/[<>[\]]/g, (c) => `\\${c}`), value: what })),
  });
  body.push(note('Example: "status healthy weight" or "status 19".', { isSubtle: true, size: 'Small' }));
  // Typed, not on the menus: shortcuts take their person and priority in the same line.
  body.push(note('Board managers can also change people in one line, then Confirm: "lead 19 kay.darby@example.org", "deputy W1 Megan Bowen", "manager add …", "retire Kay Darby"; "history people" shows every change.', { isSubtle: true, size: 'Small' }));
  return card(body);
}
