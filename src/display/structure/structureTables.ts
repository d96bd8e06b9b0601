/**
 * Table views (column records, and danfojs DataFrames at the edge) of the structural results.
 */
import type { AngleResult } from '../../structure/cationAnionCationAngles.js';
import type { CoordinationResult } from '../../structure/coordination.js';
import type { PaulingRatioResult } from '../../structure/paulingRatio.js';
import type { RdfResult } from '../../structure/rdf.js';
import { toDataFrame, type Columns } from '../table.js';

/** g(r) table: r_A, g, g_stderr, n (at the outer bin edge n_r_A), counts, F(r) when present. */
export function rdfColumns(res: RdfResult): Columns {
  const cols: Columns = { r_A: res.r_A, g: res.g, g_stderr: res.g_stderr, n_r_A: res.n_r_A, n: res.n, counts: res.counts };
  if (res.free_energy_eV) cols.free_energy_eV = res.free_energy_eV;
  return cols;
}

/** Coordination-number distribution table. */
export function coordinationColumns(res: CoordinationResult): Columns {
  return { cn: res.histogram.cn, samples: res.histogram.counts, probability: res.histogram.probability };
}

/** Angle distributions: theta_deg and one density column per shell ("P_0-5.5A"). */
export function angleColumns(res: AngleResult): Columns {
  const cols: Columns = { theta_deg: res.theta_deg };
  for (const s of res.shells) {
    cols[`P_${s.r_in_A}-${s.r_out_A}A`] = s.density_per_deg;
    if (s.vertex_density_per_deg) cols[`Pvertex_${s.r_in_A}-${s.r_out_A}A`] = s.vertex_density_per_deg;
  }
  return cols;
}

/** One row per Pauling-ratio case. */
export function paulingColumns(rows: PaulingRatioResult[]): Columns {
  return {
    lattice: rows.map((r) => r.lattice),
    a_A: rows.map((r) => r.a_A),
    anionRadius_A: rows.map((r) => r.anionRadius_A),
    cationRadius_A: rows.map((r) => r.cationRadius_A),
    ratio: rows.map((r) => r.ratio),
    predictedSite: rows.map((r) => r.predictedSite),
    coordination: rows.map((r) => r.coordination),
  };
}

/** danfojs DataFrame of an RDF (loads danfojs lazily). */
export function rdfDataFrame(res: RdfResult): unknown {
  return toDataFrame(rdfColumns(res));
}

/** danfojs DataFrame of a coordination-number distribution. */
export function coordinationDataFrame(res: CoordinationResult): unknown {
  return toDataFrame(coordinationColumns(res));
}

/** danfojs DataFrame of angle distributions per shell. */
export function angleDataFrame(res: AngleResult): unknown {
  return toDataFrame(angleColumns(res));
}
