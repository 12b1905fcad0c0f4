/**
 * In-process CPU cost of the uncached fast lane per request: the bench's documents admitted once by the
 * full pipeline, then answered by the lane again and again (no sockets). Run with --cpu-prof to see
 * where the time goes. DATA_DIR and STORE_CACHE choose the data (the seed by default).
 *
 *   npx tsx bench/lane-profile.ts [seconds] [mix|page|NAME]
 */
import { loadConfig } from '../src/config.js';
import { prepareFullText } from '../src/graph/fulltext/registry.js';
import { openStore } from '../src/graph/open.js';
import { answerOf } from '../src/http/answers.js';
import { FastLane, plainRequest } from '../src/http/fast-lane.js';
import { createApp, graphContexts, servedSchema } from '../src/yoga.js';
import { body, CLAIMS_HEAVY_PAGE, FRONTEND_MIX } from './queries.js';

const seconds = Number(process.argv[2] ?? 5);
const which = process.argv[3] ?? 'mix';
const config = loadConfig();
const store = await openStore(config, { log: () => {} });
await prepareFullText(store, { cacheDir: config.storeCache, onFirstUse: true, log: () => {} });
const BASE = 'http://127.0.0.1';
const contextFor = graphContexts(store, BASE);
const app = createApp({ store, publicBaseUrl: BASE, contextFor });
const lane = new FastLane(servedSchema(false), contextFor, 1000);
const headers = { 'content-type': 'application/json' };
const queries: Record<string, string> = { ...FRONTEND_MIX, page: CLAIMS_HEAVY_PAGE };
const chosen =
  which === 'mix' ? Object.values(FRONTEND_MIX) : [queries[which] ?? (which === 'page' ? CLAIMS_HEAVY_PAGE : '')];

const requests = [];
for (const query of chosen) {
  const text = body(query);
  const plain = plainRequest('POST', headers, '', Buffer.from(text));
  if (!plain) throw new Error('not plain');
  const key = lane.keyOf('POST', headers, BASE, plain);
  const response = await app.fetch(`${BASE}/graphql`, { method: 'POST', headers, body: text });
  const answer = await response.text();
  const kept = [...response.headers].filter(([name]) => name !== 'content-length').flat();
  lane.admit(key, plain, BASE, answerOf(200, kept, answer, true));
  const fast = lane.answer(key, plain, 'POST', undefined);
  if (!fast || fast instanceof Promise || fast.body !== answer) throw new Error(`lane differs on ${query}`);
  requests.push({ key, plain });
}

let count = 0;
const until = performance.now() + seconds * 1000;
const cpu = process.cpuUsage();
while (performance.now() < until) {
  for (let repeat = 0; repeat < 100; repeat++) {
    for (const { key, plain } of requests) {
      lane.answer(key, plain, 'POST', undefined);
      count++;
    }
  }
}
const used = process.cpuUsage(cpu);
console.log(
  `${which}: ${count} answers, ${((used.user + used.system) / count).toFixed(1)} µs CPU each (in-process, lane.answer only)`,
);
