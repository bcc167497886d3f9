import type { WelcomeView } from '../app/people';
import { card, heading, note, priorityName, type Card } from './elements';

/** Said once on install, and to someone a board manager has just made a lead or deputy: what the bot does, and what this person answers for. */
export function welcomeCard(view: WelcomeView): Card {
  const body = [heading(view.person ? `Welcome, ${view.person.name}` : 'Welcome to the HWB Progress Bot', 'Large')];
  if (view.assigned) body.push(note(`${view.assigned.by} made you ${view.assigned.what} on the ${view.assigned.board}.`));
  body.push(note('I collect progress check-ins for the Health and Wellbeing Board and answer questions about the strategy.'));
  if (view.leads.length > 0) body.push(note(`You lead: ${view.leads.map(priorityName).join('; ')}.`));
  if (view.deputises.length > 0) body.push(note(`You are deputy for: ${view.deputises.map(priorityName).join('; ')}.`));
  if (view.person && view.leads.length === 0 && view.deputises.length === 0) body.push(note('You do not lead a priority.'));
  if (view.person?.boardManager) body.push(note('You are a board manager: you can ask for the status of any priority, keep the board\'s people and dates current with "people" and "calendar", and open its page with "board".'));
  if (!view.person) body.push(note('Your account is not in the board\'s list of leads and managers yet. Ask the board officer to add you.'));
  body.push(note('Type "help" for the commands, or "checkin" to answer for this period.', { isSubtle: true }));
  return card(body);
}
