/**
 * Extended XYZ writer: `Lattice=`, `Properties=species:S:1:pos:R:3[:velo:R:3:momenta:R:3][:forces:R:3]
 * [:energies:R:1][:charges:R:1][:<name>:R:1...]`, `Time=` (fs), `energy=` (eV), `pbc=`.
 * Velocities are written twice: `velo` in Å/fs (read back exactly by this library) and, when the
 * masses are known, ASE's `momenta` (m·v in ASE units, v[ASE] = v[Å/fs] / ASE fs), so that
 * `ase.io.read(...).get_velocities()` gives them (ASE ignores `velo`).
 * Numbers are written in the shortest form that parses back to the same double, so a file read
 * back with {@link readTrajectory} reproduces every value bit for bit. A path ending in `.gz` is
 * gzip-compressed. Image flags are not written (write unwrapped positions instead).
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { checkOutputPath } from './fileAccess.js';
import type { Frame } from '../core/frame.js';
import type { Topology } from '../core/topology.js';
import { Trajectory } from '../core/trajectory.js';
import { ASE_FS } from './extxyz.js';

function num(x: number, what: string, frame: number): string {
  if (!Number.isFinite(x)) throw new InputError(`cannot write ${what}: value ${x} is not finite`, { frame });
  return String(x);
}

/** One frame as extended-XYZ text. */
export function extxyzFrameText(fr: Frame, symbols: string[], masses?: ArrayLike<number>): string {
  const n = symbols.length;
  if (fr.positions.length !== 3 * n)
    throw new InputError(`frame has ${fr.positions.length / 3} atoms; expected ${n} (the topology)`, { frame: fr.index });
  const props = ['species:S:1:pos:R:3'];
  const cols: { arr: ArrayLike<number>; width: number; what: string }[] = [{ arr: fr.positions, width: 3, what: 'positions' }];
  const add = (name: string, arr: ArrayLike<number> | undefined, width: number) => {
    if (!arr) return;
    if (arr.length !== width * n) throw new InputError(`${name} has ${arr.length} values; expected ${width * n}`, { frame: fr.index });
    props.push(`${name}:R:${width}`);
    cols.push({ arr, width, what: name });
  };
  add('velo', fr.velocities, 3);
  if (fr.velocities && masses) {
    const v = fr.velocities,
      p = new Float64Array(v.length);
    for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) p[3 * i + k] = (masses[i] * v[3 * i + k]) / ASE_FS;
    add('momenta', p, 3);
  }
  add('forces', fr.forces, 3);
  add('energies', fr.energies, 1);
  add('charges', fr.charges, 1);
  if (fr.properties) for (const [k, v] of Object.entries(fr.properties)) add(k.replace(/[\s:="]/g, '_'), v, 1);
  let head = '';
  if (fr.cell) head += `Lattice="${Array.from(fr.cell.matrix, (x) => num(x, 'Lattice', fr.index)).join(' ')}" `;
  head += `Properties=${props.join(':')}`;
  if (fr.time_fs !== undefined) head += ` Time=${num(fr.time_fs, 'Time', fr.index)}`;
  if (fr.energy_eV !== undefined) head += ` energy=${num(fr.energy_eV, 'energy', fr.index)}`;
  head += fr.cell ? ' pbc="T T T"' : ' pbc="F F F"';
  const lines: string[] = [String(n), head];
  for (let i = 0; i < n; i++) {
    let l = symbols[i];
    for (const c of cols) for (let k = 0; k < c.width; k++) l += ' ' + num(c.arr[c.width * i + k], c.what, fr.index);
    lines.push(l);
  }
  return lines.join('\n') + '\n';
}

/**
 * Write frames to an extended XYZ file (gzip if the path ends in .gz). `topology` is needed
 * unless `frames` is a Trajectory or a FrameStream (which carry one).
 */
export async function writeExtxyz(path: string, frames: Trajectory | AsyncIterable<Frame> | Iterable<Frame>, topology?: Topology): Promise<void> {
  const top = topology ?? (frames as { topology?: Topology }).topology;
  if (!top)
    throw new InputError('writeExtxyz needs the topology (species of each atom); expected a Trajectory, a FrameStream or a topology argument', {
      file: path,
    });
  const symbols = Array.from(top.species, (c) => top.symbols[c]);
  const iter: AsyncIterable<Frame> | Iterable<Frame> = frames instanceof Trajectory ? frames.frames() : frames;
  checkOutputPath(path, 'an extended XYZ file path');
  const file = createWriteStream(path);
  let out: Writable = file;
  if (/\.gz$/i.test(path)) {
    const gz = createGzip();
    gz.pipe(file);
    out = gz;
  }
  let failed: Error | null = null;
  const onErr = (e: Error) => {
    failed = e;
  };
  file.on('error', onErr);
  out.on('error', onErr);
  try {
    let chunk = '';
    for await (const fr of iter as AsyncIterable<Frame>) {
      if (failed) throw failed;
      chunk += extxyzFrameText(fr, symbols, top.masses);
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    if (chunk) out.write(chunk);
  } finally {
    out.end();
    await finished(file).catch(() => undefined);
  }
  if (failed) throw new InputError(`cannot write the file (${(failed as Error).message})`, { file: path });
}
