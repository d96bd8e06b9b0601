/**
 * `superionic` command-line entry point. Each command lives in src/cli/commands/<name>.ts and
 * exports `summary` (one line) and `run(args)`. Errors in the input are printed as one clear line
 * (file, frame/line, what was expected) with exit code 2; internal errors print a stack, exit 1.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { Args, PositionalSpec } from './args.js';
import { READER_OPTIONS_USAGE, READER_OPTION_NAMES } from './readerOptions.js';
import { checkOptionRanges } from './optionRanges.js';
import { parseByteSize, setMemoryBudget } from '../core/memoryBudget.js';

/** `--memory-budget SIZE` (any command): the memory budget for this run (bytes, or 800M, 4G). */
function applyMemoryBudget(args: Args): void {
  const v = args.string('memory-budget');
  if (v === undefined) return;
  const b = parseByteSize(v);
  if (!(b >= 2 ** 20)) throw new InputError(`--memory-budget expects a memory size of at least 1 MiB (bytes, or e.g. 800M, 4G), got "${v}"`);
  setMemoryBudget(b);
}

export interface Command {
  summary: string;
  usage: string;
  run(args: Args): Promise<void>;
}

/** Command names, in the order `superionic --help` lists them. */
export const COMMANDS = [
  'info', 'msd', 'arrhenius',
  'analyse',
  'rdf', 'coordination', 'sites', 'jumps', 'volume',
  'density', 'paths',
  'transitions',
  'vdos', 'rotation', 'vanhove', 'doas', 'modes',
  'md',
  'build', 'relax', 'neb',
  'kernel',
];

/**
 * Positional arguments each command takes (default: one trajectory file). Checked by main before the
 * command runs, so extra files (e.g. from a shell glob) are an error instead of being ignored.
 */
const POSITIONALS: Record<string, PositionalSpec> = {
  arrhenius: { max: 1, noun: 'table file' },
  modes: { max: 1, noun: 'table file' },
  doas: { max: Infinity, noun: 'trajectory file' },
  md: { max: 0, noun: 'argument' },
  build: { max: 1, noun: 'material name' },
  relax: { max: 1, noun: 'structure file' },
  neb: { max: 2, noun: 'structure file' },
  kernel: { max: 1, noun: 'subcommand' },
};
const DEFAULT_POSITIONALS: PositionalSpec = { max: 1, noun: 'trajectory file' };
/** Commands that read no trajectory (the reader options do not apply). */
const NO_TRAJECTORY = ['arrhenius', 'modes', 'md', 'kernel', 'build', 'relax', 'neb'];

function load(name: string): Command | undefined {
  const file = join(__dirname, 'commands', `${name}.js`);
  if (!existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- commands load on demand (a static registry is issue 14's next step)
  return require(file) as Command;
}

/**
 * Run the CLI on `argv` (without the node and script names); resolves to the exit code. `loader`
 * finds a command's module (default: the compiled commands next to this file; tests pass one that
 * imports the sources).
 */
export async function main(argv: string[], loader: (name: string) => Command | undefined | Promise<Command | undefined> = load): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = ['usage: superionic <command> [options]   (add --json for one JSON object on stdout)', ''];
    for (const c of COMMANDS) {
      const cmd = await loader(c);
      if (cmd) lines.push(`  ${c.padEnd(13)} ${cmd.summary}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
  const cmd = COMMANDS.includes(name) ? await loader(name) : undefined;
  if (!cmd) {
    const available: string[] = [];
    for (const c of COMMANDS) if (await loader(c)) available.push(c);
    process.stderr.write(`superionic: unknown command "${name}"; expected one of ${available.join(', ')}\n`);
    return 2;
  }
  const args = new Args(rest);
  const readsTrajectories = !NO_TRAJECTORY.includes(name);
  if (args.flag('help')) {
    process.stdout.write(`${cmd.usage}\n${readsTrajectories ? `${READER_OPTIONS_USAGE}\n` : ''}`);
    return 0;
  }
  try {
    // Options the usage text does not list, and extra positionals, are reported before anything
    // else (a misspelt --centre is named as such, not as a missing --center).
    const known = Args.optionsInUsage(cmd.usage);
    if (readsTrajectories) for (const o of READER_OPTION_NAMES) known.add(o);
    known.add('memory-budget');
    args.checkCommandLine(name, known, POSITIONALS[name] ?? DEFAULT_POSITIONALS);
    checkOptionRanges(name, args); // every numeric option within its documented range, before any work
    applyMemoryBudget(args);
    await cmd.run(args);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`superionic ${name}: ${e.message}\n`);
      return 2;
    }
    // An allocation the checks did not foresee (typed array or buffer too large): one line, not a stack.
    if (e instanceof RangeError && /array|buffer|allocation|length|size/i.test(e.message)) {
      process.stderr.write(`superionic ${name}: out of memory or range (${e.message.split('\n')[0]}); an option or file asks for more than this machine can hold: lower the option, or raise --memory-budget if the memory exists\n`);
      return 2;
    }
    throw e;
  } finally {
    setMemoryBudget(undefined);
  }
}
