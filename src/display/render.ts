/**
 * Server-side rendering of Vega-Lite specs to static SVG.
 *
 * Every plot we send to a notebook carries a static SVG next to the Vega-Lite spec, so the
 * notebook reads on GitHub, in nbconvert output and in a JupyterLab without our extension.
 * The pipeline is the reference one: `vega-lite` compiles the spec to a Vega spec, `vega`
 * parses it into a headless View (`renderer: 'none'`, no canvas needed in Node) and
 * serialises the scenegraph with `toSVG()`.
 *
 * vega and vega-lite 6 are ESM-only (with top-level await), so they are loaded with a real
 * dynamic `import()`: this file is compiled with `module: node16`, which keeps `import()` as is
 * in the CommonJS output. Code compiled by tslab cannot do this (it turns `import()` into
 * `require`), which is why the notebook kernel calls this function from the library.
 */
import type { VegaLiteSpec } from './spec.js';

/** Options for {@link vegaLiteToSVG}. */
export interface RenderOptions {
  /** Scale factor of the SVG's width/height attributes (the viewBox keeps the drawing). Default 1. */
  scale?: number;
}

/**
 * Render a Vega-Lite spec to an SVG document (a string starting with `<svg`).
 *
 * Throws an Error naming the problem if the spec does not compile (vega-lite's own message) or
 * the View cannot render it; the caller decides whether a plot without fallback is acceptable.
 */
export async function vegaLiteToSVG(spec: VegaLiteSpec | Record<string, unknown>, opts: RenderOptions = {}): Promise<string> {
  const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  let vg: unknown;
  try {
    vg = vl.compile(spec as never).spec;
  } catch (e) {
    throw new Error(`Vega-Lite spec${specTitle(spec)} does not compile: ${(e as Error).message}`);
  }
  const view = new vega.View(vega.parse(vg as never), { renderer: 'none', logLevel: vega.Warn });
  try {
    await view.runAsync();
    return shortenPathNumbers(await view.toSVG(opts.scale ?? 1));
  } finally {
    view.finalize();
  }
}

/**
 * Path geometry to 0.01 px (vega writes 17 significant digits): a heat map of a few thousand rectangles
 * shrinks to less than half without a visible change. Only the `d` attributes of paths are touched.
 */
export function shortenPathNumbers(svg: string): string {
  return svg.replace(/ d="([^"]*)"/g, (_, d: string) => ` d="${d.replace(/(\d\.\d{2})\d+/g, '$1')}"`);
}

function specTitle(spec: Record<string, unknown>): string {
  const t = spec.title;
  if (typeof t === 'string') return ` "${t}"`;
  if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string') return ` "${(t as { text: string }).text}"`;
  return '';
}
