/**
 * Reader of a DeePMD-kit system folder (the "npy" training-data layout):
 *   type.raw      one integer type per atom (whitespace separated)
 *   type_map.raw  element name of each type (optional: types become "T0", "T1", … without it)
 *   nopbc         present when the system is not periodic (then no box.npy is needed)
 *   set.NNN/      one or more sets, read in name order, each with
 *     coord.npy      (nframes, 3N) Cartesian positions, Å
 *     box.npy        (nframes, 9) cell rows a, b, c, Å
 *     atom_ener.npy  (nframes, N) per-atom energies, eV (optional; the DOAS input, Wang 2023)
 *     force.npy      (nframes, 3N) forces, eV/Å (optional)
 *     energy.npy     (nframes,) total energies, eV (optional)
 * → a Trajectory (frames of all sets in order; positions as stored, i.e. wrapped: info.unwrapped false).
 *
 * `.npy` files: a minimal reader for NumPy format versions 1–3 holding little-endian float64 or float32
 * in C order ('<f8', '<f4'); anything else (big-endian, Fortran order, other dtypes) is refused
 * with a clear error rather than misread.
 */
import { readWholeFile } from './fileAccess.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { topologyFromSymbols } from '../core/topology.js';
import { Trajectory } from '../core/trajectory.js';

/** A numeric array read from a .npy file. */
export interface NpyArray {
  shape: number[];
  /** Values in C order, converted to float64. */
  data: Float64Array;
}

/** Parse the bytes of a .npy file (little-endian float64/float32, C order). */
export function parseNpy(bytes: Uint8Array, file?: string): NpyArray {
  const where = { file };
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
  if (bytes.length < 10 || magic.some((m, k) => bytes[k] !== m))
    throw new InputError('not a .npy file: the magic string \\x93NUMPY is missing', where);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number, start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    headerLen = view.getUint32(8, true);
    start = 12;
  } else throw new InputError(`unsupported .npy format version ${major}.${bytes[7]} (expected 1, 2 or 3)`, where);
  if (start + headerLen > bytes.length) throw new InputError('truncated .npy header', where);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new InputError(`malformed .npy header: ${header.trim()}`, where);
  if (fortran === 'True') throw new InputError('.npy array is in Fortran order; expected C order (numpy.ascontiguousarray before saving)', where);
  const size = descr === '<f8' ? 8 : descr === '<f4' ? 4 : 0;
  if (size === 0) throw new InputError(`.npy dtype "${descr}" is not supported; expected little-endian float64 ('<f8') or float32 ('<f4')`, where);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new InputError(`malformed .npy shape (${shapeText})`, where);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLen;
  if (bytes.length - offset !== count * size) {
    throw new InputError(`.npy data has ${bytes.length - offset} bytes; shape (${shape.join(', ')}) of ${descr} needs ${count * size}`, where);
  }
  const data = new Float64Array(count);
  for (let k = 0; k < count; k++) data[k] = size === 8 ? view.getFloat64(offset + 8 * k, true) : view.getFloat32(offset + 4 * k, true);
  return { shape, data };
}

/** Read a .npy file. */
export async function readNpy(file: string): Promise<NpyArray> {
  return parseNpy(new Uint8Array(readWholeFile(file, 'a .npy array')), file);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/** Read a DeePMD system folder into a Trajectory (see the header). */
export async function readDeepmdSystem(dir: string): Promise<Trajectory> {
  const typeFile = path.join(dir, 'type.raw');
  if (!(await exists(typeFile))) throw new InputError(`not a DeePMD system folder: ${typeFile} is missing`, { file: dir });
  const typeText = readWholeFile(typeFile, 'a DeePMD type.raw').toString('utf8');
  const types = typeText
    .split(/\s+/)
    .filter((s) => s.length > 0)
    .map((s, k) => {
      const t = Number(s);
      if (!Number.isInteger(t) || t < 0)
        throw new InputError(`type.raw entry ${k} is "${s}"; expected a non-negative integer type`, { file: typeFile });
      return t;
    });
  const N = types.length;
  if (N === 0) throw new InputError('type.raw lists no atoms', { file: typeFile });
  const mapFile = path.join(dir, 'type_map.raw');
  const typeMap = (await exists(mapFile))
    ? readWholeFile(mapFile, 'a DeePMD type_map.raw')
        .toString('utf8')
        .split(/\s+/)
        .filter((s) => s.length > 0)
    : null;
  const maxType = Math.max(...types);
  if (typeMap && maxType >= typeMap.length)
    throw new InputError(`type.raw uses type ${maxType} but type_map.raw names only ${typeMap.length} types`, { file: mapFile });
  const symbols = types.map((t) => (typeMap ? typeMap[t] : `T${t}`));
  const periodic = !(await exists(path.join(dir, 'nopbc')));
  const sets = (await fs.readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && e.name.startsWith('set.'))
    .map((e) => e.name)
    .sort();
  if (sets.length === 0) throw new InputError('no set.* folders in the DeePMD system', { file: dir });

  const pos: Float64Array[] = [],
    box: Float64Array[] = [],
    ener: (Float64Array | null)[] = [],
    frc: (Float64Array | null)[] = [],
    tot: (Float64Array | null)[] = [];
  let nFrames = 0;
  for (const s of sets) {
    const sdir = path.join(dir, s);
    const need = async (name: string, width: number, required: boolean): Promise<Float64Array | null> => {
      const f = path.join(sdir, name);
      if (!(await exists(f))) {
        if (required) throw new InputError(`${name} is missing from ${s}`, { file: sdir });
        return null;
      }
      const a = await readNpy(f);
      const frames = a.shape.length === 0 ? 1 : a.shape[0];
      if (a.data.length !== frames * width)
        throw new InputError(`${name} has shape (${a.shape.join(', ')}); expected (nframes, ${width})${width === 1 ? ' or (nframes,)' : ''}`, {
          file: f,
        });
      return a.data;
    };
    const c = (await need('coord.npy', 3 * N, true))!;
    const nf = c.length / (3 * N);
    const check = (name: string, a: Float64Array | null, width: number) => {
      if (a && a.length !== nf * width)
        throw new InputError(`${name} has ${a.length / width} frames but coord.npy has ${nf}`, { file: path.join(sdir, name) });
      return a;
    };
    pos.push(c);
    if (periodic) box.push(check('box.npy', await need('box.npy', 9, true), 9)!);
    ener.push(check('atom_ener.npy', await need('atom_ener.npy', N, false), N));
    frc.push(check('force.npy', await need('force.npy', 3 * N, false), 3 * N));
    tot.push(check('energy.npy', await need('energy.npy', 1, false), 1));
    nFrames += nf;
  }
  const concat = (parts: (Float64Array | null)[]): Float64Array | undefined => {
    if (parts.some((p) => p === null)) return undefined;
    const out = new Float64Array(parts.reduce((a, p) => a + p!.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p!, o);
      o += p!.length;
    }
    return out;
  };
  return new Trajectory({
    topology: topologyFromSymbols(symbols, {}, { file: path.join(dir, 'type_map.raw') }),
    nFrames,
    positions: concat(pos)!,
    cells: periodic ? concat(box)! : null,
    energies: concat(ener),
    forces: concat(frc),
    frameEnergies_eV: concat(tot),
    info: { source: dir, format: 'deepmd-npy', unwrapped: false },
  });
}
