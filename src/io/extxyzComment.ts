/**
 * The extended-XYZ comment line: `key=value` pairs in any order, values bare, "double-quoted"
 * (with spaces and \" escapes), 'single-quoted' or {braced}; a key without `=` means true.
 * Also the `Properties=name:type:ncols:...` column list. Conventions as written by ASE/QUIP
 * (extended XYZ specification, libAtoms).
 */
import { InputError, InputErrorLocation } from '../core/errors.js';
import { parseNumberString } from './parseNumber.js';

/** Parsed key=value pairs (a bare key maps to `true`); keys as written, looked up via {@link commentValue}. */
export type CommentFields = Map<string, string | true>;

/** Split an extended-XYZ comment line into key=value pairs. */
export function parseExtxyzComment(line: string, where: InputErrorLocation = {}): CommentFields {
  const out: CommentFields = new Map();
  const n = line.length;
  let i = 0;
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === ',';
  while (i < n) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) break;
    let k0 = i;
    while (i < n && line[i] !== '=' && !isSpace(line[i])) i++;
    let key = line.slice(k0, i);
    if (key.startsWith('"') && key.endsWith('"') && key.length >= 2) key = key.slice(1, -1);
    // allow spaces around '='
    let j = i;
    while (j < n && (line[j] === ' ' || line[j] === '\t')) j++;
    if (j < n && line[j] === '=') {
      i = j + 1;
      while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
      let value = '';
      const q = line[i];
      if (q === '"' || q === "'") {
        i++;
        while (i < n && line[i] !== q) {
          if (line[i] === '\\' && i + 1 < n) {
            value += line[i + 1];
            i += 2;
            continue;
          }
          value += line[i++];
        }
        if (i >= n) throw new InputError(`unterminated quoted value for key "${key}" in the extended-XYZ comment line`, where);
        i++;
      } else if (q === '{') {
        const close = line.indexOf('}', i);
        if (close < 0) throw new InputError(`unterminated {…} value for key "${key}" in the extended-XYZ comment line`, where);
        value = line.slice(i + 1, close);
        i = close + 1;
      } else {
        k0 = i;
        while (i < n && !isSpace(line[i])) i++;
        value = line.slice(k0, i);
      }
      out.set(key, value);
    } else {
      if (key) out.set(key, true);
    }
  }
  return out;
}

/** Value of a key=value pair, case-insensitively (first match); bare keys have none. */
export function commentValue(fields: CommentFields, key: string): string | undefined {
  const v = fields.get(key);
  if (typeof v === 'string') return v;
  const lk = key.toLowerCase();
  for (const [k, val] of fields) if (typeof val === 'string' && k.toLowerCase() === lk) return val;
  return undefined;
}

/** Numbers of a whitespace-separated value (e.g. Lattice), InputError naming the key if not numeric. */
export function commentNumbers(value: string, key: string, expected: number, where: InputErrorLocation): number[] {
  const parts = value
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (parts.length !== expected) {
    throw new InputError(`${key}= has ${parts.length} values; expected ${expected} numbers`, where);
  }
  return parts.map((p) => {
    const v = parseNumberString(p.replace(/^\[|\]$/g, ''));
    if (!Number.isFinite(v)) throw new InputError(`${key}= contains "${p}"; expected a number`, where);
    return v;
  });
}

/** One column group of `Properties=`. */
export interface PropertyColumn {
  name: string;
  /** S string, R real, I integer, L logical. */
  type: 'S' | 'R' | 'I' | 'L';
  ncols: number;
}

/** Parse `species:S:1:pos:R:3:...`. */
export function parsePropertiesSpec(spec: string, where: InputErrorLocation): PropertyColumn[] {
  const parts = spec.split(':');
  if (parts.length % 3 !== 0 || parts.length === 0) {
    throw new InputError(`Properties="${spec}" must be name:type:ncols triples`, where);
  }
  const cols: PropertyColumn[] = [];
  for (let i = 0; i < parts.length; i += 3) {
    const name = parts[i],
      type = parts[i + 1].toUpperCase(),
      nc = Number(parts[i + 2]);
    if (!['S', 'R', 'I', 'L'].includes(type)) {
      throw new InputError(`Properties column "${name}" has type "${parts[i + 1]}"; expected S, R, I or L`, where);
    }
    if (!Number.isInteger(nc) || nc < 1) {
      throw new InputError(`Properties column "${name}" has ${parts[i + 2]} columns; expected a positive integer`, where);
    }
    cols.push({ name, type: type as PropertyColumn['type'], ncols: nc });
  }
  return cols;
}
