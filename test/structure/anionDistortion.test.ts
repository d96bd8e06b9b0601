// Anion internal distortion (Kweon 2017 main text): rigid-body deviation after optimal alignment and
// radial spread, against shapes whose distortion is known analytically.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Random } from '../../src/core/random';
import { anionDistortion } from '../../src/structure/anionDistortion';
import { makeTrajectory } from '../dynamics/synthetic';

/** Random rotation matrix (row-major) from a random unit quaternion. */
function randomRotation(rng: Random): number[] {
  let w = rng.normal(),
    x = rng.normal(),
    y = rng.normal(),
    z = rng.normal();
  const l = Math.hypot(w, x, y, z);
  w /= l;
  x /= l;
  y /= l;
  z /= l;
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  ];
}

/**
 * Two XY4 anions (X at the centre, four Y) per frame, each frame's body shape from `shape(f)` (5 atoms, X first),
 * turned by a random rotation and placed near a cell face (so Y atoms wrap), box 20 Å.
 */
function anionTrajectory(T: number, shape: (f: number) => number[][], seed = 3) {
  const rng = new Random(seed),
    box = 20,
    centres = [
      [19.5, 5, 5],
      [8, 10, 0.4],
    ];
  const pos = new Float64Array(T * 3 * 10);
  for (let f = 0; f < T; f++) {
    const body = shape(f);
    for (let m = 0; m < 2; m++) {
      const R = randomRotation(rng);
      for (let i = 0; i < 5; i++) {
        const [x, y, z] = body[i];
        for (let k = 0; k < 3; k++) {
          let v = centres[m][k] + R[3 * k] * x + R[3 * k + 1] * y + R[3 * k + 2] * z;
          v -= box * Math.floor(v / box);
          pos[f * 30 + 3 * (5 * m + i) + k] = v;
        }
      }
    }
  }
  return makeTrajectory(['S', 'O', 'O', 'O', 'O', 'S', 'O', 'O', 'O', 'O'], T, 10, pos, { box, unwrapped: false });
}

const d = 1.5,
  s = d / Math.sqrt(3);
const tetra = [
  [0, 0, 0],
  [s, s, s],
  [s, -s, -s],
  [-s, s, -s],
  [-s, -s, s],
];
/** A planar "XY4" square (Y at ±a on x and y): convenient for deformations with no net translation or rotation. */
const square = (ax: number, ay: number, bx = ax, by = ay) => [
  [0, 0, 0],
  [ax, 0, 0],
  [0, ay, 0],
  [-bx, 0, 0],
  [0, -by, 0],
];

describe('anion distortion', () => {
  it('is zero for a rigid anion that tumbles and crosses the cell boundary', () => {
    const r = anionDistortion(
      anionTrajectory(20, () => tetra),
      { anion: 'SO4' },
    );
    expect(r.n_anions).toBe(2);
    expect(r.species).toEqual(['S', 'O']);
    expect(r.atoms_per_anion).toEqual([1, 4]);
    for (const v of r.rigid_deviation_A) expect(v).toBeLessThan(1e-9);
    expect(r.radial_spread_A[0]).toBeNull();
    expect(r.radial_spread_A[1]!).toBeLessThan(1e-9);
  });

  it('gives a sin ε per Y for a square scissored by ±ε in alternate frames (mean reference), and zero radial spread', () => {
    // a shear that keeps all Y on one circle: the x pair turns by +ε, the y pair by −ε, alternating sign per frame
    const a = 1.5,
      eps = 0.1; // rad
    const shape = (f: number) => {
      const e = f % 2 === 0 ? eps : -eps;
      // Y1, Y3 at angle +e from ±x; Y2, Y4 at −e from ±y: centroid stays at 0, all at radius a
      return [
        [0, 0, 0],
        [a * Math.cos(e), a * Math.sin(e), 0],
        [-a * Math.sin(-e), a * Math.cos(-e), 0],
        [-a * Math.cos(e), -a * Math.sin(e), 0],
        [a * Math.sin(-e), -a * Math.cos(-e), 0],
      ];
    };
    const r = anionTrajectory(40, shape, 5);
    const res = anionDistortion(r, { anion: 'SO4' });
    // The mean shape is the square shrunk to radius a cos ε (the mean of ±ε); the best rotation of the scissored
    // shape onto it is the identity by symmetry (the pairs turn in opposite senses), so each Y is off by a sin ε.
    expect(res.rigid_deviation_A[1]).toBeCloseTo(a * Math.sin(eps), 9);
    expect(res.rigid_deviation_A[0]).toBeLessThan(1e-9);
    expect(res.radial_spread_A[1]!).toBeLessThan(1e-9); // all Y stay on one sphere: the radial measure misses shear
    expect(res.rigid_deviation_err_A[1]!).toBeLessThan(1e-9); // every frame the same deviation
  });

  it('gives δ for a breathing square (two Y out, two in by δ) against the ideal shape, radial spread δ', () => {
    const a = 1.5,
      delta = 0.04;
    const res = anionDistortion(
      anionTrajectory(10, () => square(a + delta, a - delta)),
      { anion: 'SO4', referenceShape: square(a, a).flat() },
    );
    expect(res.reference).toBe('given');
    expect(res.rigid_deviation_A[1]).toBeCloseTo(delta, 9);
    expect(res.radial_spread_A[1]!).toBeCloseTo(delta, 9);
    // against its own mean shape the static breathing is part of the reference: zero thermal deviation
    const own = anionDistortion(
      anionTrajectory(10, () => square(a + delta, a - delta)),
      { anion: 'SO4' },
    );
    expect(own.rigid_deviation_A[1]).toBeLessThan(1e-9);
  });

  it('recovers isotropic Gaussian noise on an ideal tetrahedron: RMS deviation σ√(3·9/15) (6 of 15 degrees of freedom fitted)', () => {
    // noise on a rigid tetrahedron, σ = 0.02 Å per coordinate: the deviation from the ideal after alignment is
    // below the raw RMS noise σ√3 (alignment absorbs 6 of the 15 degrees of freedom) and close to it.
    const rng = new Random(11),
      sigma = 0.02;
    const res = anionDistortion(
      anionTrajectory(400, () => tetra.map((p) => p.map((c) => c + sigma * rng.normal()))),
      { anion: 'SO4', referenceShape: tetra.flat() },
    );
    const all = Math.sqrt((res.rigid_deviation_A[0] ** 2 * 1 + res.rigid_deviation_A[1] ** 2 * 4) / 5);
    const expected = sigma * Math.sqrt((3 * (15 - 6)) / 15); // χ² with 15 − 6 degrees of freedom (translation + rotation fitted)
    expect(all).toBeGreaterThan(0.9 * expected);
    expect(all).toBeLessThan(1.1 * expected);
  });

  it('refuses a formula that is not in the file and a reference of the wrong size', () => {
    const t = anionTrajectory(3, () => tetra);
    expect(() => anionDistortion(t, { anion: 'PS4' })).toThrow(InputError);
    expect(() => anionDistortion(t, { anion: 'SO4', referenceShape: [0, 0, 0] })).toThrow(/referenceShape has 1 atoms; SO4 has 5/);
  });
});
