/** A RAG rating for a reporting period, with the board's own definitions (Leicester HWB, 2016 final report). */
export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];

export const RAG_DEFINITIONS: Readonly<Record<Rag, string>> = {
  red: 'Little or no progress has been made.',
  amber: 'Some progress has been made, but we have not met our expectations.',
  green: 'Good progress has been made. Our expectations have been met or exceeded.',
};

export const RAG_LABELS: Readonly<Record<Rag, string>> = { red: 'Red', amber: 'Amber', green: 'Green' };

/** Symbols so a rating never relies on colour alone. */
export const RAG_SYMBOLS: Readonly<Record<Rag, string>> = { red: '●', amber: '▲', green: '✔' };

export function isRag(value: unknown): value is Rag {
  return typeof value === 'string' && (RAGS as readonly string[]).includes(value);
}

/** Larger is better: used to tell whether a rating worsened between periods. */
export function ragScore(rag: Rag): number {
  return RAGS.indexOf(rag);
}
