import { card, heading, note, type Card } from './elements';

/** `board`: a link to each board's page the sender may open, valid for a short time. */
export function boardLinkCard(links: readonly { name: string; role: 'manager' | 'lead'; url: string }[], expiresInMinutes: number): Card {
  const one = links.length === 1;
  return card(
    [
      heading(one ? `${links[0]!.name}: the board's page` : "Your boards' pages"),
      note(one ? (links[0]!.role === 'manager' ? 'The counts, what needs attention and every priority by period.' : 'The counts, and the details of your own priorities.') : `${links.length} boards: managers see all of a board; a lead sees the counts and their own priorities.`, { wrap: true }),
      note(`The link${one ? '' : 's'} work${one ? 's' : ''} for ${expiresInMinutes} minutes and only for you. Ask "board" again for a new one.`, { isSubtle: true, size: 'Small', wrap: true }),
    ],
    links.map((l) => ({ type: 'Action.OpenUrl', title: one ? 'Open the board page' : l.name, url: l.url })),
  );
}
