/**
 * A density grid (src/density) made ready for the 3D trajectory browser's isosurface (the time-averaged
 * cation density isosurfaces of Kweon 2017 Fig. 2, Wood 2021 Fig. 4a, Li 2025 Fig. 6b–i).
 *
 * The default level is the one whose isosurface encloses a chosen fraction p of the atoms (default ½):
 * with the voxels sorted by density, ρ_(1) ≥ ρ_(2) ≥ …, the level is ρ_(m) for the smallest m with
 *   Σ_{k ≤ m} ρ_(k) V_vox ≥ p · Σ_k ρ_(k) V_vox,
 * so the region {ρ ≥ level} holds (at least) a fraction p of the time-averaged atoms: a level with a meaning
 * that does not depend on the grid, the run length or the smearing. The browser's level slider moves it.
 * Values are rounded to `digits` significant digits (default 4) to keep the notebook bundle small.
 */
import { InputError } from '../../core/errors.js';
import type { ProbabilityDensityResult, VolumetricGrid } from '../../density/probabilityDensity.js';
import type { TrajectoryDensity } from '../show.js';

export interface TrajectoryDensityOptions {
  /** Field of a density result to draw (default number density, atoms per Å³). */
  field?: 'density_per_A3' | 'probability_per_A3' | 'counts';
  /** Isosurface level in the units of the field; overrides `enclosed`. */
  isoLevel?: number;
  /** Fraction of the atoms the default isosurface encloses, 0 < p < 1 (default 0.5). */
  enclosed?: number;
  /** Significant digits kept per value (default 4; 0 keeps full precision). */
  digits?: number;
  /**
   * Cross-section shown beside the 3D view when it opens: the grid plane normal to lattice axis `axis` nearest the
   * fractional coordinate `fraction` (default ½); the browser's section controls move it.
   */
  section?: { axis: 'a' | 'b' | 'c'; fraction?: number };
}

/** True for a ProbabilityDensityResult (as opposed to a bare VolumetricGrid or a TrajectoryDensity). */
export function isDensityResult(x: unknown): x is ProbabilityDensityResult {
  return !!x && typeof x === 'object' && 'density_per_A3' in x && 'counts' in x && 'shape' in x && 'cell' in x;
}

/** The level whose isosurface encloses a fraction `enclosed` of the field's integral (values ≥ 0). */
export function enclosingIsoLevel(values: ArrayLike<number>, enclosed = 0.5): number {
  if (!(enclosed > 0 && enclosed < 1)) throw new InputError(`isosurface: the enclosed fraction must be between 0 and 1, got ${enclosed}`);
  const v = Float64Array.from(values);
  let total = 0;
  for (const x of v) {
    if (!(x >= 0) || !Number.isFinite(x)) throw new InputError('isosurface: the enclosed-fraction level needs finite values ≥ 0 (a density)');
    total += x;
  }
  if (!(total > 0)) throw new InputError('isosurface: the density is empty (all values 0)');
  v.sort();
  let sum = 0;
  for (let k = v.length - 1; k >= 0; k--) {
    sum += v[k];
    if (sum >= enclosed * total) return v[k];
  }
  return v[0];
}

/** The density (result or grid) as the `density` option of `show.trajectory` / `trajectoryBundle`. */
export function trajectoryDensity(d: ProbabilityDensityResult | VolumetricGrid, opts: TrajectoryDensityOptions = {}): TrajectoryDensity {
  const values = isDensityResult(d) ? d[opts.field ?? 'density_per_A3'] : (d as VolumetricGrid).values;
  const [na, nb, nc] = d.shape;
  if (values.length !== na * nb * nc)
    throw new InputError(`isosurface: grid has ${values.length} values, expected ${na * nb * nc} (${d.shape.join('×')})`);
  const isoLevel = opts.isoLevel ?? enclosingIsoLevel(values, opts.enclosed ?? 0.5);
  if (!Number.isFinite(isoLevel)) throw new InputError(`isosurface: level must be a finite number, got ${opts.isoLevel}`);
  const digits = opts.digits ?? 4;
  if (!(Number.isInteger(digits) && digits >= 0 && digits <= 17))
    throw new InputError(`isosurface: digits must be a whole number 0–17, got ${opts.digits}`);
  const out = digits === 0 ? Float64Array.from(values) : Float64Array.from(values, (x) => (x === 0 ? 0 : Number(x.toPrecision(digits))));
  let section: TrajectoryDensity['section'];
  if (opts.section) {
    const ax = ['a', 'b', 'c'].indexOf(opts.section.axis),
      f = opts.section.fraction ?? 0.5;
    if (ax < 0) throw new InputError(`density section: axis must be a, b or c, got "${opts.section.axis}"`);
    if (!Number.isFinite(f)) throw new InputError(`density section: fraction must be a finite number, got ${opts.section.fraction}`);
    const n = d.shape[ax];
    section = { axis: opts.section.axis, index: ((Math.round((f - Math.floor(f)) * n) % n) + n) % n };
  }
  const species = isDensityResult(d) ? ([] as string[]).concat(d.species ?? []).join(', ') || 'atoms' : '';
  const field = opts.field ?? 'density_per_A3';
  const label = isDensityResult(d)
    ? field === 'density_per_A3'
      ? `${species} per Å³`
      : field === 'probability_per_A3'
        ? 'probability per Å³'
        : 'counts'
    : undefined;
  return { shape: [na, nb, nc], cell: Array.from(d.cell), values: out, isoLevel, ...(label ? { label } : {}), ...(section ? { section } : {}) };
}
