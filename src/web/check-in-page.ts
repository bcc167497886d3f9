/**
 * The web check-in page's HTML (the emailed link's page: the same card as Teams, rendered in the
 * browser by the adaptivecards bundle). Drawing only: its routes, link checks and use cases are in
 * src/http/routes/check-in.ts.
 */
import type { Card } from '../cards/elements';

type Refusal = { title: string; text: string };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, main: string, scripts: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · HWB Progress Bot</title>
<link rel="stylesheet" href="${ASSET_PATH}/check-in-page.css">
</head>
<body>
<header><p>HWB Progress Bot · Health and Wellbeing Board check-in</p></header>
<main id="main">
${main}
</main>
<footer><p>This page was opened from a personal link in a reminder email. It can answer only this priority for this period.</p></footer>
${scripts}
</body>
</html>
`;
}

/** The card JSON travels in a data block (not run as script); `<` is escaped so no text in it can close the block. */
export function cardPage(title: string, card: Card): string {
  const json = JSON.stringify(card).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<div id="status" role="status" aria-live="polite"></div>
<div id="card-host"><noscript><p>This page needs JavaScript to show the check-in form.</p></noscript></div>
<script type="application/json" id="card-json">${json}</script>`,
    `<script src="${ASSET_PATH}/adaptivecards.min.js"></script>\n<script src="${ASSET_PATH}/check-in-page.js"></script>`,
  );
}

export function refusalPage(r: Refusal): string {
  return page(r.title, `<div class="notice" role="alert"><h1>${escapeHtml(r.title)}</h1><p>${escapeHtml(r.text)}</p></div>`, '');
}

export const ASSET_PATH = '/checkin/assets';
