/**
 * `superionic` command-line entry point: a thin layer over the declared commands (src/cli/command.ts,
 * static registry src/cli/registry.ts). From a command's declaration it derives --help, the check
 * of options ("did you mean") and positionals, the value check (ranges, choices) and the parser's boolean flags, then
 * runs the command. Errors in the input are printed as one clear line (file, frame/line, what was
 * expected) with exit code 2; internal errors print a stack, exit 1.
 */
import { InputError } from '../core/errors.js';
import { Args, DEFAULT_BOOLEAN_FLAGS, type PositionalSpec } from './args.js';
import {
  booleanFlags,
  defineCommand,
  helpText,
  knownOptions,
  outputSchema,
  rejectRenamedOptions,
  type CommandModule,
  type CommandSpec,
} from './command.js';
import { checkOptionValues } from './optionValues.js';
import { COMMANDS, COMMAND_MODULES } from './registry.js';
import { parseByteSize, setMemoryBudget } from '../core/memoryBudget.js';

/** `--memory-budget SIZE` (any command): the memory budget for this run (bytes, or 800M, 4G). */
function applyMemoryBudget(args: Args): void {
  const v = args.string('memory-budget');
  if (v === undefined) return;
  const b = parseByteSize(v);
  if (!(b >= 2 ** 20)) throw new InputError(`--memory-budget expects a memory size of at least 1 MiB (bytes, or e.g. 800M, 4G), got "${v}"`);
  setMemoryBudget(b);
}

/** A command module (its declaration `spec`, and `run`). */
export type Command = CommandModule;

export { COMMANDS };

const DEFAULT_POSITIONALS: PositionalSpec = { max: 1, noun: 'trajectory file' };

/** The declaration of a command module; a module without one (a test double) reads one trajectory file and accepts what its usage names. */
function specOf(name: string, cmd: Command): CommandSpec {
  if (cmd.spec) return cmd.spec;
  const options = Object.fromEntries([...Args.optionsInUsage(cmd.usage)].map((o) => [o, { kind: 'string' as const }]));
  return {
    ...defineCommand({ name, summary: cmd.summary, synopsis: '', positionals: DEFAULT_POSITIONALS, readsTrajectory: true, options, notes: '' }),
    usage: cmd.usage,
  };
}

/**
 * Run the CLI on `argv` (without the node and script names); resolves to the exit code. `loader`
 * finds a command's module (default: the static registry; tests pass one that imports the sources).
 */
export async function main(
  argv: string[],
  loader: (name: string) => Command | undefined | Promise<Command | undefined> = (name) => COMMAND_MODULES[name],
): Promise<number> {
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
  const spec = specOf(name, cmd);
  const args = new Args(rest, [...DEFAULT_BOOLEAN_FLAGS, ...booleanFlags(spec)]);
  if (args.flag('help')) {
    process.stdout.write(helpText(spec));
    return 0;
  }
  if (args.flag('json-schema')) {
    process.stdout.write(JSON.stringify(outputSchema(spec), null, 2) + '\n');
    return 0;
  }
  try {
    // Options the command does not declare, and extra positionals, are reported before anything
    // else (a misspelt --centre is named as such, not as a missing --center).
    rejectRenamedOptions(spec, args);
    args.checkCommandLine(name, knownOptions(spec), spec.positionals);
    checkOptionValues(spec.options, args); // every value given, in its range, one of its choices, before any work
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
      process.stderr.write(
        `superionic ${name}: out of memory or range (${e.message.split('\n')[0]}); an option or file asks for more than this machine can hold: lower the option, or raise --memory-budget if the memory exists\n`,
      );
      return 2;
    }
    throw e;
  } finally {
    setMemoryBudget(undefined);
  }
}
