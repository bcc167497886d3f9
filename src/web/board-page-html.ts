import { html, raw, webPage, type Html } from './html';
import type { BoardFilters, BoardPageView, CellState, GridCell } from '../app/board-page';
import { CELL_STATES } from '../app/board-page';
import { DIRECTION_LABELS, DIRECTIONS } from '../domain/kpi';
import { RAG_SYMBOLS } from '../domain/rag';
import { longDate, plural } from '../domain/wording';

/**
 * The board's page as HTML: readable with no script (the filters are a plain GET form), every
 * value escaped by the one HTML template (src/web/html.ts). Links carry the page's token and "as at" date, so each
 * request is checked again on the server.
 */
export const BOARD_ASSETS = '/boards-assets';

export const CELL_WORDS: Readonly<Record<CellState, string>> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  'no-rating': 'No rating',
  'not-reported': 'Not reported',
  overdue: 'Overdue',
  due: 'Due today',
  'not-yet-due': 'Not yet due',
  'no-lead': 'No lead',
};

const CELL_SYMBOLS: Readonly<Record<CellState, string>> = { ...RAG_SYMBOLS, 'no-rating': '○', 'not-reported': '✕', overdue: '!', due: '…', 'not-yet-due': '·', 'no-lead': '?' };

/** The page's own address with its query: what every link and the CSV keep. */
export interface PageAddress {
  token: string;
  asAt: string;
  filters?: BoardFilters;
}

/** A URL for an href, already escaped as HTML by `html` (so it goes in once, with `raw`). */
export function href(path: string, params: Record<string, string | undefined>, hash?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return html`${path}${s ? `?${s}` : ''}${hash ? `#${hash}` : ''}`;
}

export function boardUrl(board: string): string {
  return `/boards/${encodeURIComponent(board)}`;
}

export function priorityUrl(board: string, ref: string): string {
  const [strategy, priority] = [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)];
  return `${boardUrl(board)}/priorities/${encodeURIComponent(strategy)}/${encodeURIComponent(priority)}`;
}

export function periodAnchor(period: string): string {
  return `answer-${period}`;
}

function filterParams(f: BoardFilters = {}): Record<string, string | undefined> {
  return { strategy: f.strategy, theme: f.theme, lead: f.lead, status: f.status };
}

/** The page frame: header (board and date, also the printed page's), main, and the page's own CSS and script files. */
export function pageFrame(opts: { title: string; board: string; asAt: string; printCss?: string; body: string; script?: boolean }): string {
  const css = href(`${BOARD_ASSETS}/board-page.css`, {});
  return webPage({
    title: opts.title,
    stylesheets: opts.printCss ? [css, { href: opts.printCss, media: 'print' }] : [css],
    body: html`<a class="skip" href="#main">Skip to the content</a>
<header class="page-head"><p><span class="brand">HWB Progress Bot</span> · <span>${opts.board}</span> · <span>as at ${longDate(opts.asAt, 'long')}</span></p></header>
<main id="main" tabindex="-1">
${raw(opts.body)}
</main>
${raw(opts.script ? html`<script src="${raw(href(`${BOARD_ASSETS}/chart.umd.min.js`, {}))}"></script><script src="${raw(href(`${BOARD_ASSETS}/board-page.js`, {}))}"></script>` : '')}`,
  });
}

function select(name: string, label: string, options: { value: string; text: string }[], chosen: string | undefined, all: string): string {
  return html`<div class="field"><label for="f-${name}">${label}</label>
<select id="f-${name}" name="${name}"><option value="">${all}</option>${options.map((o) => (o.value === chosen ? html`<option value="${o.value}" selected>${o.text}</option>` : html`<option value="${o.value}">${o.text}</option>`))}</select></div>`;
}

function filtersForm(v: BoardPageView, token: string): string {
  const f = v.filters;
  const csv = href(`${boardUrl(v.board.key)}/grid.csv`, { token, asAt: v.asAt, ...filterParams(f) });
  return html`<form class="filters" method="get" action="${raw(href(boardUrl(v.board.key), {}))}" aria-label="Filters">
<input type="hidden" name="token" value="${token}">
<div class="field"><label for="f-asAt">As at</label><input id="f-asAt" type="date" name="asAt" value="${v.asAt}"></div>
${raw(select('strategy', 'Strategy', v.choices.strategies.map((s) => ({ value: s.key, text: s.title })), f.strategy, 'All strategies'))}
${raw(select('theme', 'Theme', v.choices.themes.filter((t) => !f.strategy || t.strategyKey === f.strategy).map((t) => ({ value: t.key, text: t.title })), f.theme, 'All themes'))}
${raw(select('lead', 'Lead', v.choices.leads.map((l) => ({ value: l.id, text: l.name })), f.lead, 'All leads'))}
${raw(select('status', 'Status now', CELL_STATES.map((s) => ({ value: s, text: CELL_WORDS[s] })), f.status, 'Any status'))}
<div class="actions"><button type="submit">Show</button> <a href="${raw(href(boardUrl(v.board.key), { token, asAt: v.asAt }))}">Clear filters</a> <a href="${raw(csv)}" download>Download CSV of what is shown</a></div>
</form>`;
}

function counts(v: BoardPageView): string {
  if (v.summaries.length === 0) return html`<p>No live strategy on this board as at this date.</p>`;
  return html`<div class="counts">${v.summaries.map((s) => {
    const c = s.summary;
    const cell = (key: string, label: string, n: number, extra = '') => html`<div class="count count-${key}" data-count="${key}"><span class="n">${String(n)}</span> <span class="what">${label}</span>${raw(extra)}</div>`;
    const noLead = c.noLead ?? 0;
    return html`<section class="strategy-counts" data-strategy="${s.strategy.key}" aria-labelledby="c-${s.strategy.key}">
<h3 id="c-${s.strategy.key}">${s.strategy.title}</h3>
<div class="count-row">
${raw(cell('red', `${RAG_SYMBOLS.red} Red`, c.rag.red))}
${raw(cell('amber', `${RAG_SYMBOLS.amber} Amber`, c.rag.amber))}
${raw(cell('green', `${RAG_SYMBOLS.green} Green`, c.rag.green))}
${raw(cell('not-reported', 'Not reported', c.rag.notReported, html` <span class="of" data-count="no-lead">(of which ${plural(noLead, 'with no lead', 'with no lead')})</span>`))}
${raw(c.notYetDue !== undefined ? cell('not-yet-due', 'Not yet due', c.notYetDue) : '')}
</div>
<p class="direction">Direction of travel: ${DIRECTIONS.map((d) => `${DIRECTION_LABELS[d]} ${c.directionOfTravel[d]}`).join(', ')}.</p>
</section>`;
  })}</div>`;
}

function attention(v: BoardPageView, address: PageAddress): string {
  const link = (ref: string, text: string) => html`<a href="${raw(href(priorityUrl(v.board.key, ref), { token: address.token, asAt: v.asAt }))}">${text}</a>`;
  const groups = v.attention.map(
    (g) => html`<section class="reason" aria-labelledby="r-${g.reason}"><h3 id="r-${g.reason}">${g.title} (${String(g.entries.length)})</h3><ul>${g.entries.map(
      (e) => html`<li>${raw(link(e.ref, `${e.number}. ${e.title}`))}: ${e.detail}${raw(e.daysOverdue !== undefined && !e.detail.includes('overdue') ? html` <strong class="overdue">${plural(e.daysOverdue, 'day')} overdue</strong>` : '')}</li>`,
    )}</ul></section>`,
  );
  const noLead = v.noLead.length > 0 ? html`<section class="reason" aria-labelledby="r-no-lead"><h3 id="r-no-lead">No lead assigned (${String(v.noLead.length)})</h3><ul>${v.noLead.map((n) => html`<li>${raw(link(n.ref, `${n.number}. ${n.title}`))}${raw(n.projects > 0 ? html` (${plural(n.projects, 'project')} with nobody either)` : '')}</li>`)}</ul></section>` : '';
  if (groups.length === 0 && noLead === '') return html`<p>Nothing needs the board's attention as at this date.</p>`;
  return groups.join('') + noLead;
}

/** What every cell of a row shares, made once per row: its priority page's address and its name. */
interface RowLink {
  /** The priority page's address with the token and date, escaped as HTML. */
  url: string;
  /** "19. Title", escaped as HTML. */
  name: string;
}

function cell(row: RowLink, c: GridCell | undefined): Html {
  if (!c) return html`<td class="na"><span class="visually-hidden">Not asked this period</span><span aria-hidden="true">—</span></td>`;
  const word = CELL_WORDS[c.state];
  const edited = c.edits > 0 ? html` <span class="edits">(edited ${plural(c.edits, 'time')})</span>` : '';
  const content = html`<span class="sym" aria-hidden="true">${CELL_SYMBOLS[c.state]}</span> ${word}${edited}`;
  const answered = c.state === 'red' || c.state === 'amber' || c.state === 'green' || c.state === 'no-rating';
  // One template per cell, not two: 20,000 cells on a big board (bench/run.ts, the board's page).
  return answered
    ? html`<td class="cell s-${c.state}" data-period="${c.period}" data-state="${c.state}"><a href="${raw(row.url)}#${periodAnchor(c.period)}" aria-label="${raw(row.name)}, ${c.period}: ${word}">${content}</a></td>`
    : html`<td class="cell s-${c.state}" data-period="${c.period}" data-state="${c.state}">${content}</td>`;
}

function grid(v: BoardPageView, address: PageAddress): string {
  if (v.groups.length === 0) return html`<p>No priority matches these filters.</p>`;
  return v.groups
    .map(
      (g) => html`<div class="table-wrap"><table class="grid">
<caption>${g.strategy.title} — ${g.theme.title}</caption>
<thead><tr class="print-only"><th colspan="${String(v.periods.length + 2)}">${v.board.name} · as at ${longDate(v.asAt, 'long')}</th></tr>
<tr><th scope="col" class="col-priority">Priority</th><th scope="col" class="col-lead">Lead</th>${v.periods.map((p) => html`<th scope="col">${p}</th>`)}</tr></thead>
<tbody>${g.rows.map(
        (r) => {
          const link: RowLink = { url: href(priorityUrl(v.board.key, r.ref), { token: address.token, asAt: v.asAt }), name: html`${r.number}. ${r.title}` };
          return html`<tr class="${r.project ? 'project' : 'priority'}" data-ref="${r.ref}"><th scope="row">${r.project ? html`<span class="visually-hidden">Project of ${r.number}: </span>` : html`<span class="num">${r.number}.</span> `}<a href="${raw(link.url)}">${r.title}</a></th><td>${r.leads.map((l) => l.name).join(', ') || 'No lead'}</td>${r.cells.map((c) => cell(link, c))}</tr>`;
        },
      )}</tbody>
</table></div>`,
    )
    .join('');
}

export function boardPageHtml(v: BoardPageView, token: string): string {
  const address: PageAddress = { token, asAt: v.asAt, filters: v.filters };
  const scope = v.viewer.role === 'manager' ? html`You manage this board: you see all of it.` : html`You see the whole board's counts, and the details of your own priorities only.`;
  const body = html`<h1>${v.board.name}</h1>
<p class="who">${v.viewer.name}. ${raw(scope)}</p>
${raw(filtersForm(v, token))}
<section aria-labelledby="h-counts"><h2 id="h-counts">Counts as at ${longDate(v.asAt, 'long')}</h2>${raw(counts(v))}</section>
<section class="attention" aria-labelledby="h-attention"><h2 id="h-attention">Needs attention</h2>${raw(attention(v, address))}</section>
<section class="grid-section" aria-labelledby="h-grid"><h2 id="h-grid">Priorities by period</h2>
<p class="key">Each cell is the answer's rating (a link to it), or why there is none: ${CELL_STATES.map((s) => `${CELL_SYMBOLS[s]} ${CELL_WORDS[s]}`).join(', ')}; — not asked that period.</p>
${raw(grid(v, address))}</section>`;
  return pageFrame({ title: `${v.board.name}: the board's page`, board: v.board.name, asAt: v.asAt, printCss: href(`${boardUrl(v.board.key)}/print.css`, { token, asAt: v.asAt }), body });
}

/** A refused or failed request, in words (no data shown). */
export function refusalHtml(title: string, text: string): string {
  return webPage({ title, stylesheets: [href(`${BOARD_ASSETS}/board-page.css`, {})], body: html`<main id="main"><div class="notice" role="alert"><h1>${title}</h1><p>${text}</p></div></main>` });
}

/** The printed paper's page header (board and date on every page): a stylesheet, so no inline style is needed. */
export function printCss(board: string, asAt: string): string {
  const text = `${board} · as at ${longDate(asAt, 'long')}`;
  const css = `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
  return `@page { size: A4 landscape; margin: 14mm 10mm 12mm; @top-left { content: ${css}; font: 9pt system-ui, sans-serif; } @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; } }\n`;
}
