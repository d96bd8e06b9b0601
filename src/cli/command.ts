/**
 * A CLI command as a declaration: what it is (summary), what it takes (positionals, whether it
 * reads a trajectory, typed options with units and ranges), what it prints with --json (the
 * fields of its output, as a JSON schema), and `run`. From the declaration `main` derives the
 * usage text and --help, the option check with "did you mean", the check of each value (given, in its
 * range, one of its choices: src/cli/optionValues.ts), the boolean flags of the parser and
 * `--json-schema`; a command declares each of these once and checks only what spans several options.
 *
 * The synopsis (the grammar of the command line: alternatives, nesting) and the notes (the prose
 * of the help) are written by hand; test/cli/commandSpecs.test.ts checks that the synopsis and
 * the declared options name the same options and that every option the command reads is declared.
 */
import { InputError } from '../core/errors.js';
import type { Args, PositionalSpec } from './args.js';
import { describeRange, SHARED_OPTION_RANGES, type OptionRange } from './optionRanges.js';
import { READER_OPTIONS_USAGE, READER_OPTION_NAMES } from './readerOptions.js';

/** How an option's value is read (Args getter). */
export type OptionKind = 'flag' | 'number' | 'string' | 'list' | 'range';

/** One option of a command. */
export interface OptionSpec {
  kind: OptionKind;
  /** Unit of the value (fs, K, Å, ...); from the range when it has one. */
  unit?: string;
  /** Accepted numeric values (checked before the command runs; for a list of numbers, each item); shared ranges apply by name when absent. */
  range?: OptionRange;
  /** For a list option: the type of each item ('number': a decimal number, in `range` when given; default: words). */
  items?: 'number';
  /** For a list option: how many items it takes (exactly n, or between min and max; default: any number). */
  count?: number | { min?: number; max?: number };
  /** The accepted words of a choice (checked before the command runs; for a list option, each item). */
  choices?: readonly string[];
  /** What the value is, in words, for the help and the messages ("an extended XYZ file path"). */
  expected?: string;
}

/** A JSON schema (the subset we write: type, properties, items, description, required). */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  [key: string]: unknown;
}

/**
 * The type of one --json output field: a JSON type, `number[]`/`string[]` for arrays of them, and a
 * trailing `?` for a field that may be null or absent (a value the run could not resolve, a reason).
 */
export type FieldType = `${'number' | 'string' | 'boolean' | 'object' | 'array' | 'number[]' | 'string[]'}${'' | '?'}`;

/**
 * The JSON schema of an --json output object from its fields (name → {@link FieldType}, or the schema of a
 * nested object, e.g. `jsonFields({...})`, which is required unless it admits null, see {@link optionalObject});
 * other fields may follow.
 */
export function jsonFields(fields: Record<string, FieldType | JsonSchema>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, t] of Object.entries(fields)) {
    if (typeof t !== 'string') {
      properties[name] = t;
      if (!(Array.isArray(t.type) && t.type.includes('null'))) required.push(name);
      continue;
    }
    const optional = t.endsWith('?');
    const base = optional ? t.slice(0, -1) : t;
    const schema: JsonSchema = base.endsWith('[]') ? { type: 'array', items: { type: base.slice(0, -2) } } : { type: base };
    if (optional) schema.type = [schema.type as string, 'null'];
    else required.push(name);
    properties[name] = schema;
  }
  return { type: 'object', properties, required, additionalProperties: true };
}

/**
 * A nested object field that may be absent or null (an `analyse` part not asked for): jsonFields then
 * does not require it.
 */
export function optionalObject(schema: JsonSchema): JsonSchema {
  return { ...schema, type: ['object', 'null'] };
}

/** What a command declares; see the file header. */
export interface CommandDeclaration {
  name: string;
  /** One line, for `superionic --help`. */
  summary: string;
  /** The command line after `superionic NAME` (further lines: a second form or continuation, as written). */
  synopsis: string;
  /** How many positional arguments and what they are called ("trajectory file"). */
  positionals: PositionalSpec;
  /** True when the command reads a trajectory (the reader options apply). */
  readsTrajectory: boolean;
  /** Options by name (without --); `json`, `help`, `json-schema`, `memory-budget` and the reader options are implied. */
  options: Record<string, OptionSpec>;
  /** The prose of the help: what the command computes, how the options interact. */
  notes: string;
  /** Former option names → their new names: given, they are refused with a pointer to the new one. */
  renamed?: Record<string, string>;
  /** Schema of the --json output (an object; fields named with their units). */
  output?: JsonSchema;
}

/** A declared command: its declaration, the derived usage text, and `run`. */
export interface CommandSpec extends CommandDeclaration {
  /** The whole help text (synopsis, notes, options with kinds, units and ranges). */
  usage: string;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { kind: 'flag' },
  help: { kind: 'flag' },
  'json-schema': { kind: 'flag' },
  'memory-budget': { kind: 'string', unit: 'bytes (or 800M, 4G)' },
};

/** Declare a command: fills shared ranges and units, and writes the usage text. */
export function defineCommand(d: CommandDeclaration): CommandSpec {
  const options: Record<string, OptionSpec> = {};
  for (const [name, o] of Object.entries(d.options)) {
    const range = o.range ?? (o.kind === 'number' ? SHARED_OPTION_RANGES[name] : undefined);
    options[name] = { ...o, ...(range ? { range } : {}), ...((o.unit ?? range?.unit) ? { unit: o.unit ?? range?.unit } : {}) };
  }
  const spec = { ...d, options } as CommandSpec;
  spec.usage = usageText(spec);
  return spec;
}

/** One line per option: name, kind, unit, range, choices. */
function optionLine(name: string, o: OptionSpec): string {
  const what: string[] = [
    o.kind === 'number' && o.range?.integer
      ? 'integer'
      : o.kind === 'range'
        ? 'START:END'
        : o.kind === 'list'
          ? o.items || o.count !== undefined
            ? `list of ${listItemsText(o)}`
            : 'list (A,B or repeated)'
          : o.kind,
  ];
  if (o.range) what.push(describeRange(o.range).replace(/^an integer in /, ''));
  else if (o.unit && o.unit !== '(fraction)') what.push(o.unit);
  if (o.choices) what.push(o.choices.join('|'));
  if (o.expected) what.push(o.expected);
  return `    --${name.padEnd(20)} ${what.join(', ')}`;
}

/** The count bounds of a list option: [min, max] items (max Infinity when unbounded). */
export function listCount(o: OptionSpec): [number, number] {
  if (typeof o.count === 'number') return [o.count, o.count];
  return [o.count?.min ?? 1, o.count?.max ?? Infinity];
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];

/** "three integers", "numbers", "2 to 4 words": how many items of which type a list option takes. */
export function listItemsText(o: OptionSpec): string {
  const [min, max] = listCount(o);
  const word = (n: number) => COUNT_WORDS[n] ?? String(n);
  const how = min === max ? word(min) : max === Infinity ? (min <= 1 ? '' : `at least ${min}`) : `${min} to ${max}`;
  const type = o.items === 'number' ? (o.range?.integer ? 'integer' : 'number') : 'word';
  return `${how ? `${how} ` : ''}${type}${min === 1 && max === 1 ? '' : 's'}`;
}

/** The help text of a command, from its declaration. */
export function usageText(spec: CommandDeclaration): string {
  const lines = [`usage: superionic ${spec.name} ${spec.synopsis}`, spec.notes];
  const names = Object.keys(spec.options);
  if (names.length) lines.push('  options:', ...names.map((n) => optionLine(n, spec.options[n])));
  return lines.filter((l) => l.length > 0).join('\n');
}

/** The full --help output: usage, reader options for trajectory commands, global options. */
export function helpText(spec: CommandSpec): string {
  return `${spec.usage}\n${spec.readsTrajectory ? `${READER_OPTIONS_USAGE}\n` : ''}`;
}

/** Every option name a command accepts (declared, reader options when it reads trajectories, global). */
export function knownOptions(spec: CommandDeclaration): Set<string> {
  const known = new Set([...Object.keys(spec.options), ...Object.keys(GLOBAL_OPTIONS)]);
  if (spec.readsTrajectory) for (const o of READER_OPTION_NAMES) known.add(o);
  return known;
}

/** Refuse an option under a former name (one line naming the new one). */
export function rejectRenamedOptions(spec: CommandDeclaration, args: Args): void {
  for (const [key] of args.givenOptions()) {
    const now = spec.renamed?.[key];
    if (now !== undefined) throw new InputError(`--${key} is now spelled --${now} in ${spec.name}; see superionic ${spec.name} --help`);
  }
}

/** Options that never take the next argument as their value (`--drift FILE` keeps FILE positional). */
export function booleanFlags(spec: CommandDeclaration): string[] {
  return [...Object.entries({ ...GLOBAL_OPTIONS, ...spec.options })].filter(([, o]) => o.kind === 'flag').map(([n]) => n);
}

/** The range of `option` for this command (declared, else shared by name), if it has one. */
export function optionRangeOf(spec: CommandDeclaration, option: string): OptionRange | undefined {
  return spec.options[option]?.range ?? SHARED_OPTION_RANGES[option];
}

/** The JSON schema of the command's --json output (a generic object when it declares none). */
export function outputSchema(spec: CommandDeclaration): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `superionic ${spec.name} --json`,
    description: spec.summary,
    ...(spec.output ?? { type: 'object' }),
  };
}

/** A command module: its declaration and what runs it (`run` also rejects options it did not read). */
export interface CommandModule {
  spec?: CommandSpec;
  summary: string;
  usage: string;
  run(args: Args): Promise<void>;
}
