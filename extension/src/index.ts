/**
 * superionic-jupyterlab: MIME renderers for the superionic kernel's outputs.
 *  - `application/vnd.superionic.trajectory+json`: 3D trajectory browser (three.js)
 *  - `application/vnd.superionic.plot+json`: interactive DOAS / entropy plots (vega-embed)
 *  - `application/vnd.vegalite.v6+json`: plain Vega-Lite 6 specs
 * Ranks are below the stock renderers (HTML 50, Vega-Lite v5 57, images 90, text 120) so that a
 * bundle carrying our type plus an SVG/PNG/text fallback is drawn by us wherever we are installed.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TRAJECTORY_MIME } from './trajectory/bundle';
import { TrajectoryWidget } from './trajectory/trajectoryWidget';
import { PLOT_MIME, VEGALITE6_MIME, VegaWidget } from './plot/vegaWidget';

const trajectory: IRenderMime.IExtension = {
  id: 'superionic-jupyterlab:trajectory',
  rendererFactory: { safe: true, mimeTypes: [TRAJECTORY_MIME], defaultRank: 40, createRenderer: (o) => new TrajectoryWidget(o) },
  dataType: 'json',
};

const plot: IRenderMime.IExtension = {
  id: 'superionic-jupyterlab:plot',
  rendererFactory: { safe: true, mimeTypes: [PLOT_MIME], defaultRank: 41, createRenderer: (o) => new VegaWidget(o) },
  dataType: 'json',
};

const vegalite6: IRenderMime.IExtension = {
  id: 'superionic-jupyterlab:vegalite6',
  rendererFactory: { safe: true, mimeTypes: [VEGALITE6_MIME], defaultRank: 42, createRenderer: (o) => new VegaWidget(o) },
  dataType: 'json',
};

const extensions: IRenderMime.IExtension[] = [trajectory, plot, vegalite6];
export default extensions;
