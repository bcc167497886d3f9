import { html, raw } from './html';
import type { PriorityPageView } from '../app/board-page';
import type { Kpi } from '../domain/kpi';
import { targetText } from '../domain/kpi';
import { RAG_SYMBOLS } from '../domain/rag';
import { frequencyName, longDate, plural } from '../domain/wording';
import { boardUrl, CELL_WORDS, href, pageFrame, periodAnchor, priorityUrl } from './board-page-html';

/**
 * A priority's page: every answer over time with its edits, the KPIs (a chart drawn by the page's
 * script from a JSON data block, and always the same figures as a table), projects, lead and contacts.
 */
function ragText(rag: string | undefined): string {
  if (rag === 'red' || rag === 'amber' || rag === 'green') return `${RAG_SYMBOLS[rag]} ${CELL_WORDS[rag]}`;
  return 'No rating';
}

function answers(v: PriorityPageView): string {
  if (v.versions.length === 0) return html`<p>No answers yet.</p>`;
  const anchored = new Set<string>();
  return html`<ol class="answers">${v.versions.map(({ checkIn: c, changes }) => {
    const first = !anchored.has(c.period);
    anchored.add(c.period);
    const field = (label: string, text: string | undefined) => (text ? html`<dt>${label}</dt><dd>${text}</dd>` : '');
    const readings = Object.entries(c.kpiReadings).map(([k, value]) => `${v.kpis.find((x) => x.key === k)?.name ?? k}: ${value}`);
    return html`<li class="answer s-${c.rag ?? 'no-rating'}"${raw(first ? html` id="${periodAnchor(c.period)}" tabindex="-1"` : '')}>
<h3>${c.period}: <span class="rag">${ragText(c.rag)}</span>${raw(c.version > 1 || !first ? html` <span class="version">(version ${String(c.version)}${first ? ', current' : ''})</span>` : '')}</h3>
<p class="by">${c.onBehalfOfName ? `${c.submittedByName} on behalf of ${c.onBehalfOfName}` : c.submittedByName}, ${longDate(c.submittedAt.slice(0, 10), 'long')}</p>
${raw(changes.length > 0 ? html`<p class="changes">Changed: ${changes.join('; ')}.</p>` : '')}
<dl>${raw(field('Update', `${c.noChange ? 'No change since last period. ' : ''}${c.update}`))}${raw(field('Next steps', c.nextSteps))}${raw(field('Risks', c.risks))}${raw(field('Point for escalation', c.escalation))}${raw(field('Reason for the rating', c.ragReason))}${raw(field('KPI readings', readings.join('; ')))}</dl>
</li>`;
  })}</ol>`;
}

/** What the chart draws, in a data block the script reads (never run as script). */
function chartData(k: Kpi): string {
  const json = JSON.stringify({ name: k.name, unit: k.unit, baseline: k.baseline.value, target: k.target?.value ?? null, labels: [k.baseline.period, ...k.readings.map((r) => r.period)], values: [k.baseline.value, ...k.readings.map((r) => r.value)] });
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function kpis(v: PriorityPageView): string {
  if (v.kpis.length === 0) return html`<p>No KPIs for this priority.</p>`;
  return v.kpis
    .map((k, i) => {
      const id = `kpi-${String(i)}`;
      return html`<section class="kpi" aria-labelledby="${id}-h"><h3 id="${id}-h">${k.name}</h3>
<p class="kpi-facts">Unit: ${k.unit || 'number'}. ${k.polarity === 'low-is-good' ? 'Low is good' : 'High is good'}. Baseline ${String(k.baseline.value)} (${k.baseline.period}).${k.target ? ` Target ${targetText(k.target)}.` : ' No target set.'}</p>
<figure class="kpi-chart"><canvas id="${id}-canvas" role="img" aria-label="Chart of ${k.name}: the readings are in the table below" width="640" height="260"></canvas><script type="application/json" class="chart-data">${raw(chartData(k))}</script>
<figcaption>${k.name}: readings by period, with the baseline${k.target ? ' and the target' : ''}.</figcaption></figure>
<table class="readings"><caption>${k.name} (${k.unit || 'number'})</caption><thead><tr><th scope="col">Period</th><th scope="col">Reading</th></tr></thead><tbody>
<tr><th scope="row">Baseline (${k.baseline.period})</th><td>${String(k.baseline.value)}</td></tr>
${k.readings.map((r) => html`<tr><th scope="row">${r.period}</th><td>${String(r.value)}</td></tr>`)}
${raw(k.target ? html`<tr><th scope="row">Target${k.target.by ? ` by ${k.target.by}` : ''}</th><td>${String(k.target.value)}</td></tr>` : '')}
</tbody></table></section>`;
    })
    .join('');
}

export function priorityPageHtml(v: PriorityPageView, token: string): string {
  const p = v.priority;
  const back = href(boardUrl(v.board.key), { token, asAt: v.asAt });
  const people = (list: { name: string }[]) => list.map((x) => x.name).join(', ') || 'none';
  const body = html`<p class="crumbs"><a href="${raw(back)}">← ${v.board.name}: the board's page</a>${raw(v.workstream ? html` · <a href="${raw(href(priorityUrl(v.board.key, v.workstream.ref), { token, asAt: v.asAt }))}">Workstream ${v.workstream.number}. ${v.workstream.title}</a>` : '')}</p>
<h1>${p.number}. ${p.title}</h1>
<dl class="facts">
<dt>Strategy</dt><dd>${v.strategy.title}</dd>
<dt>Theme</dt><dd>${v.theme}</dd>
<dt>Reports</dt><dd>${frequencyName(p.frequency)}</dd>
<dt>As at ${longDate(v.asAt, 'long')}</dt><dd class="s-${v.current.state}">${v.current.period}: ${CELL_WORDS[v.current.state]}${v.current.daysOverdue > 0 ? `, ${plural(v.current.daysOverdue, 'day')} overdue` : ''}</dd>
<dt>Lead</dt><dd>${people(v.leads)}</dd>
<dt>Deputies</dt><dd>${people(v.deputies)}</dd>
<dt>Contacts</dt><dd>${p.contacts.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)).join('; ') || 'none'}</dd>
</dl>
${raw(p.objective ? html`<p class="objective">${p.objective}</p>` : '')}
<section aria-labelledby="h-kpis"><h2 id="h-kpis">KPIs</h2>${raw(kpis(v))}</section>
${raw(v.projects.length > 0 ? html`<section aria-labelledby="h-projects"><h2 id="h-projects">Projects</h2><ul>${v.projects.map((x) => html`<li><a href="${raw(href(priorityUrl(v.board.key, x.ref), { token, asAt: v.asAt }))}">${x.title}</a>: ${CELL_WORDS[x.state]} (lead: ${x.leads.join(', ') || 'none'})</li>`)}</ul></section>` : '')}
<section aria-labelledby="h-answers"><h2 id="h-answers">Answers over time</h2>${raw(answers(v))}</section>`;
  return pageFrame({ title: `${p.number}. ${p.title} — ${v.board.name}`, board: v.board.name, asAt: v.asAt, body, script: v.kpis.length > 0 });
}
