import { card, heading, note, type Card } from './elements';

/** `report`: links to the board paper in each format, valid for a limited time. */
export function reportCard(title: string, period: string | undefined, links: { label: string; url: string }[], expiresInMinutes: number): Card {
  return card(
    [heading('Board report ready'), note(`${title}${period ? `, ${period}` : ', latest reported period'}.`), note(`The links work for ${expiresInMinutes} minutes. Ask "report" again for new ones.`, { isSubtle: true, size: 'Small' })],
    links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
  );
}
