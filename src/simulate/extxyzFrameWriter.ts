/**
 * Streaming extended-XYZ writer for engine output (Node edge: writes a file frame by frame with bounded
 * memory). Columns: species:S:1:pos:R:3:velo:R:3:energies:R:1 (Å, Å/fs, eV); comment keys Lattice, Time (fs),
 * energy (eV), pbc. Positions are unwrapped (continuous), as the engine keeps them.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Cell } from '../core/cell.js';
import type { Topology } from '../core/topology.js';

export class ExtxyzFrameWriter {
  private fd: number;
  private readonly symbols: string[];

  constructor(readonly path: string, readonly topology: Topology, readonly cell: Cell) {
    this.fd = openSync(path, 'w');
    this.symbols = Array.from(topology.species, (c) => topology.symbols[c]);
  }

  write(time_fs: number, energy_eV: number, x: Float64Array, v: Float64Array | null, pe: Float64Array | null): void {
    const n = this.symbols.length, m = this.cell.matrix;
    const props = 'species:S:1:pos:R:3' + (v ? ':velo:R:3' : '') + (pe ? ':energies:R:1' : '');
    const lines: string[] = [String(n),
      `Lattice="${Array.from(m, (c) => c.toPrecision(12)).join(' ')}" Properties=${props} Time=${time_fs} energy=${energy_eV.toPrecision(12)} pbc="T T T"`];
    for (let i = 0; i < n; i++) {
      let s = `${this.symbols[i]} ${x[3 * i].toFixed(8)} ${x[3 * i + 1].toFixed(8)} ${x[3 * i + 2].toFixed(8)}`;
      if (v) s += ` ${v[3 * i].toExponential(10)} ${v[3 * i + 1].toExponential(10)} ${v[3 * i + 2].toExponential(10)}`;
      if (pe) s += ` ${pe[i].toPrecision(12)}`;
      lines.push(s);
    }
    writeSync(this.fd, lines.join('\n') + '\n');
  }

  close(): void {
    if (this.fd >= 0) { closeSync(this.fd); this.fd = -1; }
  }
}
