/**
 * The binary protocol of the ML worker (python/ml_worker.py), little-endian, one message = u32 byte count +
 * payload (framing in syncWorkerProcess.ts):
 *   request: u8 1, u32 nFrames, per frame u32 n, f64 cell[9] (rows = lattice vectors, Å), f64 x[3n] (Å), i32 Z[n]
 *   reply:   u8 0, u32 nFrames, per frame f64 E (eV), f64 σ[6] (Voigt xx yy zz yz xz xy, eV/Å³, ASE sign: σ = (1/V) ∂E/∂ε),
 *            f64 F[3n] (eV/Å), f64 E_i[n] (eV)
 *   error:   u8 1, UTF-8 message;   greeting: u8 2, UTF-8 JSON (model, versions, device, known elements)
 */
import { InputError } from '../../core/errors.js';

/** One structure to evaluate. */
export interface WorkerFrame {
  /** Atomic numbers, N. */
  Z: Int32Array;
  /** Cell matrix, rows = lattice vectors, Å (9). */
  cell: Float64Array;
  /** Cartesian positions, Å (3N). */
  positions: Float64Array;
}

/** The model's answer for one structure. */
export interface WorkerResult {
  energy_eV: number;
  /** Stress, Voigt order xx yy zz yz xz xy, eV/Å³ (ASE convention: positive = tensile). */
  stress_eV_A3: Float64Array;
  forces: Float64Array;
  /** Per-atom energies, eV (sum = energy_eV). */
  energies: Float64Array;
}

/** The worker's greeting. */
export interface WorkerInfo {
  model: string;
  model_version: string;
  package: string;
  package_version: string;
  torch_version: string;
  device: string;
  elements: number[];
}

export function encodeEvaluateRequest(frames: WorkerFrame[]): Uint8Array {
  let size = 5;
  for (const f of frames) size += 4 + 72 + 24 * f.Z.length + 4 * f.Z.length;
  const buf = new ArrayBuffer(size);
  const dv = new DataView(buf);
  dv.setUint8(0, 1);
  dv.setUint32(1, frames.length, true);
  let o = 5;
  for (const f of frames) {
    const n = f.Z.length;
    if (f.positions.length !== 3 * n || f.cell.length !== 9)
      throw new InputError(`ML request: ${f.positions.length} coordinates and ${f.cell.length} cell entries for ${n} atoms`);
    dv.setUint32(o, n, true);
    o += 4;
    for (let k = 0; k < 9; k++, o += 8) dv.setFloat64(o, f.cell[k], true);
    for (let k = 0; k < 3 * n; k++, o += 8) dv.setFloat64(o, f.positions[k], true);
    for (let k = 0; k < n; k++, o += 4) dv.setInt32(o, f.Z[k], true);
  }
  return new Uint8Array(buf);
}

const text = new TextDecoder();

/** Decode a reply; an error reply becomes an InputError with the worker's message. */
export function decodeEvaluateReply(msg: Uint8Array, atoms: number[]): WorkerResult[] {
  const dv = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
  const status = dv.getUint8(0);
  if (status === 1) throw new InputError(`ML potential: ${text.decode(msg.subarray(1))}`);
  if (status !== 0) throw new InputError(`ML worker sent an unexpected message (status ${status})`);
  const nf = dv.getUint32(1, true);
  if (nf !== atoms.length) throw new InputError(`ML worker answered ${nf} frames for ${atoms.length}`);
  const out: WorkerResult[] = [];
  let o = 5;
  for (const n of atoms) {
    const energy_eV = dv.getFloat64(o, true);
    o += 8;
    const stress_eV_A3 = new Float64Array(6);
    for (let k = 0; k < 6; k++, o += 8) stress_eV_A3[k] = dv.getFloat64(o, true);
    const forces = new Float64Array(3 * n);
    for (let k = 0; k < 3 * n; k++, o += 8) forces[k] = dv.getFloat64(o, true);
    const energies = new Float64Array(n);
    for (let k = 0; k < n; k++, o += 8) energies[k] = dv.getFloat64(o, true);
    out.push({ energy_eV, stress_eV_A3, forces, energies });
  }
  if (o !== msg.byteLength) throw new InputError(`ML worker reply has ${msg.byteLength} bytes; expected ${o}`);
  return out;
}

export function decodeGreeting(msg: Uint8Array): WorkerInfo {
  if (msg[0] === 1) throw new InputError(`ML worker failed to start: ${text.decode(msg.subarray(1))}`);
  if (msg[0] !== 2) throw new InputError(`ML worker sent an unexpected first message (status ${msg[0]})`);
  return JSON.parse(text.decode(msg.subarray(1))) as WorkerInfo;
}
