/**
 * A bench in miniature, for tests/bench-children.test.ts to interrupt: through bench/children.ts it
 * starts a child that starts a grandchild, both deaf to SIGINT (so that only the kill after the grace
 * ends them), and registers the removal of the file named by its argument. Prints `started <child>
 * <grandchild>`, then waits for a signal.
 */
import { writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { endChildrenOnInterrupt, spawnNode, undoneOnInterrupt } from '../bench/children.js';

const file = process.argv[2] ?? '';
endChildrenOnInterrupt();
writeFileSync(file, 'left behind unless undone\n');
undoneOnInterrupt(() => rm(file));
const deaf = "process.on('SIGINT', () => {}); setInterval(() => {}, 1000);";
const child = spawnNode(
  [
    '-e',
    `const grandchild = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(deaf)}], { stdio: 'ignore' });
     console.log(grandchild.pid); ${deaf}`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
child.stdout?.once('data', (grandchild) => console.log(`started ${child.pid} ${String(grandchild).trim()}`));
setInterval(() => {}, 1000);
