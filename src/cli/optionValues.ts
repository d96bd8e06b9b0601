/**
 * The check of every option value given on the command line against the command's declaration
 * (src/cli/command.ts), run by `main` before the command does any work, so that commands hold no
 * checks of their own for what a declaration says:
 * - an option that takes a value given without one (`--out` last on the line, `--host --lattice bcc`);
 * - a number that is not a decimal number or lies outside its range (`rdf --bins 1e9`, `md --supercell
 *   1000`: one clear line with exit 2, never minutes of work or a RangeError; README "Bounds and budgets");
 * - a word outside its choices (`md --engine gromacs`; for a list option each item);
 * - a list with the wrong number of items or an item of the wrong type or outside its range (`density --grid 40,40`,
 *   `vanhove --lags 100,-5`), as the declaration's `items`, `count` and `range` say.
 * Every message names the option, the value as written and what was expected.
 */
import { InputError } from '../core/errors.js';
import { parseNumberString } from '../io/parseNumber.js';
import type { Args } from './args.js';
import { listCount, listItemsText, type OptionSpec } from './command.js';
import { describeRange, SHARED_OPTION_RANGES, type OptionRange } from './optionRanges.js';

/** "a, b or c". */
export function oneOf(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** What an option's value must be, in words (for messages). */
export function expectedValue(o: OptionSpec): string {
  if (o.kind === 'list' && (o.items || o.count !== undefined)) {
    const range = o.range ? ` in ${describeRange({ ...o.range, integer: false })}` : o.unit ? ` in ${o.unit}` : '';
    return `${listItemsText(o)}${range}, comma-separated${o.expected ? ` (${o.expected})` : ''}`;
  }
  if (o.choices) return `${oneOf(o.choices)}${o.expected ? ` (${o.expected})` : ''}`;
  if (o.expected) return o.expected;
  if (o.range) return o.range.integer ? describeRange(o.range) : `a number in ${describeRange(o.range)}`;
  if (o.kind === 'number') return `a number${o.unit ? ` in ${o.unit}` : ''}`;
  if (o.kind === 'range') return 'START:END';
  if (o.kind === 'list') return 'a list (A,B or the option repeated)';
  return 'a value';
}

/** A list option's items (as Args.list reads them: comma-separated, repeated options joined): their count, type and range. */
function checkList(key: string, values: string[], o: OptionSpec): void {
  const items = values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const [min, max] = listCount(o);
  if (items.length < min || items.length > max) throw new InputError(`--${key} expects ${expectedValue(o)}, got "${values.join(',')}"`);
  if (o.items !== 'number') return;
  for (const item of items) {
    const x = parseNumberString(item);
    const g = o.range;
    const outside = g && ((g.openLo ? !(x > g.lo) : !(x >= g.lo)) || x > g.hi || (g.integer && !Number.isInteger(x)));
    if (!Number.isFinite(x) || outside) throw new InputError(`--${key} expects ${expectedValue(o)}, got "${item}"`);
  }
}

function checkRange(key: string, v: string, g: OptionRange): void {
  const x = parseNumberString(v);
  if (!Number.isFinite(x)) throw new InputError(`--${key} expects a number, got "${v}"`);
  const below = g.openLo ? !(x > g.lo) : !(x >= g.lo);
  if (below || x > g.hi || (g.integer && !Number.isInteger(x))) {
    throw new InputError(`--${key} ${v} is outside its range: expected ${describeRange(g)} (see README "Bounds and budgets")`);
  }
}

/**
 * Check every option given on the command line against its declaration in `options` (the command's
 * declared options). Options the command does not declare (reader options such as --md-dt) are checked
 * against the shared range of their name. Values must be decimal numbers ("0x10" and "Infinity" are not).
 */
export function checkOptionValues(options: Record<string, OptionSpec>, args: Args): void {
  for (const [key, values] of args.givenOptions()) {
    const o: OptionSpec | undefined = options[key];
    if (!o) {
      const g = SHARED_OPTION_RANGES[key];
      if (g) for (const v of values) if (v !== 'true') checkRange(key, v, g);
      continue;
    }
    if (o.kind === 'flag') continue;
    for (const v of values) {
      if (v === 'true' || v === '') throw new InputError(`--${key} expects ${expectedValue(o)}, got no value`);
      if (o.kind === 'list') continue; // items checked below, over every value given
      // A declared option has its own range (or none: `vdos --window hann` is a word, not rotation's angle).
      if (o.range) checkRange(key, v, o.range);
      if (o.choices && !o.choices.includes(v)) throw new InputError(`--${key} expects ${expectedValue(o)}, got "${v}"`);
    }
    if (o.kind !== 'list') continue;
    if (o.choices)
      for (const item of values.flatMap((v) => v.split(',').map((s) => s.trim())))
        if (!o.choices.includes(item)) throw new InputError(`--${key} expects ${expectedValue(o)}, got "${item}"`);
    if (o.items || o.count !== undefined) checkList(key, values, o);
  }
}
