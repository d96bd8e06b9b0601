/**
 * Polyanion-rotor model: an antifluorite-type cubic salt M2XY4 (like high-temperature α-Li2SO4, the classic
 * "paddle-wheel" rotor phase): XY4 tetrahedra centred on an fcc lattice (4 per cubic cell), M cations on the
 * 8 tetrahedral interstices. Each anion is a bonded molecule (4 X–Y bonds, 6 Y–X–Y angles) so the anion-mode
 * constraints (Li 2025) have something to act on. The anion is oriented with its Y atoms pointing between
 * the cation sites (vertices (±1, 0, −1/√2) and (0, ±1, 1/√2), normalised), optionally with a seeded random
 * rotation per anion. Charges (rotorForceField): q_M = +1, q_X = 0, q_Y = −½, so the cell is neutral.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import { Random } from '../core/random.js';
import { topologyFromSymbols } from '../core/topology.js';
import type { MDSystem } from './mdSystem.js';

export interface PolyanionRotorOptions {
  supercell?: number;
  /** Cubic lattice constant, Å (default 7.2, near the model's zero pressure at 300 K; 7.0 is under ~1.3 GPa). */
  a_A?: number;
  /** X–Y bond length, Å (default 1.5). */
  bond_A?: number;
  species?: { M: string; X: string; Y: string };
  /** Rotate each anion by a random small angle (radians, default 0) drawn with `seed`. */
  randomTilt_rad?: number;
  seed?: number;
}

export function buildPolyanionRotor(opts: PolyanionRotorOptions = {}): MDSystem {
  const n = opts.supercell ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new InputError(`supercell must be a positive integer, got ${n}`);
  const a = opts.a_A ?? 7.2,
    d = opts.bond_A ?? 1.5;
  const { M, X, Y } = opts.species ?? { M: 'Li', X: 'S', Y: 'O' };
  const rng = new Random(opts.seed ?? 1);
  const s2 = Math.SQRT1_2,
    norm = Math.sqrt(1.5);
  const verts = [
    [1, 0, -s2],
    [-1, 0, -s2],
    [0, 1, s2],
    [0, -1, s2],
  ].map((v) => v.map((c) => (c / norm) * d));
  const fcc = [
    [0, 0, 0],
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
  ];
  const symbols: string[] = [],
    pos: number[] = [];
  const offsets: number[] = [0],
    atoms: number[] = [],
    bonds: number[] = [],
    angles: number[] = [];
  const tilt = opts.randomTilt_rad ?? 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) {
        for (const f of fcc) {
          const c = [(i + f[0]) * a, (j + f[1]) * a, (k + f[2]) * a];
          const R = tilt > 0 ? randomRotation(rng, tilt) : [1, 0, 0, 0, 1, 0, 0, 0, 1];
          const xi = symbols.length;
          symbols.push(X);
          pos.push(c[0], c[1], c[2]);
          atoms.push(xi);
          for (const v of verts) {
            const y = symbols.length;
            symbols.push(Y);
            pos.push(
              c[0] + R[0] * v[0] + R[1] * v[1] + R[2] * v[2],
              c[1] + R[3] * v[0] + R[4] * v[1] + R[5] * v[2],
              c[2] + R[6] * v[0] + R[7] * v[1] + R[8] * v[2],
            );
            atoms.push(y);
            bonds.push(xi, y);
          }
          for (let p = 1; p <= 4; p++) for (let q = p + 1; q <= 4; q++) angles.push(xi + p, xi, xi + q);
          offsets.push(atoms.length);
        }
      }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) {
        for (const t of [0.25, 0.75])
          for (const u of [0.25, 0.75])
            for (const w of [0.25, 0.75]) {
              symbols.push(M);
              pos.push((i + t) * a, (j + u) * a, (k + w) * a);
            }
      }
  return {
    topology: topologyFromSymbols(symbols),
    cell: Cell.orthorhombic(n * a, n * a, n * a),
    positions: Float64Array.from(pos),
    molecules: { count: offsets.length - 1, offsets: Int32Array.from(offsets), atoms: Int32Array.from(atoms) },
    bonds: Int32Array.from(bonds),
    angles: Int32Array.from(angles),
  };
}

/** Rotation matrix (row-major) about a random axis by an angle uniform in [0, maxAngle]. */
function randomRotation(rng: Random, maxAngle: number): number[] {
  let ux = rng.normal(),
    uy = rng.normal(),
    uz = rng.normal();
  const l = Math.hypot(ux, uy, uz);
  ux /= l;
  uy /= l;
  uz /= l;
  const t = rng.uniform() * maxAngle,
    c = Math.cos(t),
    s = Math.sin(t),
    C = 1 - c;
  return [
    c + ux * ux * C,
    ux * uy * C - uz * s,
    ux * uz * C + uy * s,
    uy * ux * C + uz * s,
    c + uy * uy * C,
    uy * uz * C - ux * s,
    uz * ux * C - uy * s,
    uz * uy * C + ux * s,
    c + uz * uz * C,
  ];
}
