/**
 * The one pair iterator of the MD engine: a sweep over rows of the half Verlet list (verletList.ts) on extended
 * atoms (atoms and their periodic images; no per-pair minimum-image translation), with Newton's third law applied
 * per pair. A pair law supplies F(r)/r (and, when it computes them, the pair energy) for each pair inside its
 * cutoff; the sweep does the geometry and the force scatter:
 *   d = r_j − r_i,  s = |d|²;  if s < r_c²:  φ = law(s) = −V'(r)/r,  F_j += φ d,  F_i −= φ d,
 * and, with per-atom energies, E_i += ½ V(r), E_j += ½ V(r) (half of each pair energy to each atom).
 * The analytic short range + real-space Coulomb (pairForces.ts) uses it; the cubic table per type pair
 * (tabulatedPairForces.ts, TablePairLaw.sweep) has its own copy of this loop reading neighbour entries with the type
 * packed in (one load per pair instead of two: 10–14 % faster per sweep). Rows r0…r1 only: the two-core engine
 * (pairForceThreads.ts) gives each thread a block of rows and its own force array.
 *
 * A law is one class per process in practice (a table run never calls the analytic law), so the call site
 * `law.pair` stays monomorphic and V8 inlines it. Cost of the indirection, measured on 1,372-atom α-AgI (forces only,
 * table law): 2.02 ms per sweep against 1.88 ms for the same loop with the table lookup written inline (≈ 7 %;
 * passing the row's table offset as an argument rather than a field saved 4 %).
 */
import type { VerletList } from './verletList.js';

/** What a pair law computes for the sweep. */
export interface PairLaw {
  /** Squared cutoff, Å²: pairs at or beyond it are skipped. */
  readonly cutoff2: number;
  /** Energy of the last pair (eV), read by the sweep only when per-atom energies are asked for. */
  e: number;
  /**
   * Prepare the row of extended atom `i` before its pairs; returns a number handed to each of its `pair` calls (the
   * table law: its row's table offset; a law may also keep row state in fields and return 0).
   */
  row(i: number): number;
  /** F(r)/r (eV/Å²) of the pair (row atom, extended atom `j`) at squared distance `rsq` < cutoff²; `c` from `row`. */
  pair(rsq: number, j: number, c: number): number;
}

/**
 * Sweep rows r0…r1−1 of `list`: forces onto extended atoms into `fe` (3 per extended atom, accumulated) and, when
 * `perAtom`, half pair energies onto both atoms of each pair into `pee` (accumulated; untouched otherwise).
 */
export function sweepPairs(
  list: Pick<VerletList, 'start' | 'centre' | 'image'>,
  r0: number,
  r1: number,
  xe: Float64Array,
  fe: Float64Array,
  pee: Float64Array,
  perAtom: boolean,
  law: PairLaw,
): void {
  const start = list.start,
    centre = list.centre,
    nb = list.image,
    rc2 = law.cutoff2;
  for (let r = r0; r < r1; r++) {
    const i = centre[r],
      i3 = 3 * i;
    const xi = xe[i3],
      yi = xe[i3 + 1],
      zi = xe[i3 + 2];
    const c = law.row(i);
    let fxi = 0,
      fyi = 0,
      fzi = 0,
      pei = 0;
    for (let q = start[r], qe = start[r + 1]; q < qe; q++) {
      const j = nb[q],
        j3 = 3 * j;
      const dx = xe[j3] - xi,
        dy = xe[j3 + 1] - yi,
        dz = xe[j3 + 2] - zi;
      const rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= rc2) continue;
      const fr = law.pair(rsq, j, c);
      const fx = fr * dx,
        fy = fr * dy,
        fz = fr * dz;
      fxi -= fx;
      fyi -= fy;
      fzi -= fz;
      fe[j3] += fx;
      fe[j3 + 1] += fy;
      fe[j3 + 2] += fz;
      if (perAtom) {
        const h = 0.5 * law.e;
        pei += h;
        pee[j] += h;
      }
    }
    fe[i3] += fxi;
    fe[i3 + 1] += fyi;
    fe[i3 + 2] += fzi;
    if (perAtom) pee[i] += pei;
  }
}
