import { card, heading, note, type Card } from './elements';

export const COMMANDS: readonly [string, string][] = [
  ['checkin [priority]', 'Get the check-in card for the current period'],
  ['projects [workstream]', 'Project leads: one card, a section for each project you answer'],
  ['status <priority number or words>', "A priority's RAG, latest update and KPIs"],
  ['monitoring <workstream>', "A workstream's monitoring sheet: a row per project, as the 2024 template sets it out"],
  ['overdue', 'Check-ins past their due date'],
  ['red', 'Priorities rated Red this period'],
  ['history <priority> [from <period>] [to <period>]', "Every version of a priority's answers, with what changed"],
  ['report [strategy] [period]', 'Board managers: the board paper as Word, Markdown or CSV'],
  ['summary [strategy or theme]', 'RAG counts and direction of travel for the strategy'],
  ['away until <date> [deputy]', 'Send your reminders to a deputy while you are away'],
  ['back', 'You are back: your reminders come to you again'],
  ['reach', 'Board managers: how the bot reaches each lead, deputy and board manager, or why it cannot'],
  ['chase [priority or board]', 'Board managers: remind the leads of overdue check-ins now (each person at most once a day)'],
  ['calendar [board]', "Board managers: the board's meeting dates, digest day and time, escalation rules and how often each priority reports"],
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
  // Typed, not on the menu: Teams' command menus are full (10 a scope).
  body.push(note('Board managers keep the board\'s people current: "people" (with Change), "lead 19 kay.darby@example.org", "deputy W1 Megan Bowen", "manager add …", "retire Kay Darby", "history people".', { isSubtle: true, size: 'Small' }));
  return card(body);
}
