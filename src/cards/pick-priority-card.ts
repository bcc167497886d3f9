import type { Priority } from '../domain/strategy';
import { cutAtWord } from '../domain/wording';
import { card, execute, heading, note, priorityButton, priorityName, type Card, type Element } from './elements';
import { PROJECTS_OPEN_VERB } from './project-check-in-card';
import { STATUS_VERB } from './status-card';

export const PICK_CHECKIN_VERB = 'checkin.open';

/** Most a picker lists; past that, more words narrow it better than a long list. */
const MAX_CHOICES = 12;

/**
 * One button per priority, each in its own ActionSet in the body: a card's action bar holds
 * only a few buttons (5 in the Adaptive Cards host default, 6 in Teams), and a match left out
 * silently is a priority the manager cannot find.
 */
function choices(priorities: readonly Priority[], verb: string, strategyTitles: Readonly<Record<string, string>>): Element[] {
  const shown = priorities.slice(0, MAX_CHOICES).map((p): Element => {
    // A button title is cut at a word; the line under it has the whole title and whose strategy it is.
    const whole = priorityName(p);
    const button = priorityButton(p, verb);
    const strategy = strategyTitles[p.strategyKey] ?? p.strategyKey;
    const under = button.title === whole ? strategy : `${whole} · ${strategy}`;
    return { type: 'Container', spacing: 'Small', items: [{ type: 'ActionSet', actions: [button] }, note(under, { isSubtle: true, size: 'Small', spacing: 'None' })] };
  });
  const left = priorities.length - shown.length;
  return left > 0 ? [...shown, note(`${left} more not shown: add a word from the title or the number to narrow it.`, { isSubtle: true, size: 'Small' })] : shown;
}

/** Several priorities match (or a lead answers for several, or for projects too: a button per workstream of them). */
export function pickPriorityCard(priorities: readonly Priority[], purpose: 'checkin' | 'status', strategyTitles: Readonly<Record<string, string>>, query?: string, projectGroups: readonly { workstreamRef: string; label: string }[] = []): Card {
  const text = purpose === 'checkin' ? 'You answer for more than one priority. Which one is this check-in for?' : `${priorities.length} priorities match${query ? ` "${query.slice(0, 60)}"` : ''}. Pick one:`;
  const projects = projectGroups.map((g): Element => ({
    type: 'Container',
    spacing: 'Small',
    items: [{ type: 'ActionSet', actions: [execute(cutAtWord(g.label, 60), PROJECTS_OPEN_VERB, { workstream: g.workstreamRef })] }, note(`${g.label}: one card, a section per project`, { isSubtle: true, size: 'Small', spacing: 'None' })],
  }));
  return card([heading(purpose === 'checkin' ? 'Choose a priority' : 'Which priority?'), note(text), ...choices(priorities, purpose === 'checkin' ? PICK_CHECKIN_VERB : STATUS_VERB, strategyTitles), ...projects]);
}

/** Nothing matched: the closest titles, so the next try works. */
export function noMatchCard(query: string, suggestions: readonly Priority[], strategyTitles: Readonly<Record<string, string>>): Card {
  const body = [heading('No priority found'), note(`Nothing matches "${query.slice(0, 60)}".${suggestions.length ? ' Did you mean:' : ' Try a priority number (like "status 19") or words from its title.'}`)];
  return card([...body, ...choices(suggestions.slice(0, 5), STATUS_VERB, strategyTitles)]);
}
