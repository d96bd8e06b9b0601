/**
 * The common shell of every Vega-Lite spec we emit. Specs are plain JSON (testable, and sent to
 * the notebook as `application/vnd.vegalite.v6+json` with an SVG fallback rendered by vega).
 */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A Vega-Lite specification as plain JSON. */
export type VegaLiteSpec = Record<string, unknown> & { $schema: string };

/**
 * Start a spec with our schema, a title and default size; merge `rest` on top. Legend labels are
 * allowed 360 px (Vega-Lite truncates at 160 px by default, which cuts labels such as
 * "two segments: E_a 0.31 / 0.12 eV, T_c 612 K").
 */
export function vegaLiteSpec(title: string, rest: Record<string, unknown>, width = 420, height = 260): VegaLiteSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width,
    height,
    config: { font: 'Helvetica, Arial, sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelLimit: 360 } },
    ...rest,
  };
}

/** Rows for a spec's `data.values` from named columns (typed arrays welcome). */
export function rowsFromColumns(cols: Record<string, ArrayLike<number> | ArrayLike<string>>): Record<string, number | string>[] {
  const names = Object.keys(cols);
  const n = names.length ? cols[names[0]].length : 0;
  const rows: Record<string, number | string>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r: Record<string, number | string> = {};
    for (const k of names) {
      const v = cols[k][i];
      r[k] = typeof v === 'number' && !Number.isFinite(v) ? (null as unknown as number) : v;
    }
    rows[i] = r;
  }
  return rows;
}

/** The leading number of a category label ("50 %" → 50, "600 K" → 600), or NaN. */
function leadingNumber(s: unknown): number {
  const m = typeof s === 'string' ? /^\s*([-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)/i.exec(s) : null;
  return typeof s === 'number' ? s : m ? Number(m[1]) : NaN;
}

/**
 * Categories in their numeric order: for every nominal/ordinal channel without a `sort` whose
 * values (in the spec's inline `data.values`, at any level) all start with a number ("0 %",
 * "50 %", "100 %"; "300 K"), set `sort` to those values in numeric order — Vega-Lite sorts them
 * as text otherwise ("0 %, 100 %, 50 %"). Returns a new spec; the input is not changed.
 */
export function withNumericCategoryOrder<T extends Record<string, unknown>>(spec: T): T {
  const copy = JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
  const valuesOf = (node: Record<string, unknown>, inherited: Record<string, unknown>[] | null) => {
    const d = node.data as { values?: unknown } | undefined;
    return d && Array.isArray(d.values) ? (d.values as Record<string, unknown>[]) : inherited;
  };
  const visit = (node: unknown, rows: Record<string, unknown>[] | null): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((n) => visit(n, rows));
      return;
    }
    const o = node as Record<string, unknown>;
    const here = valuesOf(o, rows);
    for (const key of ['encoding', 'facet']) {
      const enc = o[key] as Record<string, unknown> | undefined;
      if (!enc || typeof enc !== 'object' || !here) continue;
      for (const ch of Object.values(enc)) {
        if (!ch || typeof ch !== 'object' || Array.isArray(ch)) continue;
        const c = ch as Record<string, unknown>;
        if ((c.type !== 'nominal' && c.type !== 'ordinal') || typeof c.field !== 'string' || c.sort !== undefined) continue;
        const vals = [...new Set(here.map((r) => r?.[c.field as string]).filter((v) => v !== undefined && v !== null))];
        if (vals.length < 2 || !vals.every((v) => typeof v === 'string' && Number.isFinite(leadingNumber(v)))) continue;
        c.sort = vals.sort((a, b) => leadingNumber(a) - leadingNumber(b));
      }
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'encoding') visit(v, here);
  };
  visit(copy, null);
  return copy as T;
}
