/**
 * Best rigid rotation between two placements of the same molecule and the angular velocity it
 * implies (Kweon 2017 Fig. 7c: angular-velocity autocorrelation of the anions).
 *
 * Horn's quaternion solution of the (mass-weighted) Kabsch problem (B. K. P. Horn, J. Opt. Soc. Am.
 * A 4, 629 (1987)): with p_i, q_i the COM-relative positions before and after, S = Σ m_i p_i q_iᵀ,
 * the unit quaternion maximising Σ m_i q_i·(R p_i) is the eigenvector of the largest eigenvalue of
 * Horn's symmetric 4×4 matrix N(S). The rotation vector θ·n̂ (θ = 2 atan2(|v|, w)) divided by the
 * frame interval is the angular velocity ω (rad/fs), attributed to the midpoint of the two frames.
 */
import { symmetricEigen } from '../geometry/symmetricEigen.js';

/**
 * Rotation vector (axis × angle, radians, lab frame) of the best rotation taking the points `p` onto
 * `q` (both 3n, COM-relative), weighted by `masses` (n). Written into out[o..o+2].
 */
export function bestRotationVector(p: ArrayLike<number>, q: ArrayLike<number>, masses: ArrayLike<number>, out: Float64Array, o = 0): void {
  let sxx = 0,
    sxy = 0,
    sxz = 0,
    syx = 0,
    syy = 0,
    syz = 0,
    szx = 0,
    szy = 0,
    szz = 0;
  for (let i = 0; i < masses.length; i++) {
    const m = masses[i];
    const px = p[3 * i],
      py = p[3 * i + 1],
      pz = p[3 * i + 2];
    const qx = q[3 * i],
      qy = q[3 * i + 1],
      qz = q[3 * i + 2];
    sxx += m * px * qx;
    sxy += m * px * qy;
    sxz += m * px * qz;
    syx += m * py * qx;
    syy += m * py * qy;
    syz += m * py * qz;
    szx += m * pz * qx;
    szy += m * pz * qy;
    szz += m * pz * qz;
  }
  const N = [
    sxx + syy + szz,
    syz - szy,
    szx - sxz,
    sxy - syx,
    syz - szy,
    sxx - syy - szz,
    sxy + syx,
    szx + sxz,
    szx - sxz,
    sxy + syx,
    -sxx + syy - szz,
    syz + szy,
    sxy - syx,
    szx + sxz,
    syz + szy,
    -sxx - syy + szz,
  ];
  const { vectors } = symmetricEigen(N, 4);
  let w = vectors[12],
    x = vectors[13],
    y = vectors[14],
    z = vectors[15];
  if (w < 0) {
    w = -w;
    x = -x;
    y = -y;
    z = -z;
  } // the same rotation; pick the angle in [0, π]
  const s = Math.hypot(x, y, z);
  if (s < 1e-15) {
    out[o] = 0;
    out[o + 1] = 0;
    out[o + 2] = 0;
    return;
  }
  const theta = 2 * Math.atan2(s, w);
  out[o] = (theta * x) / s;
  out[o + 1] = (theta * y) / s;
  out[o + 2] = (theta * z) / s;
}
