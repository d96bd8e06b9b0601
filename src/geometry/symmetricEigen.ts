/**
 * Eigen-decomposition of a small real symmetric matrix by cyclic Jacobi rotations
 * (Golub & Van Loan §8.5): A ← Jᵀ A J for every off-diagonal pair until Σ_{p<q} A_pq² ≤ 10⁻³⁰ max|A_ij|²
 * (converges quadratically; 50 sweeps cap). Eigenvalues exact to rounding, eigenvectors orthonormal.
 * The one implementation for the whole tree: 3×3 inertia tensors (principal axes, inertiaTensor.ts;
 * rotor orientations, src/dynamics/orientationVectors.ts) and Horn's 4×4 quaternion matrix (rigid-body
 * rotation between frames, src/dynamics/rigidBodyRotation.ts).
 */

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Eigenvectors as rows, vectors[k·n + i] = component i of the k-th eigenvector (unit length). */
  vectors: Float64Array;
}

/** Eigenvalues (ascending) and eigenvectors of the symmetric n×n matrix `a` (row-major, not modified). */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  const A = Float64Array.from(a);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(A[i]));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q] * A[p * n + q];
    if (off <= 1e-30 * scale * scale || off === 0) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1),
          s = t * c;
        for (let k = 0; k < n; k++) {
          // A ← Jᵀ A J (columns p, q then rows p, q)
          const akp = A[k * n + p],
            akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k],
            aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p],
            vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[i * n + i] - A[j * n + j]);
  const values = new Float64Array(n),
    vectors = new Float64Array(n * n);
  order.forEach((col, k) => {
    values[k] = A[col * n + col];
    for (let i = 0; i < n; i++) vectors[k * n + i] = V[i * n + col];
  });
  return { values, vectors };
}

/**
 * 3×3 form: eigenvalues ascending and eigenvectors as rows, made right-handed (third row = first ×
 * second), as principal axes of an inertia tensor need.
 */
export function symmetricEigen3(matrix: ArrayLike<number>): { values: [number, number, number]; vectors: Float64Array } {
  const { values, vectors } = symmetricEigen(matrix, 3);
  const [x0, x1, x2, y0, y1, y2] = vectors;
  const cz = [x1 * y2 - x2 * y1, x2 * y0 - x0 * y2, x0 * y1 - x1 * y0];
  if (cz[0] * vectors[6] + cz[1] * vectors[7] + cz[2] * vectors[8] < 0) for (let k = 6; k < 9; k++) vectors[k] = -vectors[k];
  return { values: [values[0], values[1], values[2]], vectors };
}
