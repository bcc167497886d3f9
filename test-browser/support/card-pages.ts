import type { Page } from 'playwright-core';
import type { Card } from '../../src/cards/elements';
import { cardPage } from '../../src/web/check-in-page';
import { pageAssets } from '../../src/web/page-assets';

/**
 * Teams' light theme, as far as a card's colours go (the host config the Agents Playground
 * renders with): text, the five text colours and each container style's background. Teams
 * draws our cards with these, not with the web page's own, so contrast is checked with both.
 */
export const TEAMS_LIGHT_HOST_CONFIG = (() => {
  const foregroundColors = {
    default: { default: '#252424', subtle: '#bf252424' },
    dark: { default: '#252424', subtle: '#bf252424' },
    light: { default: '#ffffff', subtle: '#fff3f2f1' },
    accent: { default: '#6264a7', subtle: '#8b8cc7' },
    good: { default: '#92c353', subtle: '#e592c353' },
    warning: { default: '#f8d22a', subtle: '#e5f8d22a' },
    attention: { default: '#c4314b', subtle: '#e5c4314b' },
  };
  const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors });
  return {
    fontFamily: '"Segoe UI", system-ui, sans-serif',
    supportsInteractivity: true,
    containerStyles: { default: style('#ffffff'), emphasis: style('#f9f8f7'), accent: style('#C7DEF9'), good: style('#CCFFCC'), warning: style('#FFE2B2'), attention: style('#FFC5B2') },
  };
})();

export type CardHost = 'the web check-in page' | "Teams' light colours";
export const CARD_HOSTS: CardHost[] = ['the web check-in page', "Teams' light colours"];

/**
 * Shows `card` on `page`, at an address of the bot's own origin (`base`), drawn by the
 * adaptivecards bundle the bot serves: either inside the web check-in page (its script, styles
 * and host config) or with Teams' light colours.
 */
export async function showCard(page: Page, base: string, host: CardHost, title: string, card: Card): Promise<void> {
  const url = `${base}/preview/${host === 'the web check-in page' ? 'page' : 'teams-light'}`;
  const body =
    host === 'the web check-in page'
      ? cardPage(title, card)
      : `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${title.replace(/[<&]/g, '')}</title></head><body><main><h1>Card</h1><div id="card-host"></div></main><script src="${pageAssets().adaptiveCards.url}"></script></body></html>`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  await page.goto(url);
  if (host === "Teams' light colours") {
    await page.evaluate(
      ({ json, hostConfig }) => {
        type Rendered = { parse(j: unknown): void; render(): unknown; hostConfig: unknown };
        const g = globalThis as unknown as {
          AdaptiveCards: { AdaptiveCard: new () => Rendered; HostConfig: new (c: unknown) => unknown };
          document: { getElementById(id: string): { replaceChildren(n: unknown): void } };
        };
        const ac = new g.AdaptiveCards.AdaptiveCard();
        ac.hostConfig = new g.AdaptiveCards.HostConfig(hostConfig);
        ac.parse(json);
        g.document.getElementById('card-host').replaceChildren(ac.render());
      },
      { json: card as unknown, hostConfig: TEAMS_LIGHT_HOST_CONFIG },
    );
  }
  await page.locator('#card-host .ac-adaptiveCard').waitFor();
}
