/**
 * Harmonic bonds and angles of polyatomic anions (LAMMPS conventions: E = K (r − r0)², E = K (θ − θ0)²).
 * Per-atom partition as LAMMPS `compute pe/atom`: half of a bond to each atom, a third of an angle to each.
 * Molecules are whole in the (unwrapped) positions, so displacements are plain differences.
 * Angle forces: with d1 = r_a − r_c, d2 = r_b − r_c, cos θ = d1·d2/(r1 r2),
 *   F_a = (dE/dθ / sin θ) (d2/(r1 r2) − cos θ d1/r1²), F_b likewise, F_c = −F_a − F_b.
 */
import { InputError } from '../core/errors.js';
import type { Topology } from '../core/topology.js';
import type { ForceFieldSpec } from './forceField.js';

export interface BondedTerms {
  bonds: Int32Array;
  bondK: Float64Array;
  bondR0: Float64Array;
  angles: Int32Array;
  angleK: Float64Array;
  angleTheta0: Float64Array;
}

/** Look up bond and angle parameters by species; InputError if one is missing. */
export function resolveBondedTerms(
  spec: ForceFieldSpec,
  top: Topology,
  bonds: Int32Array = new Int32Array(0),
  angles: Int32Array = new Int32Array(0),
): BondedTerms {
  const sym = (i: number) => top.symbols[top.species[i]];
  const nb = bonds.length / 2,
    na = angles.length / 3;
  const bondK = new Float64Array(nb),
    bondR0 = new Float64Array(nb);
  for (let b = 0; b < nb; b++) {
    const s1 = sym(bonds[2 * b]),
      s2 = sym(bonds[2 * b + 1]);
    const t = (spec.bondTypes ?? []).find((t) => (t.a === s1 && t.b === s2) || (t.a === s2 && t.b === s1));
    if (!t) throw new InputError(`force field "${spec.name}" has no bond type ${s1}-${s2} (bond ${b}: atoms ${bonds[2 * b]}, ${bonds[2 * b + 1]})`);
    bondK[b] = t.K_eV_A2;
    bondR0[b] = t.r0_A;
  }
  const angleK = new Float64Array(na),
    angleTheta0 = new Float64Array(na);
  for (let a = 0; a < na; a++) {
    const s1 = sym(angles[3 * a]),
      sc = sym(angles[3 * a + 1]),
      s2 = sym(angles[3 * a + 2]);
    const t = (spec.angleTypes ?? []).find((t) => t.centre === sc && ((t.a === s1 && t.b === s2) || (t.a === s2 && t.b === s1)));
    if (!t) throw new InputError(`force field "${spec.name}" has no angle type ${s1}-${sc}-${s2} (angle ${a})`);
    angleK[a] = t.K_eV_rad2;
    angleTheta0[a] = (t.theta0_deg * Math.PI) / 180;
  }
  return { bonds, bondK, bondR0, angles, angleK, angleTheta0 };
}

/** Accumulate bonded forces/energies; returns [E_bond, E_angle, virial] into `out`. */
export function accumulateBondedForces(x: Float64Array, f: Float64Array, pe: Float64Array, t: BondedTerms, out: Float64Array): void {
  let eb = 0,
    ea = 0,
    vir = 0;
  const bonds = t.bonds;
  for (let b = 0, nb = bonds.length / 2; b < nb; b++) {
    const i = bonds[2 * b],
      j = bonds[2 * b + 1];
    const dx = x[3 * j] - x[3 * i],
      dy = x[3 * j + 1] - x[3 * i + 1],
      dz = x[3 * j + 2] - x[3 * i + 2];
    const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const dr = r - t.bondR0[b],
      K = t.bondK[b];
    const e = K * dr * dr;
    const fr = (-2 * K * dr) / r;
    f[3 * j] += fr * dx;
    f[3 * j + 1] += fr * dy;
    f[3 * j + 2] += fr * dz;
    f[3 * i] -= fr * dx;
    f[3 * i + 1] -= fr * dy;
    f[3 * i + 2] -= fr * dz;
    pe[i] += 0.5 * e;
    pe[j] += 0.5 * e;
    eb += e;
    vir += fr * r * r;
  }
  const ang = t.angles;
  for (let a = 0, na = ang.length / 3; a < na; a++) {
    const ia = ang[3 * a],
      ic = ang[3 * a + 1],
      ib = ang[3 * a + 2];
    const x1 = x[3 * ia] - x[3 * ic],
      y1 = x[3 * ia + 1] - x[3 * ic + 1],
      z1 = x[3 * ia + 2] - x[3 * ic + 2];
    const x2 = x[3 * ib] - x[3 * ic],
      y2 = x[3 * ib + 1] - x[3 * ic + 1],
      z2 = x[3 * ib + 2] - x[3 * ic + 2];
    const r1s = x1 * x1 + y1 * y1 + z1 * z1,
      r2s = x2 * x2 + y2 * y2 + z2 * z2;
    const r1 = Math.sqrt(r1s),
      r2 = Math.sqrt(r2s);
    let c = (x1 * x2 + y1 * y2 + z1 * z2) / (r1 * r2);
    if (c > 1) c = 1;
    else if (c < -1) c = -1;
    const theta = Math.acos(c);
    const s = Math.max(Math.sqrt(1 - c * c), 1e-8);
    const dth = theta - t.angleTheta0[a],
      K = t.angleK[a];
    const e = K * dth * dth;
    const g = (2 * K * dth) / s; // dE/dθ / sin θ
    const ir12 = 1 / (r1 * r2);
    const fax = g * (x2 * ir12 - (c * x1) / r1s),
      fay = g * (y2 * ir12 - (c * y1) / r1s),
      faz = g * (z2 * ir12 - (c * z1) / r1s);
    const fbx = g * (x1 * ir12 - (c * x2) / r2s),
      fby = g * (y1 * ir12 - (c * y2) / r2s),
      fbz = g * (z1 * ir12 - (c * z2) / r2s);
    f[3 * ia] += fax;
    f[3 * ia + 1] += fay;
    f[3 * ia + 2] += faz;
    f[3 * ib] += fbx;
    f[3 * ib + 1] += fby;
    f[3 * ib + 2] += fbz;
    f[3 * ic] -= fax + fbx;
    f[3 * ic + 1] -= fay + fby;
    f[3 * ic + 2] -= faz + fbz;
    const third = e / 3;
    pe[ia] += third;
    pe[ib] += third;
    pe[ic] += third;
    ea += e;
    vir += x1 * fax + y1 * fay + z1 * faz + x2 * fbx + y2 * fby + z2 * fbz;
  }
  out[0] = eb;
  out[1] = ea;
  out[2] = vir;
}
