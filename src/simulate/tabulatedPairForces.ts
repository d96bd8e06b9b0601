/**
 * Pair forces from one table per type pair (opt-in, `ForceComputerOptions.pairTable`): the short-range
 * form and the DSF Coulomb term (pairForces.ts, Fennell & Gezelter 2006) folded into one table of
 * E_SR(r), E_C(r) and F(r)/r on points equally spaced in r² from r_in to r_c = max(r_c,SR, r_c,C),
 * interpolated linearly in r² (as LAMMPS `pair_style table linear N` with RSQ tables). One pass over the
 * Verlet list with no sqrt, exp or erfc per pair. Interpolation error ∝ (Δr²)²: with 20,000 points on
 * 0.5–12 Å, α-AgI rattled by ±0.3 Å: energy 2e-7 relative, forces 4e-5 relative RMS, a 40-step NVE run within
 * 1e-5 Å of the analytic one (test/simulate/tabulatedPairForces.test.ts). Measured gain on 1,372-atom α-AgI:
 * ≈ 10–20 % atom-steps per CPU second (the tables, 480 kB per type pair, miss the cache). For systems
 * without molecules (exclusions would differ per term) and real-space Coulomb by DSF or none.
 */
import { InputError } from '../core/errors.js';
import { COULOMB_EV_A } from '../core/units.js';
import { erfcTimesExpFast } from './erfc.js';
import { CompiledForceField, PAIR_STRIDE } from './forceField.js';
import { COULOMB_DSF, COULOMB_NONE, PairWorkspace, RealSpaceCoulomb } from './pairForces.js';
import type { VerletList } from './verletList.js';

export interface PairTable {
  /** r_in², 1/Δ(r²), points, cutoff² (Å², Å⁻², –, Å²). */
  rin2: number; inv: number; points: number; rc2: number;
  nTypes: number;
  /**
   * F(r)/r (eV/Å²) as value and slope per point, 2 numbers per point: the block of type pair (a, b) starts at
   * (a·nTypes + b)·2·points; F/r at u = (r² − r_in²)/Δ is force[o + 2k] + (u − k)·force[o + 2k + 1], k = ⌊u⌋.
   */
  force: Float64Array;
  /** E_SR and E_C (eV), value and slope each, 4 numbers per point (block of (a, b) at (a·nTypes + b)·4·points). */
  energy: Float64Array;
}

/** Build the table for the compiled force field (charges per type from the first atom of each type). */
export function buildPairTable(ff: CompiledForceField, coul: RealSpaceCoulomb, points = 20000, rin = 0.5): PairTable {
  if (coul.mode !== COULOMB_DSF && coul.mode !== COULOMB_NONE) throw new InputError('a pair table folds DSF Coulomb (or none) only; Ewald runs use the analytic pair loop');
  if (!(Number.isInteger(points) && points >= 2)) throw new InputError(`pair table points must be an integer ≥ 2, got ${points}`);
  const nT = ff.nTypes, rcSR = ff.cutoffSR, rcC = coul.mode === COULOMB_NONE ? 0 : coul.cutoff;
  const rc = Math.max(rcSR, rcC), rin2 = rin * rin, rc2 = rc * rc, d = (rc2 - rin2) / (points - 1);
  const qOf = new Float64Array(nT);
  for (let i = ff.type.length - 1; i >= 0; i--) qOf[ff.type[i]] = ff.charge[i];
  const a = coul.alpha, par = ff.pair;
  const force = new Float64Array(nT * nT * 2 * points), energy = new Float64Array(nT * nT * 4 * points);
  for (let ti = 0; ti < nT; ti++) for (let tj = 0; tj < nT; tj++) {
    const o = (ti * nT + tj) * PAIR_STRIDE, qq = COULOMB_EV_A * qOf[ti] * qOf[tj];
    const fo = (ti * nT + tj) * 2 * points, eo = (ti * nT + tj) * 4 * points;
    for (let k = 0; k < points; k++) {
      const r2 = rin2 + k * d, r = Math.sqrt(r2);
      let es = 0, ec = 0, f = 0;
      if (par[o + 7] !== 0 && r < rcSR) {
        const H = par[o], eta = par[o + 1], A = par[o + 2], irho = par[o + 3], P = par[o + 4], W = par[o + 5];
        const ex = A !== 0 ? A * Math.exp(-r * irho) : 0;
        es = (H !== 0 ? H / r ** eta : 0) + ex - P / r ** 4 - W / r ** 6 - par[o + 6];
        f += ((H !== 0 ? (eta * H) / r ** (eta + 1) : 0) + ex * irho - (4 * P) / r ** 5 - (6 * W) / r ** 7) / r;
      }
      if (qq !== 0 && r < rcC) {
        const ed = Math.exp(-a * a * r2), erfcc = erfcTimesExpFast(a * r, ed);
        ec = qq * (erfcc / r - coul.eShift - coul.fShift * r);
        f += (qq * (erfcc / r2 + (1.1283791670955126 * a * ed) / r + coul.fShift)) / r;
      }
      force[fo + 2 * k] = f; energy[eo + 4 * k] = es; energy[eo + 4 * k + 2] = ec;
    }
    for (let k = 0; k + 1 < points; k++) {
      force[fo + 2 * k + 1] = force[fo + 2 * k + 2] - force[fo + 2 * k];
      energy[eo + 4 * k + 1] = energy[eo + 4 * k + 4] - energy[eo + 4 * k];
      energy[eo + 4 * k + 3] = energy[eo + 4 * k + 6] - energy[eo + 4 * k + 2];
    }
  }
  return { rin2, inv: 1 / d, points, rc2, nTypes: nT, force, energy };
}

/** Type of every extended atom of the list, cached per list build. */
export class ExtendedTypes {
  private builds = -1;
  private list: VerletList | null = null;
  types = new Int32Array(0);
  of(list: VerletList, type: Int32Array): Int32Array {
    if (list === this.list && list.builds === this.builds) return this.types;
    const ne = list.nExtended, own = list.owner;
    if (this.types.length < ne) this.types = new Int32Array(Math.ceil(1.2 * ne));
    for (let e = 0; e < ne; e++) this.types[e] = type[own[e]];
    this.list = list; this.builds = list.builds;
    return this.types;
  }
}

/**
 * As accumulatePairForces (same arguments and outputs), from the table. With `energy` false (and `perAtom`
 * false) only forces are computed, as LAMMPS does on steps without thermo output: `out` is left untouched.
 */
export function accumulateTabulatedPairForces(
  x: Float64Array, f: Float64Array, pe: Float64Array, list: VerletList, ff: CompiledForceField, table: PairTable,
  out: Float64Array, perAtom: boolean, work: PairWorkspace, types: ExtendedTypes, energy = true,
): void {
  const n = list.nAtoms, nExt = list.nExtended;
  work.reserve(nExt);
  const xe = work.x, fe = work.f, pee = work.pe;
  list.extendPositions(x, xe);
  fe.fill(0, 0, 3 * nExt);
  const typ = types.of(list, ff.type);
  if (!energy && !perAtom) tabulatedForcesOnly(n, list.start, list.centre, list.image, typ, xe, fe, table);
  else {
    if (perAtom) pee.fill(0, 0, nExt);
    tabulatedForcesEnergies(n, list.start, list.centre, list.image, typ, xe, fe, pee, perAtom, table, out);
  }
  list.foldImages(fe, f, 3);
  if (perAtom) list.foldImages(pee, pe, 1);
}

/** The force-only pair loop: per pair one table read of F/r and its slope; no sqrt, exp, erfc or energy. */
function tabulatedForcesOnly(
  n: number, start: Int32Array, centre: Int32Array, nb: Int32Array, typ: Int32Array, xe: Float64Array, fe: Float64Array, table: PairTable,
): void {
  const T = table.force, nT = table.nTypes, rc2 = table.rc2, rin2 = table.rin2, inv = table.inv, blk = 2 * table.points;
  for (let r = 0; r < n; r++) {
    const i = centre[r], i3 = 3 * i;
    const xi = xe[i3], yi = xe[i3 + 1], zi = xe[i3 + 2], ti = typ[i] * nT;
    let fxi = 0, fyi = 0, fzi = 0;
    for (let q = start[r], qe = start[r + 1]; q < qe; q++) {
      const j = nb[q], j3 = 3 * j;
      const dx = xe[j3] - xi, dy = xe[j3 + 1] - yi, dz = xe[j3 + 2] - zi;
      const rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= rc2) continue;
      const u = (rsq - rin2) * inv;
      let k = u | 0;
      if (k < 0) k = 0; // r < r_in: linear extrapolation of the first interval (atoms that close are flagged at the list build)
      const p = (ti + typ[j]) * blk + 2 * k;
      const fr = T[p] + (u - k) * T[p + 1];
      const fx = fr * dx, fy = fr * dy, fz = fr * dz;
      fxi -= fx; fyi -= fy; fzi -= fz;
      fe[j3] += fx; fe[j3 + 1] += fy; fe[j3 + 2] += fz;
    }
    fe[i3] += fxi; fe[i3 + 1] += fyi; fe[i3 + 2] += fzi;
  }
}

/** The pair loop with energies (E_SR, E_C), virial and optionally per-atom energies; totals into `out`. */
function tabulatedForcesEnergies(
  n: number, start: Int32Array, centre: Int32Array, nb: Int32Array, typ: Int32Array, xe: Float64Array, fe: Float64Array, pee: Float64Array,
  perAtom: boolean, table: PairTable, out: Float64Array,
): void {
  const T = table.force, E = table.energy, nT = table.nTypes, rc2 = table.rc2, rin2 = table.rin2, inv = table.inv, blk = 2 * table.points;
  let eSR = 0, eC = 0, vir = 0;
  for (let r = 0; r < n; r++) {
    const i = centre[r], i3 = 3 * i;
    const xi = xe[i3], yi = xe[i3 + 1], zi = xe[i3 + 2], ti = typ[i] * nT;
    let fxi = 0, fyi = 0, fzi = 0, pei = 0;
    for (let q = start[r], qe = start[r + 1]; q < qe; q++) {
      const j = nb[q], j3 = 3 * j;
      const dx = xe[j3] - xi, dy = xe[j3 + 1] - yi, dz = xe[j3 + 2] - zi;
      const rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= rc2) continue;
      const u = (rsq - rin2) * inv;
      let k = u | 0;
      if (k < 0) k = 0;
      const w = u - k, p = (ti + typ[j]) * blk + 2 * k, pE = 2 * p;
      const fr = T[p] + w * T[p + 1];
      const es = E[pE] + w * E[pE + 1], ec = E[pE + 2] + w * E[pE + 3];
      eSR += es; eC += ec;
      const fx = fr * dx, fy = fr * dy, fz = fr * dz;
      fxi -= fx; fyi -= fy; fzi -= fz;
      fe[j3] += fx; fe[j3 + 1] += fy; fe[j3 + 2] += fz;
      if (perAtom) { const h = 0.5 * (es + ec); pei += h; pee[j] += h; }
      vir += fr * rsq;
    }
    fe[i3] += fxi; fe[i3 + 1] += fyi; fe[i3 + 2] += fzi;
    if (perAtom) pee[i] += pei;
  }
  out[0] = eSR; out[1] = eC; out[2] = vir;
}
