import { priorityRef, type Priority } from './strategy';

/**
 * Finds priorities from what a person typed: "19", "1.3", "W2", a key, or words from the title
 * ("healthy weight"). Exact number/key matches win; otherwise every word must appear in the
 * title, theme-free text or number, and results are ranked by how much of the title they cover.
 */
const STOP_WORDS = new Set(['we', 'will', 'the', 'a', 'an', 'of', 'to', 'and', 'for', 'in', 'on', 'our', 'by', 'with', 'status', 'priority']);

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}.+]+/gu, ' ')
    .split(' ')
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
}

export interface LookupResult {
  matches: Priority[];
  /** When nothing matched: the nearest titles, best first. */
  suggestions: Priority[];
}

function haystack(p: Priority): string[] {
  return words(`${p.title} ${p.objective ?? ''} ${(p.projects ?? []).map((x) => x.title).join(' ')}`);
}

function wordMatches(query: string, candidates: string[]): boolean {
  return candidates.some((c) => c === query || (query.length >= 4 && c.startsWith(query)) || (query.length >= 3 && c.startsWith(query) && c.length - query.length <= 2));
}

export function findPriorities(all: readonly Priority[], query: string): LookupResult {
  const q = query.trim().toLowerCase();
  if (q === '') return { matches: [], suggestions: [] };
  const exact = all.filter((p) => p.number.toLowerCase() === q || p.key.toLowerCase() === q || priorityRef(p).toLowerCase() === q);
  if (exact.length > 0) return { matches: liveFirst(exact), suggestions: [] };

  const qWords = words(q);
  if (qWords.length === 0) return { matches: [], suggestions: [] };
  const scored = all
    .map((p) => {
      const hay = haystack(p);
      const hits = qWords.filter((w) => wordMatches(w, hay)).length;
      return { p, hits, all: hits === qWords.length, cover: hits / Math.max(1, words(p.title).length) };
    })
    .filter((s) => s.hits > 0);
  const full = scored.filter((s) => s.all).sort((a, b) => b.cover - a.cover);
  if (full.length > 0) {
    // A title that contains the query as a phrase beats one that merely contains its words.
    const phrase = full.filter((s) => s.p.title.toLowerCase().includes(q));
    return { matches: liveFirst((phrase.length > 0 ? phrase : full).map((s) => s.p)), suggestions: [] };
  }
  const suggestions = scored.sort((a, b) => b.hits - a.hits || b.cover - a.cover).slice(0, 5).map((s) => s.p);
  return { matches: [], suggestions };
}

/** Proposed and closed priorities sort after active ones. */
function liveFirst(ps: Priority[]): Priority[] {
  return [...ps].sort((a, b) => Number(a.status !== 'active') - Number(b.status !== 'active'));
}
