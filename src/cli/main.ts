/**
 * `superionic` command-line entry point. Each command lives in src/cli/commands/<name>.ts and
 * exports `summary` (one line) and `run(args)`. Errors in the input are printed as one clear line
 * (file, frame/line, what was expected) with exit code 2; internal errors print a stack, exit 1.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { Args } from './args.js';

export interface Command {
  summary: string;
  usage: string;
  run(args: Args): Promise<void>;
}

/** Command names, in the order `superionic --help` lists them. */
export const COMMANDS = [
  'info', 'msd', 'arrhenius',
  'rdf', 'coordination', 'sites', 'jumps',
  'vdos', 'rotation', 'vanhove', 'doas', 'modes',
  'md',
];

function load(name: string): Command | undefined {
  const file = join(__dirname, 'commands', `${name}.js`);
  if (!existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(file) as Command;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = ['usage: superionic <command> [options]   (add --json for one JSON object on stdout)', ''];
    for (const c of COMMANDS) {
      const cmd = load(c);
      if (cmd) lines.push(`  ${c.padEnd(13)} ${cmd.summary}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
  const cmd = COMMANDS.includes(name) ? load(name) : undefined;
  if (!cmd) {
    process.stderr.write(`superionic: unknown command "${name}"; expected one of ${COMMANDS.filter((c) => load(c)).join(', ')}\n`);
    return 2;
  }
  const args = new Args(rest);
  if (args.flag('help')) {
    process.stdout.write(`${cmd.usage}\n`);
    return 0;
  }
  try {
    await cmd.run(args);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`superionic ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
