/**
 * Make a DOAS / entropy Vega-Lite spec interactive without the kernel having to know about
 * widgets: when the inline data carry a `temperature_K` or a `class` field with two or more
 * distinct values, add a top-level parameter bound to a select input ("all" plus each value)
 * and a filter on every unit view; add data tooltips where the spec set none.
 * Pure: returns a new spec, the input is not modified.
 */

export interface InteractiveParam {
  field: string;
  param: string;
  values: (string | number)[];
}

type Json = Record<string, unknown>;

const FIELDS: { field: string; param: string; label: string }[] = [
  { field: 'temperature_K', param: 'si_temperature_K', label: 'Temperature (K) ' },
  { field: 'class', param: 'si_class', label: 'Class ' },
];

const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every inline data row in the spec (top-level, nested views, and `datasets`). */
function inlineRows(spec: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(spec)) {
    for (const s of spec) inlineRows(s, out);
  } else if (isObj(spec)) {
    for (const [k, v] of Object.entries(spec)) {
      if (k === 'data') {
        if (isObj(v) && Array.isArray(v.values)) out.push(...(v.values as unknown[]).filter(isObj));
      } else if (k === 'datasets') {
        if (isObj(v)) for (const rows of Object.values(v)) if (Array.isArray(rows)) out.push(...rows.filter(isObj));
      } else {
        inlineRows(v, out);
      }
    }
  }
  return out;
}

/** Which select parameters the spec's data call for. */
export function interactiveParamsFor(spec: unknown): InteractiveParam[] {
  const rows = inlineRows(spec);
  const found: InteractiveParam[] = [];
  for (const { field, param } of FIELDS) {
    const seen = new Set<string | number>();
    for (const r of rows) {
      const v = r[field];
      if (typeof v === 'number' || typeof v === 'string') seen.add(v);
    }
    if (seen.size >= 2) {
      const values = [...seen].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
      found.push({ field, param, values });
    }
  }
  return found;
}

const hasParam = (spec: Json, name: string): boolean => Array.isArray(spec.params) && spec.params.some((p) => isObj(p) && p.name === name);

function hasTooltip(spec: unknown): boolean {
  if (Array.isArray(spec)) return spec.some(hasTooltip);
  if (!isObj(spec)) return false;
  if ('tooltip' in spec) return true;
  if (isObj(spec.mark) && 'tooltip' in spec.mark) return true;
  return Object.entries(spec).some(([k, v]) => k !== 'data' && k !== 'datasets' && hasTooltip(v));
}

/**
 * Prepend `filters` to the transform of every unit view (objects with a `mark`) and of every facet
 * view (objects with `facet` and `spec`): filtering before faceting drops the rows (panels) of the
 * values not selected, so a DOAS filtered to one temperature shrinks to one panel instead of
 * keeping the height of all of them.
 */
function filterUnits(spec: unknown, filters: Json[]): unknown {
  if (Array.isArray(spec)) return spec.map((s) => filterUnits(s, filters));
  if (!isObj(spec)) return spec;
  const out: Json = {};
  for (const [k, v] of Object.entries(spec)) out[k] = k === 'data' || k === 'datasets' ? v : filterUnits(v, filters);
  if ('mark' in spec || ('facet' in spec && 'spec' in spec)) out.transform = [...filters, ...((spec.transform as Json[] | undefined) ?? [])];
  return out;
}

/** The spec with select inputs for temperature / class (when the data have them) and data tooltips. */
export function withInteractiveParams(spec: Json): { spec: Json; params: InteractiveParam[] } {
  const params = interactiveParamsFor(spec).filter((p) => !hasParam(spec, p.param));
  let out: Json = spec;
  if (params.length > 0) {
    const filters = params.map((p) => ({
      filter: `${p.param} === null || !isValid(datum[${JSON.stringify(p.field)}]) || datum[${JSON.stringify(p.field)}] == ${p.param}`,
    }));
    out = filterUnits(spec, filters) as Json;
    // Re-lay out on every update (vega sizes the view once by default), so the plot shrinks when
    // the filters drop panels and grows back when they are cleared.
    const auto = spec.autosize;
    out.autosize = isObj(auto) ? { ...auto, resize: true } : { type: typeof auto === 'string' ? auto : 'pad', resize: true };
    out.params = [
      ...((spec.params as unknown[] | undefined) ?? []),
      ...params.map((p) => ({
        name: p.param,
        value: null,
        bind: {
          input: 'select',
          options: [null, ...p.values],
          labels: ['all', ...p.values.map(String)],
          name: FIELDS.find((f) => f.field === p.field)!.label,
        },
      })),
    ];
  }
  if (!hasTooltip(spec)) {
    const config = isObj(out.config) ? out.config : {};
    const mark = isObj(config.mark) ? config.mark : {};
    out = { ...out, config: { ...config, mark: { ...mark, tooltip: { content: 'data' } } } };
  }
  return { spec: out, params };
}
