/**
 * Anion-mode constraints (Li 2025; J. Yang et al., J. Chem. Phys. 161, 054101 (2024); METHODS §6).
 *
 * For each constrained molecule (a polyatomic anion) with reference positions a_i relative to its COM
 * (Σ m_i a_i = 0, taken from the starting configuration):
 * - UC   unconstrained (no change);
 * - RC   rotation constrained by the Eckart condition  σ = Σ m_i a_i × (r_i − R) = 0  (R the COM): the
 *        molecule keeps its reference orientation exactly and may vibrate and translate. σ is *linear* in
 *        the positions (Σ m_i a_i × R = 0), so its velocity form Σ m_i a_i × v_i = 0 and the mass-weighted
 *        projection onto it are constant:
 *          v_i ← v_i − ω × a_i,  ω = I_ref⁻¹ Σ m_j a_j × v_j;   f_i ← f_i − m_i α × a_i,  α = I_ref⁻¹ Σ a_j × f_j
 *        (I_ref the reference inertia tensor). Velocity Verlet with this constant projection is RATTLE for
 *        linear constraints: positions stay on the constraint surface and the dynamics stay symplectic, so
 *        the energy (or the Nosé–Hoover conserved quantity) is conserved as well as without constraints.
 *        The angular momentum of the rigid-body (Eckart) rotation, Σ m a × v, is zero; the ordinary angular
 *        momentum about the COM keeps only the small vibrational (Coriolis) part Σ m (r − R − a) × v.
 *        Removes 3 degrees of freedom.
 * - RTC  rotation and translation constrained: also v_i ← v_i − V_COM, f_i ← f_i − m_i F/M (the two
 *        projections are orthogonal because Σ m_i a_i = 0); the COM stays at its reference; removes 6;
 * - RTVC rotation, translation and vibration constrained: the molecule is frozen (v = f = 0); removes 3 n_atoms.
 * `restore` re-projects positions onto the (linear) constraint surface, which only removes round-off.
 * The projections are mass-weighted orthogonal projections, so the remaining (vibrational) motion is untouched.
 */
import { InputError } from '../core/errors.js';
import type { MDSystem } from './mdSystem.js';

export type AnionConstraintMode = 'UC' | 'RC' | 'RTC' | 'RTVC';

export class AnionConstraints {
  readonly mode: AnionConstraintMode;
  /** Molecules constrained (indices into system.molecules). */
  readonly moleculeIndices: Int32Array;
  /** offsets/atoms of the constrained molecules only. */
  private readonly off: Int32Array;
  private readonly atoms: Int32Array;
  private readonly mass: Float64Array;
  private readonly refRel: Float64Array;
  private readonly refCom: Float64Array;
  /** Inverse reference inertia tensor per molecule (9 per molecule, row-major), for RC/RTC. */
  private readonly refInertiaInv: Float64Array;
  /** 1 for atoms that are frozen (RTVC). */
  readonly frozen: Uint8Array;
  /** 1 for atoms whose molecule COM is fixed (RTC, RTVC): excluded from total-momentum removal. */
  readonly translationFixed: Uint8Array;
  readonly removedDegreesOfFreedom: number;
  private readonly I = new Float64Array(9);
  private readonly Iinv = new Float64Array(9);
  private readonly N4 = new Float64Array(16);
  private readonly V4 = new Float64Array(16);
  private readonly R9 = new Float64Array(9);
  private readonly w3 = new Float64Array(3);

  /**
   * @param molecules indices of the molecules to constrain (default all molecules of the system).
   */
  constructor(mode: AnionConstraintMode, system: MDSystem, molecules?: ArrayLike<number>) {
    if (!['UC', 'RC', 'RTC', 'RTVC'].includes(mode)) throw new InputError(`unknown constraint mode "${mode}"; expected UC, RC, RTC or RTVC`);
    this.mode = mode;
    const ms = system.molecules;
    const n = system.topology.species.length;
    const sel = molecules ? Int32Array.from(molecules) : Int32Array.from({ length: ms?.count ?? 0 }, (_, k) => k);
    if (mode !== 'UC' && (!ms || sel.length === 0))
      throw new InputError(`constraint ${mode} needs molecules (polyatomic anions) in the system; none were given`);
    this.moleculeIndices = mode === 'UC' ? new Int32Array(0) : sel;
    const off = [0],
      atoms: number[] = [];
    for (const m of this.moleculeIndices) {
      if (!ms || !(m >= 0 && m < ms.count)) throw new InputError(`constrained molecule ${m} does not exist (system has ${ms?.count ?? 0} molecules)`);
      for (let k = ms.offsets[m]; k < ms.offsets[m + 1]; k++) atoms.push(ms.atoms[k]);
      off.push(atoms.length);
    }
    this.off = Int32Array.from(off);
    this.atoms = Int32Array.from(atoms);
    this.mass = Float64Array.from(atoms, (a) => system.topology.masses[a]);
    this.frozen = new Uint8Array(n);
    this.translationFixed = new Uint8Array(n);
    const nm = this.moleculeIndices.length;
    this.refCom = new Float64Array(3 * nm);
    this.refRel = new Float64Array(3 * atoms.length);
    this.refInertiaInv = new Float64Array(9 * nm);
    const x = system.positions;
    for (let m = 0; m < nm; m++) {
      const c = this.com(x, m);
      this.refCom.set(c, 3 * m);
      for (let k = this.off[m]; k < this.off[m + 1]; k++) {
        const a = this.atoms[k];
        for (let d = 0; d < 3; d++) this.refRel[3 * k + d] = x[3 * a + d] - c[d];
        if (mode === 'RTVC') this.frozen[a] = 1;
        if (mode === 'RTC' || mode === 'RTVC') this.translationFixed[a] = 1;
      }
      if (mode === 'RC' || mode === 'RTC') this.refInertiaInv.set(this.inertiaInverse(x, m, c), 9 * m); // throws for linear molecules
    }
    this.removedDegreesOfFreedom = mode === 'RC' ? 3 * nm : mode === 'RTC' ? 6 * nm : mode === 'RTVC' ? 3 * atoms.length : 0;
  }

  get active(): boolean {
    return this.mode !== 'UC' && this.moleculeIndices.length > 0;
  }

  private com(x: Float64Array, m: number): [number, number, number] {
    let mt = 0,
      cx = 0,
      cy = 0,
      cz = 0;
    for (let k = this.off[m]; k < this.off[m + 1]; k++) {
      const a = this.atoms[k],
        w = this.mass[k];
      mt += w;
      cx += w * x[3 * a];
      cy += w * x[3 * a + 1];
      cz += w * x[3 * a + 2];
    }
    return [cx / mt, cy / mt, cz / mt];
  }

  private inertiaInverse(x: Float64Array, m: number, c: number[]): Float64Array {
    const I = this.I;
    I.fill(0);
    for (let k = this.off[m]; k < this.off[m + 1]; k++) {
      const a = this.atoms[k],
        w = this.mass[k];
      const rx = x[3 * a] - c[0],
        ry = x[3 * a + 1] - c[1],
        rz = x[3 * a + 2] - c[2];
      const r2 = rx * rx + ry * ry + rz * rz;
      I[0] += w * (r2 - rx * rx);
      I[4] += w * (r2 - ry * ry);
      I[8] += w * (r2 - rz * rz);
      I[1] -= w * rx * ry;
      I[2] -= w * rx * rz;
      I[5] -= w * ry * rz;
    }
    I[3] = I[1];
    I[6] = I[2];
    I[7] = I[5];
    const det = I[0] * (I[4] * I[8] - I[5] * I[7]) - I[1] * (I[3] * I[8] - I[5] * I[6]) + I[2] * (I[3] * I[7] - I[4] * I[6]);
    const tr = I[0] + I[4] + I[8];
    if (!(Math.abs(det) > 1e-8 * tr * tr * tr)) {
      throw new InputError(
        `molecule ${this.moleculeIndices[m]} is linear or a single atom (singular inertia tensor); rotation constraints need a non-linear anion`,
      );
    }
    const v = this.Iinv;
    v[0] = (I[4] * I[8] - I[5] * I[7]) / det;
    v[1] = (I[2] * I[7] - I[1] * I[8]) / det;
    v[2] = (I[1] * I[5] - I[2] * I[4]) / det;
    v[3] = v[1];
    v[4] = (I[0] * I[8] - I[2] * I[6]) / det;
    v[5] = (I[2] * I[3] - I[0] * I[5]) / det;
    v[6] = v[2];
    v[7] = v[5];
    v[8] = (I[0] * I[4] - I[1] * I[3]) / det;
    return v;
  }

  /**
   * The Eckart rotation of molecule m in a per-atom field u: ω = I_ref⁻¹ Σ_j w_j a_j × (u_j − o), with
   * w_j = m_j (`massWeighted`) or 1 and a = reference positions about the COM; written into a scratch
   * vector (the step loop allocates nothing).
   */
  private eckartRotation(u: Float64Array, m: number, massWeighted: boolean, ox = 0, oy = 0, oz = 0): Float64Array {
    const a3 = this.refRel;
    let Lx = 0,
      Ly = 0,
      Lz = 0;
    for (let k = this.off[m]; k < this.off[m + 1]; k++) {
      const a = this.atoms[k],
        w = massWeighted ? this.mass[k] : 1;
      const rx = a3[3 * k],
        ry = a3[3 * k + 1],
        rz = a3[3 * k + 2];
      const px = w * (u[3 * a] - ox),
        py = w * (u[3 * a + 1] - oy),
        pz = w * (u[3 * a + 2] - oz);
      Lx += ry * pz - rz * py;
      Ly += rz * px - rx * pz;
      Lz += rx * py - ry * px;
    }
    const v = this.refInertiaInv,
      o = 9 * m,
      w = this.w3;
    w[0] = v[o] * Lx + v[o + 1] * Ly + v[o + 2] * Lz;
    w[1] = v[o + 3] * Lx + v[o + 4] * Ly + v[o + 5] * Lz;
    w[2] = v[o + 6] * Lx + v[o + 7] * Ly + v[o + 8] * Lz;
    return w;
  }

  /**
   * Project the constrained components out of a per-atom vector field (constant, mass-weighted projection).
   * `isForce` = true: field is a force (momentum rate): f_i −= m_i (α × a_i + F/M), α = I_ref⁻¹ Σ a_j × f_j;
   * false: a velocity: v_i −= ω × a_i + V, ω = I_ref⁻¹ Σ m_j a_j × v_j (a = reference positions about the COM).
   */
  private project(u: Float64Array, isForce: boolean): void {
    const rot = this.mode === 'RC' || this.mode === 'RTC',
      trans = this.mode === 'RTC';
    const a3 = this.refRel;
    for (let m = 0, nm = this.moleculeIndices.length; m < nm; m++) {
      let Vx = 0,
        Vy = 0,
        Vz = 0;
      if (trans) {
        let mt = 0;
        for (let k = this.off[m]; k < this.off[m + 1]; k++) {
          const a = this.atoms[k],
            w = isForce ? 1 : this.mass[k];
          Vx += w * u[3 * a];
          Vy += w * u[3 * a + 1];
          Vz += w * u[3 * a + 2];
          mt += this.mass[k];
        }
        Vx /= mt;
        Vy /= mt;
        Vz /= mt;
      }
      let wx = 0,
        wy = 0,
        wz = 0;
      if (rot) {
        const w = this.eckartRotation(u, m, !isForce);
        wx = w[0];
        wy = w[1];
        wz = w[2];
      }
      for (let k = this.off[m]; k < this.off[m + 1]; k++) {
        const a = this.atoms[k],
          s = isForce ? this.mass[k] : 1;
        const rx = a3[3 * k],
          ry = a3[3 * k + 1],
          rz = a3[3 * k + 2];
        u[3 * a] -= s * (wy * rz - wz * ry + Vx);
        u[3 * a + 1] -= s * (wz * rx - wx * rz + Vy);
        u[3 * a + 2] -= s * (wx * ry - wy * rx + Vz);
      }
    }
  }

  /** Remove the constrained rigid-body components from velocities (Å/fs). */
  projectVelocities(v: Float64Array): void {
    if (!this.active) return;
    if (this.mode === 'RTVC') {
      this.zeroFrozen(v);
      return;
    }
    this.project(v, false);
  }

  /** Remove the constrained rigid-body components from forces (eV/Å). */
  projectForces(f: Float64Array): void {
    if (!this.active) return;
    if (this.mode === 'RTVC') {
      this.zeroFrozen(f);
      return;
    }
    this.project(f, true);
  }

  private zeroFrozen(u: Float64Array): void {
    for (let k = 0; k < this.atoms.length; k++) {
      const a = this.atoms[k];
      u[3 * a] = 0;
      u[3 * a + 1] = 0;
      u[3 * a + 2] = 0;
    }
  }

  /**
   * Put each constrained molecule back on its constraint surface: for RC/RTC remove the (round-off) Eckart
   * rotation θ = I_ref⁻¹ Σ m a × (r − R) by the same linear projection as the velocities (r_i −= θ × a_i), and
   * for RTC put the COM back at its reference; RTVC molecules are reset to their reference positions.
   * Exact constraint dynamics leave nothing to remove but round-off, so this does not change the energy.
   */
  restore(x: Float64Array): void {
    if (!this.active) return;
    if (this.mode === 'RTVC') {
      for (let m = 0; m < this.moleculeIndices.length; m++)
        for (let k = this.off[m]; k < this.off[m + 1]; k++) {
          const a = this.atoms[k];
          for (let d = 0; d < 3; d++) x[3 * a + d] = this.refCom[3 * m + d] + this.refRel[3 * k + d];
        }
      return;
    }
    const a3 = this.refRel;
    for (let m = 0, nm = this.moleculeIndices.length; m < nm; m++) {
      const c = this.com(x, m);
      const t = this.eckartRotation(x, m, true, c[0], c[1], c[2]),
        tx = t[0],
        ty = t[1],
        tz = t[2];
      const dx = this.mode === 'RTC' ? this.refCom[3 * m] - c[0] : 0;
      const dy = this.mode === 'RTC' ? this.refCom[3 * m + 1] - c[1] : 0;
      const dz = this.mode === 'RTC' ? this.refCom[3 * m + 2] - c[2] : 0;
      for (let k = this.off[m]; k < this.off[m + 1]; k++) {
        const a = this.atoms[k];
        const rx = a3[3 * k],
          ry = a3[3 * k + 1],
          rz = a3[3 * k + 2];
        x[3 * a] += dx - (ty * rz - tz * ry);
        x[3 * a + 1] += dy - (tz * rx - tx * rz);
        x[3 * a + 2] += dz - (tx * ry - ty * rx);
      }
    }
  }

  /** Rotation angle (rad) of each constrained molecule away from its reference orientation. */
  orientationDeviation_rad(x: Float64Array): Float64Array {
    const out = new Float64Array(this.moleculeIndices.length),
      R = new Float64Array(9);
    for (let m = 0; m < out.length; m++) {
      this.bestRotation(x, m, this.com(x, m), R);
      out[m] = Math.acos(Math.min(1, Math.max(-1, (R[0] + R[4] + R[8] - 1) / 2)));
    }
    return out;
  }

  /** Centre of mass of constrained molecule m (Å). */
  centreOfMass(x: Float64Array, m: number): [number, number, number] {
    return this.com(x, m);
  }

  /** Rotation R (row-major) minimising Σ m |R a_i − b_i|², a = current, b = reference (Horn 1987). */
  private bestRotation(x: Float64Array, m: number, c: number[], R: Float64Array): void {
    let Sxx = 0,
      Sxy = 0,
      Sxz = 0,
      Syx = 0,
      Syy = 0,
      Syz = 0,
      Szx = 0,
      Szy = 0,
      Szz = 0;
    for (let k = this.off[m]; k < this.off[m + 1]; k++) {
      const a = this.atoms[k],
        w = this.mass[k];
      const ax = x[3 * a] - c[0],
        ay = x[3 * a + 1] - c[1],
        az = x[3 * a + 2] - c[2];
      const bx = this.refRel[3 * k],
        by = this.refRel[3 * k + 1],
        bz = this.refRel[3 * k + 2];
      Sxx += w * ax * bx;
      Sxy += w * ax * by;
      Sxz += w * ax * bz;
      Syx += w * ay * bx;
      Syy += w * ay * by;
      Syz += w * ay * bz;
      Szx += w * az * bx;
      Szy += w * az * by;
      Szz += w * az * bz;
    }
    const N = this.N4;
    N[0] = Sxx + Syy + Szz;
    N[1] = Syz - Szy;
    N[2] = Szx - Sxz;
    N[3] = Sxy - Syx;
    N[5] = Sxx - Syy - Szz;
    N[6] = Sxy + Syx;
    N[7] = Szx + Sxz;
    N[10] = -Sxx + Syy - Szz;
    N[11] = Syz + Szy;
    N[15] = -Sxx - Syy + Szz;
    N[4] = N[1];
    N[8] = N[2];
    N[12] = N[3];
    N[9] = N[6];
    N[13] = N[7];
    N[14] = N[11];
    const q = largestEigenvector4(N, this.V4);
    const [q0, q1, q2, q3] = q;
    R[0] = q0 * q0 + q1 * q1 - q2 * q2 - q3 * q3;
    R[1] = 2 * (q1 * q2 - q0 * q3);
    R[2] = 2 * (q1 * q3 + q0 * q2);
    R[3] = 2 * (q1 * q2 + q0 * q3);
    R[4] = q0 * q0 - q1 * q1 + q2 * q2 - q3 * q3;
    R[5] = 2 * (q2 * q3 - q0 * q1);
    R[6] = 2 * (q1 * q3 - q0 * q2);
    R[7] = 2 * (q2 * q3 + q0 * q1);
    R[8] = q0 * q0 - q1 * q1 - q2 * q2 + q3 * q3;
  }
}

/** Eigenvector of the largest eigenvalue of a symmetric 4×4 matrix (cyclic Jacobi; `A` is destroyed). */
function largestEigenvector4(A: Float64Array, V: Float64Array): [number, number, number, number] {
  V.fill(0);
  V[0] = V[5] = V[10] = V[15] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < 4; p++) for (let r = p + 1; r < 4; r++) off += A[4 * p + r] * A[4 * p + r];
    if (off < 1e-30) break;
    for (let p = 0; p < 4; p++)
      for (let r = p + 1; r < 4; r++) {
        const apr = A[4 * p + r];
        if (Math.abs(apr) < 1e-300) continue;
        const theta = (A[4 * r + r] - A[4 * p + p]) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1),
          s = t * c;
        for (let k = 0; k < 4; k++) {
          const akp = A[4 * k + p],
            akr = A[4 * k + r];
          A[4 * k + p] = c * akp - s * akr;
          A[4 * k + r] = s * akp + c * akr;
        }
        for (let k = 0; k < 4; k++) {
          const apk = A[4 * p + k],
            ark = A[4 * r + k];
          A[4 * p + k] = c * apk - s * ark;
          A[4 * r + k] = s * apk + c * ark;
        }
        for (let k = 0; k < 4; k++) {
          const vkp = V[4 * k + p],
            vkr = V[4 * k + r];
          V[4 * k + p] = c * vkp - s * vkr;
          V[4 * k + r] = s * vkp + c * vkr;
        }
      }
  }
  let best = 0;
  for (let k = 1; k < 4; k++) if (A[5 * k] > A[5 * best]) best = k;
  let q0 = V[best],
    q1 = V[4 + best],
    q2 = V[8 + best],
    q3 = V[12 + best];
  const l = Math.hypot(q0, q1, q2, q3);
  if (q0 < 0) {
    q0 = -q0;
    q1 = -q1;
    q2 = -q2;
    q3 = -q3;
  }
  return [q0 / l, q1 / l, q2 / l, q3 / l];
}
