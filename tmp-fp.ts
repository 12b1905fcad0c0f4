import { readFileSync } from 'node:fs';
import { rawRecord } from './src/graph/records.js';
import { fastParser, REJECTED } from './src/graph/validate/fast-parse.js';
const fp = fastParser(rawRecord)!;
const lines = readFileSync('/tmp/compile-wt/scale-10000/results.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, 20000).map((l) => JSON.parse(l));
let rej = 0, diff = 0;
for (const r of lines) { const f = fp(r); if (f === REJECTED) rej++; else if (JSON.stringify(f) !== JSON.stringify(rawRecord.parse(r))) diff++; }
console.log({ rej, diff });
let t = performance.now(); for (const r of lines) fp(r); console.log('fast', performance.now() - t);

t = performance.now(); for (const r of lines) fp(r); console.log('fast', performance.now() - t);

for (let i=0;i<3;i++){ t = performance.now(); for (const r of lines) fp(r); console.log("fast", performance.now() - t);}
