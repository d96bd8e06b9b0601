// Vega-Lite spec builders and table views for src/transport (owned with that area).
export { msdSpec, msdColumns } from './msdSpec.js';
export { arrheniusSpec } from './arrheniusSpec.js';
export { modeRatioSpec, modeColumns, modeDataFrame } from './modeSpec.js';
import { toDataFrame } from '../table.js';
import type { MeanSquaredDisplacement } from '../../transport/meanSquaredDisplacement.js';
import { msdColumns } from './msdSpec.js';
/** danfojs DataFrame of an MSD (t_fs, msd_A2 and components). */
export function msdDataFrame(msd: MeanSquaredDisplacement): any {
  return toDataFrame(msdColumns(msd));
}
