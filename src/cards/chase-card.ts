import type { ChaseLine, ChaseView } from '../app/chase';
import { card, heading, note, type Card, type Element } from './elements';

/** What happened to each person, in the words the board manager acts on. */
function outcomeText(line: ChaseLine): string {
  switch (line.outcome) {
    case 'sent':
      return `reminded now by ${line.routeText}`;
    case 'already':
      return `already chased today, so not sent again (${line.routeText})`;
    case 'unreachable':
      return line.routeText;
    case 'failed':
      return `not reached: the ${line.route === 'email' ? 'email' : 'Teams message'} failed (${line.note ?? 'no reason given'})`;
  }
}

/** `chase`: who was reminded now, by which route, and who could not be (and why). */
export function chaseCard(view: ChaseView): Card {
  const what = view.scope.kind === 'overdue' ? `the overdue check-ins of ${view.scope.boards.join(' and ')}` : view.scope.names.join('; ');
  const sent = view.lines.filter((l) => l.outcome === 'sent').length;
  const body: Element[] = [heading('Chased now', 'Large'), note(`Chasing ${what}.`, { wrap: true, spacing: 'None' })];
  if (view.lines.length === 0) {
    body.push(note(view.scope.kind === 'overdue' ? 'Nothing is overdue from anyone who was asked, so nobody was chased.' : 'Nobody to chase for these.', { wrap: true }));
  } else {
    body.push(note(`${sent} of ${view.lines.length} ${view.lines.length === 1 ? 'person' : 'people'} reminded now. Each person is chased at most once a day.`, { isSubtle: true, size: 'Small', wrap: true }));
    for (const line of view.lines) {
      body.push(
        note(`${line.name}${line.organisation ? ` (${line.organisation})` : ''}: ${outcomeText(line)}`, { weight: 'Bolder', wrap: true, ...(line.outcome === 'unreachable' || line.outcome === 'failed' ? { color: 'Attention' } : {}) }),
        note(line.items.join('; '), { isSubtle: true, size: 'Small', spacing: 'None', wrap: true }),
      );
    }
  }
  for (const n of view.noLead) body.push(note(`${n}: no lead, so nobody to chase. A board manager gives it a lead: "lead <number> <email or name>", or "people".`, { color: 'Warning', size: 'Small', wrap: true }));
  for (const a of view.answered) body.push(note(`${a}: answered for its current period already, so nobody was chased.`, { size: 'Small', wrap: true }));
  return card(body);
}
