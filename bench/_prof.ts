import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { body, FRONTEND_MIX } from './queries.js';
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/sprof', '--import', 'tsx', 'bench/server.ts'], { env: { ...process.env, VARIANT: 'ours-uncached', DATA_DIR: 'data' }, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => child.stdout.on('data', (c) => { const m = String(c).match(/ready (\d+)/); if (m) resolve(Number(m[1])); }));
const r = await autocannon({ url: `http://127.0.0.1:${port}/graphql`, connections: 10, duration: 5, requests: Object.values(FRONTEND_MIX).map((q) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: body(q) })) });
console.log('rps', r.requests.average);
child.kill('SIGINT');
await new Promise((resolve) => child.on('exit', resolve));
