/**
 * Energy of the mobile sublattice (Wang 2023 SI Figs S5 and S7): per relaxed snapshot, the total
 * E_sub = Σ_i E_i of the mobile ions' per-atom energies and its mean per ion; the DOAS of the totals
 * (histogram over snapshots, referenced to the lowest total over every T) and the mean per-ion energy vs
 * T, whose slope changes at T_c (a change-point fit with the search-corrected F test, core/changePoint.ts).
 * The error of each mean is the standard error over snapshots (snapshots assumed independent: space them
 * by more than the energy's correlation time).
 */
import { InputError } from '../core/errors.js';
import { twoSegmentLinearFit, type ChangePointFit, type ChangePointOptions } from '../core/changePoint.js';
import { densityOfAtomisticStates, type DoasResult } from './densityOfAtomisticStates.js';

export interface SublatticeEnergyInput {
  temperature_K: number;
  /** Per-atom energies of the mobile ions, eV, snapshot-major (snapshot × ion). */
  mobile_eV: ArrayLike<number>;
  nIons: number;
}

export interface SublatticeEnergyPoint {
  temperature_K: number;
  nSnapshots: number;
  /** Total mobile-sublattice energy per snapshot, eV (absolute). */
  totals_eV: Float64Array;
  /** Mean per-ion energy over snapshots, eV (absolute), and its standard error. */
  meanPerIon_eV: number;
  meanPerIon_stderr_eV: number | null;
}

export interface SublatticeEnergyResult {
  points: SublatticeEnergyPoint[];
  /** DOAS of the per-snapshot totals (S5), referenced to the lowest total over all T. */
  totalsDoas: DoasResult;
  /** Change-point fit of the mean per-ion energy vs T (S7), or null with fewer than 6 temperatures. */
  changePoint: ChangePointFit | null;
  changePoint_reason?: string;
}

/** Sublattice totals, their DOAS and the mean energy vs T with a change-point test (see the header). */
export function sublatticeEnergy(
  input: SublatticeEnergyInput[],
  opts: { totalsBinWidth_eV?: number } & ChangePointOptions = {},
): SublatticeEnergyResult {
  if (input.length === 0) throw new InputError('sublattice energy needs at least one temperature');
  const points = [...input]
    .sort((a, b) => a.temperature_K - b.temperature_K)
    .map((s): SublatticeEnergyPoint => {
      if (!(Number.isInteger(s.nIons) && s.nIons >= 1))
        throw new InputError(`sublattice energy at ${s.temperature_K} K: nIons must be a positive integer, got ${s.nIons}`);
      if (s.mobile_eV.length === 0 || s.mobile_eV.length % s.nIons !== 0)
        throw new InputError(`sublattice energy at ${s.temperature_K} K: ${s.mobile_eV.length} energies are not whole snapshots of ${s.nIons} ions`);
      const F = s.mobile_eV.length / s.nIons;
      const totals = new Float64Array(F);
      for (let f = 0; f < F; f++) {
        let t = 0;
        for (let k = 0; k < s.nIons; k++) {
          const x = s.mobile_eV[f * s.nIons + k];
          if (!Number.isFinite(x))
            throw new InputError(`sublattice energy at ${s.temperature_K} K: energy of ion ${k} in snapshot ${f} is not finite (${x})`);
          t += x;
        }
        totals[f] = t;
      }
      const per = Array.from(totals, (t) => t / s.nIons);
      const m = per.reduce((a, b) => a + b, 0) / F;
      const se = F > 1 ? Math.sqrt(per.reduce((a, b) => a + (b - m) ** 2, 0) / (F - 1) / F) : null;
      return { temperature_K: s.temperature_K, nSnapshots: F, totals_eV: totals, meanPerIon_eV: m, meanPerIon_stderr_eV: se };
    });
  const totalsDoas = densityOfAtomisticStates(
    points.map((p) => ({ temperature_K: p.temperature_K, energies_eV: p.totals_eV })),
    { binWidth_eV: opts.totalsBinWidth_eV ?? 0.1 },
  );
  let changePoint: ChangePointFit | null = null,
    reason: string | undefined;
  if (points.length >= 6)
    changePoint = twoSegmentLinearFit(
      points.map((p) => p.temperature_K),
      points.map((p) => p.meanPerIon_eV),
      { what: 'mean sublattice energy vs T', ...opts },
    );
  else reason = `a change-point test needs ≥ 6 temperatures (3 per segment); got ${points.length}`;
  return { points, totalsDoas, changePoint, ...(reason ? { changePoint_reason: reason } : {}) };
}
