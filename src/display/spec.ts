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
