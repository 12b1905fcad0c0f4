import { COMPILE_USAGE, runCompile } from './cli/compile.js';
import { EXPORT_USAGE, runExport } from './cli/export.js';
import { GENERATE_USAGE, runGenerate } from './cli/generate.js';
import { runScaleOut, SCALE_OUT_USAGE } from './cli/scale-out.js';
import { runValidate, VALIDATE_USAGE } from './cli/validate.js';

const COMMANDS = {
  compile: { run: runCompile, usage: COMPILE_USAGE },
  export: { run: runExport, usage: EXPORT_USAGE },
  generate: { run: runGenerate, usage: GENERATE_USAGE },
  validate: { run: runValidate, usage: VALIDATE_USAGE },
  'scale-out': { run: runScaleOut, usage: SCALE_OUT_USAGE },
} as const;

const HELP = `Usage: tsx src/cli.ts <command> [options]   (or npm run compile | export | generate | validate-data | scale-out)

Commands:
  compile    validate the data and compile the snapshot the server opens
  export     write the dataset as JSON-LD, Turtle or N-Quads, without a server
  generate   write synthetic data N times the size of the seed data, for benchmarks
  validate   check a data directory and print every problem
  scale-out  rehearse several instances behind a load balancer, one stopped half-way

Run a command with --help for its options.`;

const [command, ...args] = process.argv.slice(2);
if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  console.log(HELP);
  process.exitCode = command === undefined ? 2 : 0;
} else if (command in COMMANDS) {
  process.exitCode = await COMMANDS[command as keyof typeof COMMANDS].run(args);
} else {
  console.error(`Unknown command "${command}".\n\n${HELP}`);
  process.exitCode = 2;
}
