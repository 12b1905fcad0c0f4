// Fills the answer cache with a thousand distinct answers of about 900 kB each (900 MB if it kept them
// all), in a process with a small heap, and prints what it holds and the memory it takes.
import { AnswerCache } from '../src/http/answer-cache.js';
import { answerOf } from '../src/http/answers.js';

const maxBytes = Number(process.argv[2]);
const cache = new AnswerCache(1_000, 1_000_000, maxBytes);
const rss = () => process.memoryUsage().rss;
globalThis.gc?.();
const before = rss();
let largest = 0;
for (let index = 0; index < 1_000; index++) {
  const body = `{"data":{"n":${index},"pad":"${String(index % 10).repeat(900_000)}"}}`;
  const request = { path: '/graphql', search: `?n=${index}`, base: 'http://127.0.0.1', node: { headers: {} } };
  cache.remember(
    cache.keyOf('GET', request as never, undefined),
    answerOf(200, ['content-type', 'application/json'], body, true),
  );
  largest = Math.max(largest, cache.bytes);
}
globalThis.gc?.();
console.log(JSON.stringify({ before, after: rss(), cached: cache.bytes, largest }));
