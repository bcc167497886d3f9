import type { Response } from 'restify';

/** What a route sends: a status, a content type, a body, and any headers of its own. */
export interface Answer {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/** Every answer is kept out of caches and sniffing unless its route says otherwise (the static assets). */
export const DEFAULT_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** Hosts that may frame a page shown in a Teams tab (Microsoft's list for Teams, Outlook and the Microsoft 365 app). */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
].join(' ');

/** A page's own headers: its Content Security Policy, and no Referer ever (a link's token is in its address). */
export function pageHeaders(contentSecurityPolicy: string): Record<string, string> {
  return { 'content-security-policy': contentSecurityPolicy, 'referrer-policy': 'no-referrer' };
}

export function send(res: Response, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': answer.contentType, ...DEFAULT_HEADERS, ...answer.headers });
  // A page drawn by src/web/html.ts is a String object (marked as HTML): the socket takes primitives.
  res.end(Buffer.isBuffer(answer.body) ? answer.body : String(answer.body));
}

export const PLAIN_TEXT = 'text/plain; charset=utf-8';

/** A refusal in our words, as plain text (REQUEST_REFUSED and the link refusals in src/bot/user-messages.ts). */
export function refuse(res: Response, refusal: { status: number; body: string }, headers: Record<string, string> = {}): void {
  send(res, { status: refusal.status, contentType: PLAIN_TEXT, body: refusal.body, headers });
}
