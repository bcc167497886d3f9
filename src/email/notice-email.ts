import { html, raw } from '../web/html';
import type { LeadNoticeKind, Notice } from '../domain/notice';
import { RAG_DEFINITIONS, RAG_LABELS, RAG_SYMBOLS, RAGS } from '../domain/rag';
import { editableUntil, longDate, priorityName, reminderText } from '../domain/wording';

/** How a lead's notice reads as an email: the same facts as the Teams card, and the personal link. */
export interface NoticeEmail {
  subject: string;
  text: string;
  html: string;
}

export type LeadNotice = Extract<Notice, { kind: LeadNoticeKind }>;

export function isLeadNotice(notice: Notice): notice is LeadNotice {
  return notice.kind === 'reminder' || notice.kind === 'nudge' || notice.kind === 'due-today' || notice.kind === 'overdue';
}

export function subjectOf(notice: LeadNotice): string {
  const projects = notice.projects ? (notice.projects.length === 1 ? `your project of ` : `your ${notice.projects.length} projects of `) : '';
  const what = `${projects}${priorityName(notice.priority)} (${notice.period.label})`;
  return notice.kind === 'overdue' ? `Overdue check-in, was due ${longDate(notice.period.due)}: ${what}` : `Check-in due ${longDate(notice.period.due)}: ${what}`;
}

/**
 * The email of a lead's notice. `links` has the personal link of each thing to answer: the
 * priority, or each project of a several-project notice (one page per project).
 */
export function renderNoticeEmail(notice: LeadNotice, links: readonly string[]): NoticeEmail {
  const { priority, period, form } = notice;
  const opening = reminderText(notice.kind, priority, period.label, period.due, notice.forLead, notice.projects?.length);
  const link = links[0] ?? '';
  // A workstream's own notice may carry the projects its leads answer: a link each after its own.
  const shared = notice.projects ? [] : (notice.workstreamProjects ?? []).map((p, i) => ({ title: p.title, link: links[i + 1] ?? '' }));
  // A project each, with its own link: the page behind a link answers that one project.
  const answers = notice.projects ? notice.projects.map((p, i) => ({ title: p.priority.title, link: links[i] ?? '' })) : [{ title: priorityName(priority), link }];
  // The link stops working when the answers lock: it works to the end of the last day they can be edited.
  const lastDay = editableUntil(period);
  const facts: [string, string][] = [
    [notice.projects ? 'Workstream' : 'Priority', priorityName(priority)],
    ['Strategy', form.strategy.title],
    ['Period', `${period.label} (${longDate(period.start)} to ${longDate(period.end)})`],
    ['Due', longDate(period.due)],
  ];
  if (form.onBehalfOf) facts.push(['Answering', `on behalf of ${form.onBehalfOf}`]);
  const rags = RAGS.map((rag) => ({ symbol: RAG_SYMBOLS[rag], label: RAG_LABELS[rag], definition: RAG_DEFINITIONS[rag] }));
  const privacy =
    notice.projects || shared.length > 0
      ? `These links are yours alone: whoever holds one can answer for that ${notice.projects ? 'project' : 'priority or project'} this period, so please do not forward them.`
      : 'This link is yours alone: whoever holds it can answer for this priority this period, so please do not forward it.';
  const sharedIntro = `${priority.number}'s ${shared.length === 1 ? 'project names' : `${shared.length} projects name`} no lead of ${shared.length === 1 ? 'its' : 'their'} own, so the workstream's leads answer ${shared.length === 1 ? 'it' : 'them'}: one page each (the links work until ${lastDay}).`;

  const text = [
    `Dear ${notice.to.name},`,
    '',
    opening,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    ...(notice.projects
      ? [`Answer each project on its web page (the links work until ${lastDay}):`, ...answers.flatMap((a) => [`- ${a.title}:`, `  ${a.link}`])]
      : [`Answer on the web page (works until ${lastDay}):`, link]),
    ...(shared.length > 0 ? ['', sharedIntro, ...shared.flatMap((a) => [`- ${a.title}:`, `  ${a.link}`])] : []),
    '',
    privacy,
    '',
    "RAG ratings, as the board defines them:",
    ...rags.map((r) => `  ${r.symbol} ${r.label}: ${r.definition}`),
    '',
    'HWB Progress Bot',
  ].join('\n');

  // `html` (src/web/html.ts) escapes every interpolation, attribute values included; a fragment
  // `html` made (or an array of them) goes in as it is, and `raw(…)` only takes what `html` made.
  const button = (link: string, label: string) => {
    const href = html`${link}`;
    return html`<p><a href="${raw(href)}" style="display:inline-block;padding:12px 20px;background:#0b5394;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:4px">${label}</a></p>`;
  };
  const copyable = (link: string, until: string) => {
    const href = html`${link}`;
    return html`<p style="font-size:14px">${until}If the button does not work, copy this address into your browser:<br><a href="${raw(href)}" style="color:#0b5394;word-break:break-all">${link}</a></p>`;
  };
  const factRows = facts.map(
    ([k, v]) => html`<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">${k}</th><td style="padding:4px 0">${v}</td></tr>
`,
  );
  const answerLinks = answers.map(
    (a) => html`${notice.projects ? [html`<h2 style="font-size:16px;margin:16px 0 4px">${a.title}</h2>
`] : []}${raw(button(a.link, `Answer the ${period.label} check-in${notice.projects ? ' for this project' : ''}`))}
${raw(copyable(a.link, `Works until ${lastDay}. `))}
`,
  );
  const sharedLinks = shared.length === 0 ? [] : [
    html`<h2 style="font-size:18px;margin:24px 0 8px">${priority.number}'s projects</h2>
<p>${sharedIntro}</p>
`,
    ...shared.map(
      (a) => html`<h3 style="font-size:16px;margin:16px 0 4px">${a.title}</h3>
${raw(button(a.link, `Answer the ${period.label} check-in for this project`))}
${raw(copyable(a.link, ''))}
`,
    ),
  ];
  const ragItems = rags.map((r) => html`<li><strong>${r.symbol} ${r.label}</strong>: ${r.definition}</li>
`);
  const body = html`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${subjectOf(notice)}</title></head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1b1b1b;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:640px">
<p>Dear ${notice.to.name},</p>
<p>${opening}</p>
<table role="presentation" style="border-collapse:collapse;margin:16px 0">
${factRows}</table>
${answerLinks}${sharedLinks}<p style="font-size:14px">${privacy}</p>
<h2 style="font-size:18px;margin:24px 0 8px">RAG ratings, as the board defines them</h2>
<ul style="padding-left:20px;margin:0">
${ragItems}</ul>
<p style="margin-top:24px;color:#4a4a4a;font-size:14px">HWB Progress Bot</p>
</div>
</body></html>
`;
  // A primitive string for the mail library (`html` gives a String object marked as HTML).
  return { subject: subjectOf(notice), text, html: String(body) };
}

export type WelcomeNotice = Extract<Notice, { kind: 'welcome' }>;

/**
 * The welcome by email, for someone reached only by email (outside the council's Teams): who
 * made them a lead or deputy, what they answer for, and how check-ins reach them (no link here:
 * each period's email carries its own).
 */
export function renderWelcomeEmail(notice: WelcomeNotice): NoticeEmail {
  const { to, leads, deputises, assigned } = notice;
  const subject = `Welcome to the HWB Progress Bot: ${assigned.by} made you ${assigned.what}`;
  const lines = [
    `${assigned.by} made you ${assigned.what} on the ${assigned.board}.`,
    'I collect progress check-ins for the Health and Wellbeing Board. When a reporting period opens I email you a personal link: the check-in is answered on that web page, with no Teams account needed.',
  ];
  const answers: [string, string][] = [];
  if (leads.length > 0) answers.push(['You lead', leads.map(priorityName).join('; ')]);
  if (deputises.length > 0) answers.push(['You are deputy for', deputises.map(priorityName).join('; ')]);
  const text = [`Dear ${to.name},`, '', ...lines.flatMap((l) => [l, '']), ...answers.map(([k, v]) => `${k}: ${v}`), ...(answers.length > 0 ? [''] : []), 'HWB Progress Bot'].join('\n');
  const body = html`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1b1b1b;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:640px">
<p>Dear ${to.name},</p>
${lines.map((l) => html`<p>${l}</p>
`)}${answers.map(([k, v]) => html`<p><strong>${k}:</strong> ${v}</p>
`)}<p style="margin-top:24px;color:#4a4a4a;font-size:14px">HWB Progress Bot</p>
</div>
</body></html>
`;
  return { subject, text, html: String(body) };
}
