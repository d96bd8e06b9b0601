/**
 * Minimal argument parsing for the `superionic` CLI: positionals, `--flag`, `--key value`,
 * `--key=value`. Typed getters raise an InputError that names the option and what was expected.
 */
import { InputError } from '../core/errors.js';
import { closestName } from './didYouMean.js';
import { parseNumberString } from '../io/parseNumber.js';

/** Flags that never take a value, for an Args made without a command's declaration (main adds the declared flags). */
export const DEFAULT_BOOLEAN_FLAGS = ['json', 'help', 'drift', 'quiet', 'mass-weighted', 'no-distinct', 'search-origin'];

export class Args {
  readonly positionals: string[] = [];
  private readonly options = new Map<string, string[]>();
  private readonly used = new Set<string>();

  /** `booleanFlags` never take the next argument as their value (`--drift FILE` keeps FILE positional; `--drift=false` still works). */
  constructor(argv: string[], booleanFlags: string[] = DEFAULT_BOOLEAN_FLAGS) {
    const bools = new Set(booleanFlags);
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a.startsWith('--')) {
        const eq = a.indexOf('=');
        const key = eq >= 0 ? a.slice(2, eq) : a.slice(2);
        let val: string;
        if (eq >= 0) val = a.slice(eq + 1);
        else if (bools.has(key) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) val = 'true';
        else val = argv[++i];
        const list = this.options.get(key) ?? [];
        list.push(val);
        this.options.set(key, list);
      } else {
        this.positionals.push(a);
      }
    }
  }

  /** Every option given, with its values as written (does not mark them read). */
  givenOptions(): [string, string[]][] {
    return [...this.options.entries()];
  }

  has(key: string): boolean {
    this.used.add(key);
    return this.options.has(key);
  }
  flag(key: string): boolean {
    this.used.add(key);
    const v = this.options.get(key);
    return !!v && v[v.length - 1] !== 'false';
  }

  string(key: string): string | undefined {
    this.used.add(key);
    const v = this.options.get(key);
    return v ? v[v.length - 1] : undefined;
  }
  requireString(key: string, what: string): string {
    const v = this.string(key);
    if (v === undefined || v === 'true') {
      this.rejectMisspelling(key);
      throw new InputError(`missing --${key}: expected ${what}`);
    }
    return v;
  }
  /** All values of a repeated option, also splitting comma lists. */
  list(key: string): string[] {
    this.used.add(key);
    return (this.options.get(key) ?? [])
      .flatMap((v) => v.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  }

  number(key: string, fallback?: number): number | undefined {
    const v = this.string(key);
    if (v === undefined) return fallback;
    const x = parseNumberString(v); // decimal only: Number() would take "0x10" as hex and "" as 0
    if (!Number.isFinite(x)) throw new InputError(`--${key} expects a number, got "${v}"`);
    return x;
  }
  requireNumber(key: string, what: string): number {
    const x = this.number(key);
    if (x === undefined) {
      this.rejectMisspelling(key);
      throw new InputError(`missing --${key}: expected ${what}`);
    }
    return x;
  }
  /** A range "A:B" of two numbers. */
  range(key: string): [number, number] | undefined {
    const v = this.string(key);
    if (v === undefined) return undefined;
    const m = /^\s*([^:]+):([^:]+)\s*$/.exec(v);
    const a = m ? Number(m[1]) : NaN,
      b = m ? Number(m[2]) : NaN;
    if (!Number.isFinite(a) || !Number.isFinite(b) || !(b > a))
      throw new InputError(`--${key} expects START:END with START < END (numbers), got "${v}"`);
    return [a, b];
  }
  /** Options given but never read by the command (typos). */
  unknownOptions(): string[] {
    return [...this.options.keys()].filter((k) => !this.used.has(k));
  }
  /**
   * Throw an InputError naming the options `command` never read (call after reading them all),
   * each with the closest option it does read ("did you mean --center?") when one is ≤ 2 edits away.
   */
  rejectUnknownOptions(command: string, known: Iterable<string> = this.used): void {
    this.command = command;
    const unknown = this.unknownOptions();
    if (unknown.length) throw unknownOptionError(unknown, [...known], command);
  }

  /**
   * Before reporting a required option `key` as missing: a given option that the command has not read
   * and that is ≤ 2 edits from `key` (--centre for --center) is a misspelling; report that instead.
   */
  private rejectMisspelling(key: string): void {
    const typo = this.unknownOptions().find((u) => closestName(u, [key]) === key);
    if (typo !== undefined) throw unknownOptionError([typo], [key], this.command);
  }

  /**
   * Check the command line against what `command` accepts, before it does anything: every option
   * must be one of `known` (else "unknown option(s) --centre (did you mean --center?)"), and at most
   * `positionals.max` positional arguments may be given (else "msd takes one trajectory file; got 2:
   * A.gz, B.gz": a shell glob must not silently analyse only its first match). `help` and `json` are
   * always known.
   */
  checkCommandLine(command: string, known: Iterable<string>, positionals: PositionalSpec): void {
    this.command = command;
    const knownSet = new Set([...known, 'help', 'json']);
    const unknown = [...this.options.keys()].filter((k) => !knownSet.has(k));
    if (unknown.length) throw unknownOptionError(unknown, [...knownSet], command);
    const got = this.positionals;
    if (got.length > positionals.max) {
      const takes =
        positionals.max === 0
          ? 'no positional arguments'
          : positionals.max === 1
            ? `one ${positionals.noun}`
            : `at most ${positionals.max} ${positionals.noun}s`;
      const hint = positionals.max === 0 ? '' : positionals.max === 1 ? `; run it once per ${positionals.noun}` : '';
      throw new InputError(`${command} takes ${takes}; got ${got.length}: ${got.join(', ')}${hint}`);
    }
  }

  /** The command name, once known (for messages). */
  private command = '';

  /** Option names (without --) mentioned in a usage text. */
  static optionsInUsage(usage: string): Set<string> {
    return new Set([...usage.matchAll(/--([a-z][a-z0-9-]*)/gi)].map((m) => m[1]));
  }
}

/** How many positional arguments a command takes and what they are called ("trajectory file"). */
export interface PositionalSpec {
  max: number;
  noun: string;
}

function unknownOptionError(unknown: string[], known: string[], command: string): InputError {
  const items = unknown.map((u) => {
    const s = closestName(u, known);
    return s === undefined ? `--${u}` : `--${u} (did you mean --${s}?)`;
  });
  return new InputError(`unknown option(s) ${items.join(', ')}${command ? `; see superionic ${command} --help` : ''}`);
}
