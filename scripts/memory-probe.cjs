'use strict';
/* global setInterval */
/**
 * Preload for scripts/heap-snapshot.ts: once a second the bot's process prints where its memory
 * is (`MEMORY {json}` on stderr): the RSS beside V8's heap (used and reserved), memory held for
 * Buffers and ArrayBuffers, and what V8 counts as external. What grows in RSS but none of these is
 * the allocator's (native memory not given back), not JavaScript objects.
 */
const timer = setInterval(() => {
  const m = process.memoryUsage();
  process.stderr.write(`MEMORY ${JSON.stringify({ rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
}, 1000);
timer.unref();
