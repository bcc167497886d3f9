/**
 * The web check-in page's HTML (the emailed link's page: the same card as Teams, rendered in the
 * browser by the adaptivecards bundle). Drawing only: its routes, link checks and use cases are in
 * src/http/routes/check-in.ts.
 */
import { html, raw, webPage } from './html';
import { ERROR_ID_SUFFIX, NOTICE_IDS } from '../cards/check-in-card';
import type { Card } from '../cards/elements';
import { pageAssets } from './page-assets';

type Refusal = { title: string; text: string };

/**
 * The page around a card or a refusal. `html` (src/web/html.ts) escapes every interpolation; `raw(…)` marks a
 * fragment already rendered by `html` (or, for the card JSON, made safe for its block).
 */
function page(title: string, main: string, scripts: string): string {
  const assets = pageAssets();
  return webPage({
    title: `${title} · HWB Progress Bot`,
    stylesheets: [assets.styles.url],
    body: html`<header><p>HWB Progress Bot · Health and Wellbeing Board check-in</p></header>
<main id="main">
${raw(main)}
</main>
<footer><p>This page was opened from a personal link in a reminder email. It can answer only this priority for this period.</p></footer>
${raw(scripts)}`,
  });
}

/**
 * The card JSON travels in a data block (not run as script, and not HTML-escaped: a script
 * element's text is never entity-decoded); `<` is written `\u003c` so no text in it can close the block.
 * The card ids the page's script looks for are handed to it as data attributes.
 */
export function cardPage(title: string, card: Card): string {
  const json = JSON.stringify(card).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const assets = pageAssets();
  return page(
    title,
    html`<h1>${title}</h1>
<div id="status" role="status" aria-live="polite"></div>
<div id="card-host" data-error-id-suffix="${ERROR_ID_SUFFIX}" data-notice-ids="${NOTICE_IDS.join(' ')}"><noscript><p>This page needs JavaScript to show the check-in form.</p></noscript></div>
<script type="application/json" id="card-json">${raw(json)}</script>`,
    html`<script src="${raw(assets.adaptiveCards.url)}"></script>
<script src="${raw(assets.script.url)}"></script>`,
  );
}

export function refusalPage(r: Refusal): string {
  return page(r.title, html`<div class="notice" role="alert"><h1>${r.title}</h1><p>${r.text}</p></div>`, '');
}

