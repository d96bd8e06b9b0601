/**
 * Small tables of per-run transport results (T_K, D_cm2_s or sigma_mS_cm, mode, ...) as users keep
 * them: CSV with a header line, or JSON (an array of row objects, or an object of equal-length
 * columns). Pure parsing of text; reading the file is the caller's job. Errors name the file, the
 * line and what was expected.
 */
import { InputError } from '../core/errors.js';

/** Rows of named cells (numbers where the text is numeric, else strings; empty cells are null). */
export interface TransportTable {
  columns: string[];
  rows: Record<string, number | string | null>[];
  /** 1-based source line of each row (CSV, header and comments counted); for JSON the 1-based row number. */
  lines: number[];
  /** Which syntax the text was in (JSON rows have no line numbers; errors name "JSON row N"). */
  format?: 'csv' | 'json';
}

/** Where row `i` is, for an InputError: the file line (CSV), or a "JSON row N: " prefix for the message. */
export function rowLocation(t: TransportTable, i: number, file?: string): { where: { file?: string; line?: number }; prefix: string } {
  return t.format === 'json' ? { where: { file }, prefix: `JSON row ${t.lines[i]}: ` } : { where: { file, line: t.lines[i] }, prefix: '' };
}

function cell(v: string): number | string | null {
  const t = v.trim();
  if (t === '') return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : t;
}

/** Parse CSV (comma, semicolon or tab separated; '#' comment lines) or JSON text. */
export function parseTransportTable(text: string, file?: string): TransportTable {
  const trimmed = text.trim();
  if (trimmed === '') throw new InputError('the table is empty; expected a header line (e.g. T_K,D_cm2_s) and rows', { file });
  if (trimmed[0] === '[' || trimmed[0] === '{') {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw new InputError(`invalid JSON: ${(e as Error).message}`, { file });
    }
    let rows: Record<string, unknown>[];
    if (Array.isArray(data)) rows = data as Record<string, unknown>[];
    else {
      const obj = data as Record<string, unknown>;
      const cols = Object.entries(obj).filter(([, v]) => Array.isArray(v)) as [string, unknown[]][];
      if (cols.length === 0) throw new InputError('JSON table must be an array of row objects or an object of column arrays', { file });
      const n = cols[0][1].length;
      for (const [k, v] of cols) if (v.length !== n) throw new InputError(`JSON column "${k}" has ${v.length} values; expected ${n}`, { file });
      rows = Array.from({ length: n }, (_, i) => Object.fromEntries(cols.map(([k, v]) => [k, v[i]])));
    }
    const out = rows.map((r, i) => {
      if (typeof r !== 'object' || r === null) throw new InputError(`JSON row ${i + 1} is not an object`, { file });
      return Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'number' || typeof v === 'string'
            ? typeof v === 'string'
              ? cell(v)
              : v
            : v === null
              ? null
              : typeof v === 'boolean'
                ? String(v)
                : null,
        ]),
      );
    });
    const columns = [...new Set(out.flatMap((r) => Object.keys(r)))];
    return { columns, rows: out, lines: out.map((_, i) => i + 1), format: 'json' };
  }
  const lines = text.split(/\r?\n/);
  let header: string[] | null = null,
    sep = ',';
  const rows: Record<string, number | string | null>[] = [],
    lineNos: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '' || l.trim().startsWith('#')) continue;
    if (!header) {
      sep = l.includes(',') ? ',' : l.includes(';') ? ';' : l.includes('\t') ? '\t' : ',';
      header = l.split(sep).map((h) => h.trim());
      continue;
    }
    const parts = l.split(sep);
    if (parts.length !== header.length)
      throw new InputError(`has ${parts.length} fields; expected ${header.length} (${header.join(', ')})`, { file, line: i + 1 });
    rows.push(Object.fromEntries(header.map((h, j) => [h, cell(parts[j])])));
    lineNos.push(i + 1);
  }
  if (!header || rows.length === 0) throw new InputError('the table has no data rows; expected a header line and one row per run', { file });
  return { columns: header, rows, lines: lineNos, format: 'csv' };
}

/** A numeric column (InputError naming the line when a cell is not a number). */
export function numericColumn(t: TransportTable, name: string, file?: string): number[] {
  if (!t.columns.includes(name)) throw new InputError(`no column "${name}"; the table has ${t.columns.join(', ')}`, { file });
  return t.rows.map((r, i) => {
    const v = r[name];
    if (typeof v !== 'number') {
      const { where, prefix } = rowLocation(t, i, file);
      throw new InputError(`${prefix}column ${name}: expected a number, got "${v ?? ''}"`, where);
    }
    return v;
  });
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'f']);

/**
 * A boolean cell of column `name` in row `i`, case-insensitive: true/false, yes/no, y/n, 1/0, t/f
 * (pandas writes True/False; JSON booleans arrive as "true"/"false"). An empty cell or a missing
 * column gives undefined; anything else is an InputError naming the line and the value.
 */
export function booleanCell(t: TransportTable, i: number, name: string, file?: string): boolean | undefined {
  const v = t.rows[i][name];
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  const { where, prefix } = rowLocation(t, i, file);
  throw new InputError(`${prefix}column ${name}: expected true/false (also yes/no, y/n, 1/0, t/f; any case), got "${v}"`, where);
}
