/** Parses what a person typed into a command. Mentions are removed before this. */
export type Command =
  | { name: 'help' }
  | { name: 'checkin'; query: string }
  | { name: 'projects'; query: string }
  | { name: 'status'; query: string }
  | { name: 'monitoring'; query: string }
  | { name: 'summary'; query: string }
  | { name: 'digest-now'; board: string }
  | { name: 'use-channel'; board: string }
  | { name: 'away'; until: string; deputy: string }
  | { name: 'back' }
  | { name: 'overdue'; board: string }
  | { name: 'report'; query: string }
  | { name: 'board'; query: string }
  | { name: 'red'; board: string }
  | { name: 'reach' }
  | { name: 'calendar'; board: string }
  | { name: 'chase'; query: string }
  | { name: 'history'; query: string; from?: string; to?: string }
  | { name: 'people'; query: string }
  | { name: 'history-people'; board: string }
  | { name: 'people-change'; role: 'lead' | 'deputy' | 'manager'; op: 'set' | 'add' | 'remove'; unit?: string; person: string; board?: string }
  | { name: 'retire'; person: string }
  | { name: 'what'; command: string; example: string; thing?: string }
  | { name: 'unknown'; text: string };

export function parseCommand(raw: string): Command {
  const text = raw.replace(/\s+/g, ' ').trim();
  const match = /^\/?([A-Za-z-]+)\b\s*(.*)$/.exec(text);
  const word = match?.[1]?.toLowerCase() ?? '';
  const rest = match?.[2]?.trim() ?? '';
  const digest = /^digest(?: now)?(?:\s+(.*))?$/i.exec(text);
  if (digest) return { name: 'digest-now', board: digest[1]?.trim() ?? '' };
  const channel = /^use this channel(?: for (?:the )?digests?)?(?:\s+(?:of |for )?(.*))?$/i.exec(text);
  if (channel) return { name: 'use-channel', board: channel[1]?.trim() ?? '' };
  if (/^(back|i'?m back|not away)$/i.test(text)) return { name: 'back' };
  const away = /^away (?:until|till|to) (\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{1,2}(?:st|nd|rd|th)? [A-Za-z]+(?: \d{4})?)(?:\s+(.*))?$/i.exec(text);
  if (away) return { name: 'away', until: away[1]!, deputy: (away[2] ?? '').replace(/^(?:and )?(?:cover(?:ed)? by|with|deputy)\s+/i, '').trim() };
  if (/^away\b/i.test(text)) return { name: 'away', until: text.slice(4).replace(/^\s*(until|till|to)\s*/i, '').trim(), deputy: '' };
  const list = /^(overdue|red)(?:\s+(.*))?$/i.exec(text);
  if (list) return { name: list[1]!.toLowerCase() as 'overdue' | 'red', board: list[2]?.trim() ?? '' };
  if (/^reach$/i.test(text)) return { name: 'reach' };
  const calendar = /^calendar(?:\s+(.*))?$/i.exec(text);
  if (calendar) return { name: 'calendar', board: calendar[1]?.trim() ?? '' };
  const chase = /^chase(?:\s+(.*))?$/i.exec(text);
  if (chase) return { name: 'chase', query: chase[1]?.trim() ?? '' };
  const people = parsePeopleCommand(text);
  if (people) return people;
  if (/^history$/i.test(text)) return { name: 'what', command: 'history', example: 'history 19' };
  const history = /^history\s+(.+?)(?:\s+from\s+(\S+))?(?:\s+to\s+(\S+))?$/i.exec(text);
  if (history) return { name: 'history', query: history[1]!, ...(history[2] ? { from: history[2] } : {}), ...(history[3] ? { to: history[3] } : {}) };
  // "?" is no word to the pattern above: it is asked for here.
  if (text === '?') return { name: 'help' };
  switch (word) {
    case 'help':
      return { name: 'help' };
    case 'checkin':
    case 'check-in':
      return { name: 'checkin', query: rest };
    case 'projects':
    case 'project':
      return { name: 'projects', query: rest };
    case 'summary':
      return { name: 'summary', query: rest };
    case 'report':
      return { name: 'report', query: rest };
    case 'board':
    case 'boards':
      return { name: 'board', query: rest };
    case 'status':
      return rest === '' ? { name: 'what', command: 'status', example: 'status falls' } : { name: 'status', query: rest };
    case 'monitoring':
      return rest === '' ? { name: 'what', command: 'monitoring', example: 'monitoring W2', thing: 'workstream' } : { name: 'monitoring', query: rest };
    default:
      if (/^check in\b/i.test(text)) return { name: 'checkin', query: text.slice(8).trim() };
      return text === '' ? { name: 'help' } : { name: 'unknown', text };
  }
}

/**
 * The board managers' people commands: `people [board | priority]`, `history people [board]`,
 * `lead 19 kay.darby@example.org` (the only lead; "add"/"remove" after the number for more or fewer),
 * `deputy W1 Megan Bowen` (one more deputy), `manager add … [to <board>]`, `retire Kay Darby`.
 */
function parsePeopleCommand(text: string): Command | undefined {
  const view = /^(?:people|managers)(?:\s+(.*))?$/i.exec(text);
  if (view) return { name: 'people', query: view[1]?.trim() ?? '' };
  const history = /^history (?:of )?people(?:\s+(.*))?$/i.exec(text);
  if (history) return { name: 'history-people', board: history[1]?.trim() ?? '' };
  const unit = /^(lead|deputy)\s+(\S+)\s+(?:(add|remove)\s+)?(.+)$/i.exec(text);
  if (unit) return { name: 'people-change', role: unit[1]!.toLowerCase() as 'lead' | 'deputy', op: (unit[3]?.toLowerCase() as 'add' | 'remove' | undefined) ?? (unit[1]!.toLowerCase() === 'lead' ? 'set' : 'add'), unit: unit[2]!, person: unit[4]!.trim() };
  const retire = /^retire(?:\s+(.*))?$/i.exec(text);
  if (retire) return retire[1] ? { name: 'retire', person: retire[1].trim() } : { name: 'what', command: 'retire', example: 'retire kay.darby@example.org', thing: 'person' };
  const manager = /^managers?\s+(add|remove)\s+(.+?)(?:\s+(?:to|from|of|for|on)\s+(?:the\s+)?(\S.*?)(?:\s+board)?)?$/i.exec(text);
  if (manager) return { name: 'people-change', role: 'manager', op: manager[1]!.toLowerCase() as 'add' | 'remove', person: manager[2]!.trim(), ...(manager[3] ? { board: manager[3] } : {}) };
  return undefined;
}
