import { looksLikeEmail } from './board-people';
import type { DirectoryUser } from './ports';

/** The change card's own limits for a typed name and organisation: the directory's are held to them too. */
export const NAME_MAX = 120;
export const ORGANISATION_MAX = 160;

/** One line of plain text: no control characters, single spaces, at most `max` characters. */
function cleanLine(text: string | undefined, max: number): string {
  return (text ?? '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** A guest's sign-in name ("kay.darby_example.org#EXT#@contoso.onmicrosoft.com") is no mailbox. */
const isGuestSignIn = (upn: string) => /#EXT#@/i.test(upn);

/**
 * What the board keeps of someone the directory found for a picked Entra id: their display name,
 * their mailbox (else a member's sign-in name, which is their address; never a guest's), and
 * their company as the organisation. What the manager typed fills only what the directory lacks.
 */
export function personFromDirectory(user: DirectoryUser, typed: { name?: string; organisation?: string } = {}): { name: string; email?: string; organisation?: string } {
  const name = cleanLine(user.displayName, NAME_MAX) || cleanLine(typed.name, NAME_MAX);
  const mail = cleanLine(user.mail, 200);
  const upn = cleanLine(user.userPrincipalName, 200);
  const email = looksLikeEmail(mail) ? mail : looksLikeEmail(upn) && !isGuestSignIn(upn) ? upn : '';
  const organisation = cleanLine(user.companyName, ORGANISATION_MAX) || cleanLine(typed.organisation, ORGANISATION_MAX);
  return { name, ...(email ? { email } : {}), ...(organisation ? { organisation } : {}) };
}
