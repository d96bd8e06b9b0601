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
  /** 1-based source line of each row (CSV), for error messages. */
  lines: number[];
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
    try { data = JSON.parse(trimmed); } catch (e) { throw new InputError(`invalid JSON: ${(e as Error).message}`, { file }); }
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
      return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'string' ? (typeof v === 'string' ? cell(v) : v) : v === null ? null : typeof v === 'boolean' ? String(v) : null]));
    });
    const columns = [...new Set(out.flatMap((r) => Object.keys(r)))];
    return { columns, rows: out, lines: out.map((_, i) => i + 1) };
  }
  const lines = text.split(/\r?\n/);
  let header: string[] | null = null, sep = ',';
  const rows: Record<string, number | string | null>[] = [], lineNos: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '' || l.trim().startsWith('#')) continue;
    if (!header) {
      sep = l.includes(',') ? ',' : l.includes(';') ? ';' : l.includes('\t') ? '\t' : ',';
      header = l.split(sep).map((h) => h.trim());
      continue;
    }
    const parts = l.split(sep);
    if (parts.length !== header.length) throw new InputError(`has ${parts.length} fields; expected ${header.length} (${header.join(', ')})`, { file, line: i + 1 });
    rows.push(Object.fromEntries(header.map((h, j) => [h, cell(parts[j])])));
    lineNos.push(i + 1);
  }
  if (!header || rows.length === 0) throw new InputError('the table has no data rows; expected a header line and one row per run', { file });
  return { columns: header, rows, lines: lineNos };
}

/** A numeric column (InputError naming the line when a cell is not a number). */
export function numericColumn(t: TransportTable, name: string, file?: string): number[] {
  if (!t.columns.includes(name)) throw new InputError(`no column "${name}"; the table has ${t.columns.join(', ')}`, { file });
  return t.rows.map((r, i) => {
    const v = r[name];
    if (typeof v !== 'number') throw new InputError(`column ${name}: expected a number, got "${v ?? ''}"`, { file, line: t.lines[i] });
    return v;
  });
}
