import { setFlagsFromString } from 'node:v8';

/**
 * How far V8's heap may grow past what is live before the next full collection, in percent.
 * Left to itself, under load V8 lets the heap grow to several times what is live: 20 people each
 * asking `status` 50 times took the process from 229 to 535 MB resident while the live heap stayed
 * near 90 MB (the rest was garbage not yet collected; `scripts/heap-snapshot.ts` shows it). 25% keeps
 * that to about 60 MB, and still scales with the board (a cap in MB would not). Set at start, before
 * the heap has grown; `--heap-growing-percent` in NODE_OPTIONS or on the command line wins.
 */
export const HEAP_GROWING_PERCENT = 25;

export function boundHeapGrowth(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /heap[-_]growing[-_]percent/.test(a));
  if (!given) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
