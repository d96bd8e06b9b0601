// Builders of small synthetic systems for the structure tests.
import { Cell } from '../../src/core/cell';
import type { Frame } from '../../src/core/frame';
import { Random } from '../../src/core/random';
import { topologyFromSymbols, Topology } from '../../src/core/topology';

export interface System {
  topology: Topology;
  frames: Frame[];
}

export function frame(positions: ArrayLike<number>, cell: Cell, index = 0): Frame {
  return { index, cell, positions: Float64Array.from(positions) };
}

/** Uniform random (ideal gas) positions in a cell, seeded. */
export function idealGas(n: number, cell: Cell, nFrames: number, seed: number, symbol = 'Ar'): System {
  const rng = new Random(seed);
  const frames: Frame[] = [];
  for (let f = 0; f < nFrames; f++) {
    const frac = new Float64Array(3 * n);
    for (let k = 0; k < frac.length; k++) frac[k] = rng.uniform();
    frames.push({ index: f, cell, positions: cell.toCartesian(frac) });
  }
  return { topology: topologyFromSymbols(Array(n).fill(symbol)), frames };
}

/** Rocksalt (Na at fcc, Cl shifted by a/2) with n×n×n conventional cells, optional Gaussian noise. */
export function rocksalt(a: number, n: number, noise = 0, seed = 1, cation = 'Na', anion = 'Cl'): System {
  const basis = [
    [0, 0, 0],
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
  ];
  const sym: string[] = [],
    pos: number[] = [];
  const rng = new Random(seed);
  for (const [sp, off] of [
    [cation, 0],
    [anion, 0.5],
  ] as const) {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++)
          for (const b of basis) {
            sym.push(sp);
            pos.push((i + b[0] + off) * a + noise * rng.normal(), (j + b[1]) * a + noise * rng.normal(), (k + b[2]) * a + noise * rng.normal());
          }
  }
  const cell = Cell.orthorhombic(n * a, n * a, n * a);
  return { topology: topologyFromSymbols(sym), frames: [frame(pos, cell)] };
}

/** Regular icosahedron vertices (unit circumradius) rotated by a fixed random rotation. */
export function unitIcosahedron(): number[][] {
  const phi = (1 + Math.sqrt(5)) / 2,
    r = Math.hypot(1, phi);
  const v: number[][] = [];
  for (const s1 of [-1, 1]) for (const s2 of [-1, 1]) v.push([0, s1, s2 * phi], [s1, s2 * phi, 0], [s2 * phi, 0, s1]);
  return v.map((p) => p.map((x) => x / r));
}
