/**
 * Tables at the display edge: plain column records → danfojs DataFrames.
 * danfojs-node is loaded lazily (it pulls in TensorFlow.js), so the core stays light.
 */

/** A table as named columns of equal length (numbers or strings). */
export type Columns = Record<string, ArrayLike<number> | ArrayLike<string> | (number | string | null)[]>;

/** Check that all columns have the same length; returns it. */
export function columnLength(cols: Columns): number {
  const names = Object.keys(cols);
  if (names.length === 0) return 0;
  const n = cols[names[0]].length;
  for (const k of names) {
    if (cols[k].length !== n) throw new Error(`table column "${k}" has ${cols[k].length} rows; expected ${n} like "${names[0]}"`);
  }
  return n;
}

/** Convert columns to a danfojs-node DataFrame (typed arrays become plain arrays). */
export function toDataFrame(cols: Columns): any {
  columnLength(cols);
  let dfd: any;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional peer dependency, loaded only when asked for
    dfd = require('danfojs-node');
  } catch (e) {
    // An optional peer dependency of the npm package (the repository installs it).
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /danfojs-node/.test(String((e as Error).message))) {
      throw new Error(
        'DataFrames need danfojs-node, an optional dependency of superionic: npm install danfojs-node@1.2.0 (see the README, "Install")',
      );
    }
    throw e;
  }
  const data: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(cols)) data[k] = Array.from(v as ArrayLike<unknown>);
  return new dfd.DataFrame(data);
}

/** Columns → CSV text (RFC 4180 quoting for strings with commas or quotes). */
export function toCSV(cols: Columns): string {
  const n = columnLength(cols);
  const names = Object.keys(cols);
  const q = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [names.map(q).join(',')];
  for (let i = 0; i < n; i++) lines.push(names.map((k) => q((cols[k] as ArrayLike<unknown>)[i])).join(','));
  return lines.join('\n') + '\n';
}
