import type { Priority } from '../domain/strategy';
import { card, heading, note, priorityButton, type Card } from './elements';
import { STATUS_VERB } from './status-card';

export const PICK_CHECKIN_VERB = 'checkin.open';

/** Several priorities match (or a lead answers for several): one button each. */
export function pickPriorityCard(priorities: readonly Priority[], purpose: 'checkin' | 'status', query?: string): Card {
  const text = purpose === 'checkin' ? 'You answer for more than one priority. Which one is this check-in for?' : `Several priorities match${query ? ` "${query.slice(0, 60)}"` : ''}. Pick one:`;
  return card(
    [heading(purpose === 'checkin' ? 'Choose a priority' : 'Which priority?'), note(text)],
    priorities.slice(0, 6).map((p) => priorityButton(p, purpose === 'checkin' ? PICK_CHECKIN_VERB : STATUS_VERB)),
  );
}

/** Nothing matched: the closest titles, so the next try works. */
export function noMatchCard(query: string, suggestions: readonly Priority[]): Card {
  const body = [heading('No priority found'), note(`Nothing matches "${query.slice(0, 60)}".${suggestions.length ? ' Did you mean:' : ' Try a priority number (like "status 19") or words from its title.'}`)];
  return card(
    body,
    suggestions.slice(0, 5).map((p) => priorityButton(p, STATUS_VERB)),
  );
}
