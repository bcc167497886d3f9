import { html as honoHtml, raw as honoRaw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * The one HTML template for every page and email (hono's `html` helper): each `${…}` is escaped,
 * except a fragment `html` itself made (or an array of them), which goes in as it is. So a
 * nested fragment is never escaped twice, an array of typed strings is escaped item by item,
 * and `raw(…)` is the only way in for text that is already HTML (e.g. JSON made safe for its
 * script block). Attribute values are escaped too (`href="${url}"` is right as it stands).
 *
 * Chosen over html-template-tag, which checked every interpolation against every HTML attribute
 * name: the board's page (1,000 priorities × 20 periods, ~200,000 interpolations) took 5.2 s to
 * draw with it (bench/run.ts).
 */
export type Html = HtmlEscapedString;

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = honoHtml(strings, ...values);
  // Only a Promise among the values makes hono answer asynchronously: none of ours is one.
  if (out instanceof Promise) throw new Error('html: a value was a Promise; await it before drawing');
  return out;
}

/** Text that is already HTML, as it is. Only for what `html` made or what is made safe by hand (and says why). */
export function raw(alreadyHtml: string | Html): Html {
  return honoRaw(String(alreadyHtml));
}

/**
 * A whole document, as `html` writes it, as a primitive string: what is sent (a socket, a mail
 * library, a test's browser take primitives; `html` gives a String object marked as HTML).
 */
function htmlDocument(strings: TemplateStringsArray, ...values: unknown[]): string {
  return String(html(strings, ...values));
}

/**
 * A page of the bot's own (the check-in page, the board's pages, the tab pages): one `<head>` for
 * all of them (language, viewport, no Referer, their stylesheets), then the page's body.
 */
export function webPage(page: { title: string; stylesheets: readonly (string | Html | { href: string | Html; media: string })[]; body: Html | string }): string {
  // An address may come as an `Html` (a String object), so a media query is told apart by its field.
  const links = page.stylesheets.map((s) => (typeof s === 'object' && 'media' in s ? html`<link rel="stylesheet" media="${s.media}" href="${raw(s.href)}">` : html`<link rel="stylesheet" href="${raw(s)}">`));
  return htmlDocument`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title}</title>
${links}
</head>
<body>
${raw(page.body)}
</body>
</html>
`;
}
