/**
 * Vega-Lite 6 renderers (vega-embed 7 + vega 6 + vega-lite 6, loaded on first use):
 *  - `application/vnd.vegalite.v6+json`: a plain Vega-Lite 6 spec (stock JupyterLab 4.6 renders only v5);
 *  - `application/vnd.superionic.plot+json`: `{version: 1, spec, title?}` DOAS / entropy plots, made
 *    interactive by {@link withInteractiveParams} (temperature and class selects, hover tooltips).
 * Both offer vega-embed's export actions (PNG / SVG).
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { withInteractiveParams } from './interactiveParams';
import { refuseExternalLoad } from '../serverPath';
import { MIME_SUPERIONIC_PLOT, MIME_VEGALITE_V6, parsePlotBundle } from '../../../src/display/notebookContract';

export const VEGALITE6_MIME = MIME_VEGALITE_V6;
export const PLOT_MIME = MIME_SUPERIONIC_PLOT;

type Json = Record<string, unknown>;
type Finalizable = { finalize: () => void };

export class VegaWidget extends Widget implements IRenderMime.IRenderer {
  private readonly mimeType: string;
  private result: Finalizable | null = null;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass('si-vega');
    this.node.dataset.mimeType = options.mimeType; // like JupyterLab's own renderers
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.result?.finalize();
    this.result = null;
    this.node.textContent = '';
    const data = model.data[this.mimeType] as Json;
    let spec: Json;
    let title: string | undefined;
    try {
      if (this.mimeType === PLOT_MIME) {
        const plot = parsePlotBundle(data);
        spec = withInteractiveParams(plot.spec).spec;
        title = plot.title !== undefined && !plot.spec.title ? plot.title : undefined;
      } else {
        spec = data;
      }
      if (title) {
        const h = document.createElement('div');
        h.className = 'si-plot-title';
        h.textContent = title;
        this.node.appendChild(h);
      }
      const host = document.createElement('div');
      host.className = 'si-vega-host';
      this.node.appendChild(host);
      const [{ default: embed }, { loader }] = await Promise.all([import('vega-embed'), import('vega')]);
      // Inline data only: any URL in the spec (data, image marks, links) is refused before a fetch.
      const noUrls = loader();
      noUrls.sanitize = refuseExternalLoad;
      const result = await embed(host, spec as never, {
        loader: noUrls,
        mode: 'vega-lite',
        actions: { export: true, source: false, compiled: false, editor: false },
        renderer: 'svg',
        downloadFileName: (title ?? 'superionic-plot').replace(/[^\w.-]+/g, '_'),
      });
      if (this.isDisposed) result.finalize();
      else this.result = result;
    } catch (e) {
      const div = document.createElement('div');
      div.className = 'si-error';
      div.textContent = `Vega-Lite: ${(e as Error).message}`;
      this.node.appendChild(div);
    }
  }

  override dispose(): void {
    this.result?.finalize();
    this.result = null;
    super.dispose();
  }
}
