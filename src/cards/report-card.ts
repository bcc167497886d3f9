import { card, heading, note, type Card, type Element } from './elements';

/** `report`: links to the board paper in each format, valid for a limited time. */
export function reportCard(title: string, period: string | undefined, links: { label: string; url: string }[], expiresInMinutes: number): Card {
  return card(
    [heading('Board report ready'), note(`${title}${period ? `, ${period}` : ', latest reported period'}.`), note(`The links work for ${expiresInMinutes} minutes. Ask "report" again for new ones.`, { isSubtle: true, size: 'Small' })],
    links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
  );
}

/** `report` for a manager of several strategies or boards: each strategy of each board, with its links. */
export function reportChoicesCard(choices: readonly { title: string; board: string; period?: string; links: { label: string; url: string }[] }[], expiresInMinutes: number): Card {
  const body: Element[] = [heading('Board reports ready'), note(`${choices.length} papers of your boards${choices[0]?.period ? `, ${choices[0].period}` : ', each on its latest reported period'}.`, { wrap: true })];
  let board: string | undefined;
  for (const c of choices) {
    if (c.board !== board) {
      board = c.board;
      body.push(note(board, { weight: 'Bolder', spacing: 'Medium', wrap: true }));
    }
    body.push(note(c.title, { spacing: 'Small', wrap: true }), { type: 'ActionSet', actions: c.links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })) });
  }
  body.push(note(`The links work for ${expiresInMinutes} minutes. Ask "report" again for new ones.`, { isSubtle: true, size: 'Small' }));
  return card(body);
}
