/**
 * Streaming extended-XYZ writer for engine output (Node edge: writes a file frame by frame with bounded
 * memory). Columns: species:S:1:pos:R:3:velo:R:3:energies:R:1 (Å, Å/fs, eV); comment keys Lattice, Time (fs),
 * energy (eV), pbc. Positions are unwrapped (continuous), as the engine keeps them.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Topology } from '../core/topology.js';

export class ExtxyzFrameWriter {
  private fd: number;
  private readonly symbols: string[];

  constructor(
    readonly path: string,
    readonly topology: Topology,
    readonly cell: Cell,
  ) {
    try {
      this.fd = openSync(path, 'w');
    } catch (e) {
      throw new InputError(
        `cannot write the trajectory: ${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message.replace(/^[A-Z]+: /, '')}; choose another --out`.replace(
          /\s+/g,
          ' ',
        ),
        { file: path },
      );
    }
    this.symbols = Array.from(topology.species, (c) => topology.symbols[c]);
  }

  write(time_fs: number, energy_eV: number, x: Float64Array, v: Float64Array | null, pe: Float64Array | null): void {
    const n = this.symbols.length,
      m = this.cell.matrix;
    const props = 'species:S:1:pos:R:3' + (v ? ':velo:R:3' : '') + (pe ? ':energies:R:1' : '');
    const lines: string[] = [
      String(n),
      `Lattice="${Array.from(m, (c) => c.toPrecision(12)).join(' ')}" Properties=${props} Time=${time_fs} energy=${energy_eV.toPrecision(12)} pbc="T T T"`,
    ];
    for (let i = 0; i < n; i++) {
      let s = `${this.symbols[i]} ${x[3 * i].toFixed(8)} ${x[3 * i + 1].toFixed(8)} ${x[3 * i + 2].toFixed(8)}`;
      if (v) s += ` ${v[3 * i].toExponential(10)} ${v[3 * i + 1].toExponential(10)} ${v[3 * i + 2].toExponential(10)}`;
      if (pe) s += ` ${pe[i].toPrecision(12)}`;
      lines.push(s);
    }
    try {
      writeSync(this.fd, lines.join('\n') + '\n');
    } catch (e) {
      throw new InputError(`writing the trajectory failed: ${(e as Error).message} (disk full?)`, { file: this.path });
    }
  }

  close(): void {
    if (this.fd >= 0) {
      closeSync(this.fd);
      this.fd = -1;
    }
  }
}
