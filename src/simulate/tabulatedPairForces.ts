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
  /** Per type pair (a·nTypes + b): 3 numbers per point, E_SR (eV), E_C (eV), F/r (eV/Å²). */
  data: Float64Array[];
}

/** Build the table for the compiled force field (charges per type from the first atom of each type). */
export function buildPairTable(ff: CompiledForceField, coul: RealSpaceCoulomb, points = 20000, rin = 0.5): PairTable {
  if (coul.mode !== COULOMB_DSF && coul.mode !== COULOMB_NONE) throw new InputError('a pair table folds DSF Coulomb (or none) only; Ewald runs use the analytic pair loop');
  const nT = ff.nTypes, rcSR = ff.cutoffSR, rcC = coul.mode === COULOMB_NONE ? 0 : coul.cutoff;
  const rc = Math.max(rcSR, rcC), rin2 = rin * rin, rc2 = rc * rc, d = (rc2 - rin2) / (points - 1);
  const qOf = new Float64Array(nT);
  for (let i = ff.type.length - 1; i >= 0; i--) qOf[ff.type[i]] = ff.charge[i];
  const a = coul.alpha, par = ff.pair, data: Float64Array[] = [];
  for (let ti = 0; ti < nT; ti++) for (let tj = 0; tj < nT; tj++) {
    const t = new Float64Array(3 * points), o = (ti * nT + tj) * PAIR_STRIDE, qq = COULOMB_EV_A * qOf[ti] * qOf[tj];
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
      t[3 * k] = es; t[3 * k + 1] = ec; t[3 * k + 2] = f;
    }
    data.push(t);
  }
  return { rin2, inv: 1 / d, points, rc2, nTypes: nT, data };
}

/** As accumulatePairForces (same arguments and outputs), from the table. */
export function accumulateTabulatedPairForces(
  x: Float64Array, f: Float64Array, pe: Float64Array, list: VerletList, ff: CompiledForceField, table: PairTable,
  out: Float64Array, perAtom: boolean, work: PairWorkspace,
): void {
  const n = list.nAtoms, nExt = list.nExtended, start = list.start, nb = list.image, own = list.owner;
  work.reserve(nExt);
  const xe = work.x, fe = work.f, pee = work.pe;
  list.extendPositions(x, xe);
  fe.fill(0, 0, 3 * nExt);
  if (perAtom) pee.fill(0, 0, nExt);
  const type = ff.type, nT = table.nTypes, rc2 = table.rc2, rin2 = table.rin2, inv = table.inv, last = table.points - 2;
  let eSR = 0, eC = 0, vir = 0;
  for (let i = 0; i < n; i++) {
    const xi = xe[3 * i], yi = xe[3 * i + 1], zi = xe[3 * i + 2], ti = type[i] * nT;
    let fxi = 0, fyi = 0, fzi = 0, pei = 0;
    for (let q = start[i], qe = start[i + 1]; q < qe; q++) {
      const j = nb[q];
      const dx = xe[3 * j] - xi, dy = xe[3 * j + 1] - yi, dz = xe[3 * j + 2] - zi;
      const rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= rc2) continue;
      const T = table.data[ti + type[own[j]]];
      const u = (rsq - rin2) * inv;
      let k = u | 0;
      if (k < 0) k = 0; else if (k > last) k = last;
      const w = u - k, p = 3 * k;
      const es = T[p] + w * (T[p + 3] - T[p]), ec = T[p + 1] + w * (T[p + 4] - T[p + 1]), fr = T[p + 2] + w * (T[p + 5] - T[p + 2]);
      eSR += es; eC += ec;
      const fx = fr * dx, fy = fr * dy, fz = fr * dz;
      fxi -= fx; fyi -= fy; fzi -= fz;
      fe[3 * j] += fx; fe[3 * j + 1] += fy; fe[3 * j + 2] += fz;
      if (perAtom) { const h = 0.5 * (es + ec); pei += h; pee[j] += h; }
      vir += fr * rsq;
    }
    fe[3 * i] += fxi; fe[3 * i + 1] += fyi; fe[3 * i + 2] += fzi;
    if (perAtom) pee[i] += pei;
  }
  list.foldImages(fe, f, 3);
  if (perAtom) list.foldImages(pee, pe, 1);
  out[0] = eSR; out[1] = eC; out[2] = vir;
}
