import { parseArgs } from 'node:util';

/**
 * A command's options, all strings, from its arguments; or the exit code when there is nothing more
 * to do: 0 after printing the usage for --help, 2 after an unknown or malformed option.
 */
export function commandOptions<Name extends string>(
  args: readonly string[],
  names: readonly Name[],
  usage: string,
): Partial<Record<Name, string>> | number {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        ...Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  return values as Partial<Record<Name, string>>;
}
