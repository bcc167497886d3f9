/** Parses what a person typed into a command. Mentions are removed before this. */
export type Command =
  | { name: 'help' }
  | { name: 'checkin'; query: string }
  | { name: 'status'; query: string }
  | { name: 'summary'; query: string }
  | { name: 'unknown'; text: string };

export function parseCommand(raw: string): Command {
  const text = raw.replace(/\s+/g, ' ').trim();
  const match = /^\/?([A-Za-z-]+)\b\s*(.*)$/.exec(text);
  const word = match?.[1]?.toLowerCase() ?? '';
  const rest = match?.[2]?.trim() ?? '';
  switch (word) {
    case 'help':
    case '?':
      return { name: 'help' };
    case 'checkin':
    case 'check-in':
      return { name: 'checkin', query: rest };
    case 'summary':
      return { name: 'summary', query: rest };
    case 'status':
      return rest === '' ? { name: 'unknown', text } : { name: 'status', query: rest };
    default:
      if (/^check in\b/i.test(text)) return { name: 'checkin', query: text.slice(8).trim() };
      return text === '' ? { name: 'help' } : { name: 'unknown', text };
  }
}
