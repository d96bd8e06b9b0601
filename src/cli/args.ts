/**
 * Minimal argument parsing for the `superionic` CLI: positionals, `--flag`, `--key value`,
 * `--key=value`. Typed getters raise an InputError that names the option and what was expected.
 */
import { InputError } from '../core/errors.js';

export class Args {
  readonly positionals: string[] = [];
  private readonly options = new Map<string, string[]>();
  private readonly used = new Set<string>();

  constructor(argv: string[], booleanFlags: string[] = ['json', 'help', 'drift', 'quiet']) {
    const bools = new Set(booleanFlags);
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a.startsWith('--')) {
        const eq = a.indexOf('=');
        const key = eq >= 0 ? a.slice(2, eq) : a.slice(2);
        let val: string;
        if (eq >= 0) val = a.slice(eq + 1);
        else if (bools.has(key) || i + 1 >= argv.length || (argv[i + 1].startsWith('--') )) val = 'true';
        else val = argv[++i];
        const list = this.options.get(key) ?? [];
        list.push(val);
        this.options.set(key, list);
      } else {
        this.positionals.push(a);
      }
    }
  }

  has(key: string): boolean { this.used.add(key); return this.options.has(key); }
  flag(key: string): boolean { this.used.add(key); const v = this.options.get(key); return !!v && v[v.length - 1] !== 'false'; }

  string(key: string): string | undefined { this.used.add(key); const v = this.options.get(key); return v ? v[v.length - 1] : undefined; }
  requireString(key: string, what: string): string {
    const v = this.string(key);
    if (v === undefined || v === 'true') throw new InputError(`missing --${key}: expected ${what}`);
    return v;
  }
  /** All values of a repeated option, also splitting comma lists. */
  list(key: string): string[] {
    this.used.add(key);
    return (this.options.get(key) ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  }

  number(key: string, fallback?: number): number | undefined {
    const v = this.string(key);
    if (v === undefined) return fallback;
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x)) throw new InputError(`--${key} expects a number, got "${v}"`);
    return x;
  }
  requireNumber(key: string, what: string): number {
    const x = this.number(key);
    if (x === undefined) throw new InputError(`missing --${key}: expected ${what}`);
    return x;
  }
  /** A range "A:B" of two numbers. */
  range(key: string): [number, number] | undefined {
    const v = this.string(key);
    if (v === undefined) return undefined;
    const m = /^\s*([^:]+):([^:]+)\s*$/.exec(v);
    const a = m ? Number(m[1]) : NaN, b = m ? Number(m[2]) : NaN;
    if (!Number.isFinite(a) || !Number.isFinite(b) || !(b > a)) throw new InputError(`--${key} expects START:END with START < END (numbers), got "${v}"`);
    return [a, b];
  }
  /** Options given but never read by the command (typos). */
  unknownOptions(): string[] { return [...this.options.keys()].filter((k) => !this.used.has(k)); }
  /** Throw an InputError naming the options `command` never read (call after reading them all). */
  rejectUnknownOptions(command: string): void {
    const unknown = this.unknownOptions();
    if (unknown.length) throw new InputError(`unknown option(s) ${unknown.map((u) => '--' + u).join(', ')}; see superionic ${command} --help`);
  }
}
