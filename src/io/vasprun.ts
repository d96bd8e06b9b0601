/**
 * VASP `vasprun.xml` reader (streaming, one `<calculation>` = one frame; gzip transparent).
 *
 * Species from `<atominfo>`'s atoms array (`<rc><c>Li</c><c>1</c></rc>`, one row per atom); per
 * frame the `<structure>` of the calculation: `basis` (rows a, b, c, Å) and fractional `positions`,
 * `forces` (eV/Å) and, outside the SCF `<scstep>`s, the ionic step's `e_fr_energy` (the free energy
 * TOTEN, eV: what ASE returns as the force-consistent energy, pymatgen as e_fr_energy). Structures
 * outside calculations (initialpos, finalpos, primitive cells) are not frames. Frame interval: POTIM
 * (fs) from the parameters when IBRION = 0 (molecular dynamics); otherwise none. vasprun.xml holds
 * no velocities. A file that ends inside a calculation (a run stopped early) yields the complete
 * frames and a warning. Parsing is line-based, as VASP writes one element per line.
 */
import { Cell } from '../core/cell.js';
import { InputError } from '../core/errors.js';
import type { Frame } from '../core/frame.js';
import { topologyFromSymbols } from '../core/topology.js';
import { ByteLineReader, type ByteInput } from './byteLineReader.js';
import { LineFormatReader } from './lineFormatReader.js';
import { parseNumberString } from './parseNumber.js';
import { ReadOptions, SkippedFrame } from './readOptions.js';
import { normalizeSymbol } from './speciesSymbol.js';
import { emitReadWarning } from './timestepWarning.js';

const V_RE = /<v[^>]*>([^<]*)<\/v>/;
const I_RE = /<i[^>]*name="([^"]+)"[^>]*>([^<]*)<\/i>/;

export class VasprunReader extends LineFormatReader {
  private frameLine = 0;
  private constructor(r: ByteLineReader, opts: ReadOptions) {
    super(r, opts);
  }

  static async open(path: ByteInput, opts: ReadOptions): Promise<VasprunReader> {
    return LineFormatReader.openWith(
      path,
      (r) => new VasprunReader(r, opts),
      (x) => x.init(),
    );
  }

  private async init(): Promise<void> {
    const symbols: string[] = [];
    let inAtoms = false,
      ibrion: number | undefined,
      potim: number | undefined,
      sawModeling = false;
    for (;;) {
      if ((await this.r.ensureLines(1)) === 0) break;
      const t = this.r.lineText(0);
      if (t.includes('<calculation')) break; // the first frame: left for readFrame
      this.r.consume(1);
      if (t.includes('<modeling')) sawModeling = true;
      if (/<array\s+name="atoms"/.test(t)) {
        inAtoms = true;
        continue;
      }
      if (inAtoms) {
        if (t.includes('</array>')) {
          inAtoms = false;
          continue;
        }
        const m = /<rc>\s*<c>([^<]*)<\/c>/.exec(t);
        if (m) symbols.push(normalizeSymbol(m[1].trim()));
        continue;
      }
      const i = I_RE.exec(t);
      if (i && i[1] === 'IBRION') ibrion = parseNumberString(i[2]);
      if (i && i[1] === 'POTIM') potim = parseNumberString(i[2]);
    }
    if (!sawModeling) throw new InputError('not a vasprun.xml: no <modeling> element before the first calculation', this.where({ line: 1 }));
    if (symbols.length === 0)
      throw new InputError(
        'no <atominfo> atoms array before the first calculation; expected the species of each atom',
        this.where({ line: this.r.lineNo }),
      );
    this.nAtoms = symbols.length;
    this.topology = topologyFromSymbols(symbols, {}, this.where());
    const md = ibrion === 0 && potim !== undefined && potim > 0;
    this.info = { source: this.r.path, format: 'vasprun', timestep_fs: this.opts.timestep_fs ?? (md ? potim : undefined), unwrapped: false };
    this.mdStep = md ? potim : undefined;
  }

  private mdStep: number | undefined;

  private async vectors(count: number, what: string, frame: number, out: Float64Array | null, map: Int32Array | null): Promise<void> {
    for (let i = 0; i < count; i++) {
      const line = this.r.lineNo;
      const t = await this.next();
      const m = t === null ? null : V_RE.exec(t);
      if (!m)
        throw new InputError(
          `${what}: expected ${count} <v> rows, found ${i}${t === null ? ' before the end of the file' : ` then "${t.trim().slice(0, 40)}"`}`,
          this.where({ frame, line }),
        );
      if (!out) continue;
      const slot = map ? map[i] : i;
      if (slot < 0) continue;
      const p = m[1].trim().split(/\s+/);
      for (let c = 0; c < 3; c++) {
        const v = parseNumberString(p[c] ?? '');
        if (!Number.isFinite(v) || p.length !== 3)
          throw new InputError(`${what} row "${m[1].trim()}"; expected three numbers`, this.where({ frame, line }));
        out[3 * slot + c] = v;
      }
    }
  }

  /** Parse one calculation; null at the end of the file (or a truncated last calculation, with a warning). */
  private async calc(index: number, keep: boolean): Promise<Frame | null> {
    // find <calculation>
    for (;;) {
      if ((await this.r.ensureLines(1)) === 0) return null;
      const t = this.r.lineText(0);
      if (t.includes('<calculation')) break;
      this.r.consume(1);
      if (t.includes('</modeling>')) return null;
    }
    this.frameLine = this.r.lineNo;
    this.r.consume(1);
    const m = this.nOut,
      map = this.map;
    let basis: Float64Array | null = null,
      frac: Float64Array | null = null,
      forces: Float64Array | null = null,
      energy: number | undefined;
    let scDepth = 0;
    for (;;) {
      const line = this.r.lineNo;
      const t = await this.next();
      if (t === null) {
        emitReadWarning(
          `${this.r.path}: the file ends inside calculation ${index} (line ${this.frameLine}; a run stopped early?): read the ${index} complete frame(s) before it`,
          this.opts.onWarning,
        );
        return null;
      }
      if (t.includes('<scstep')) {
        scDepth++;
        continue;
      }
      if (t.includes('</scstep>')) {
        scDepth--;
        continue;
      }
      if (scDepth > 0) continue;
      if (/<varray\s+name="basis"/.test(t)) {
        basis = new Float64Array(9);
        await this.vectors(3, 'basis', index, basis, null);
        continue;
      }
      if (/<varray\s+name="positions"/.test(t)) {
        frac = keep ? new Float64Array(3 * m) : null;
        await this.vectors(this.nAtoms, 'positions', index, frac, map);
        if (!keep) frac = new Float64Array(0);
        continue;
      }
      if (/<varray\s+name="forces"/.test(t)) {
        forces = keep ? new Float64Array(3 * m) : null;
        await this.vectors(this.nAtoms, 'forces', index, forces, map);
        continue;
      }
      const i = I_RE.exec(t);
      if (i && i[1] === 'e_fr_energy') {
        energy = parseNumberString(i[2]);
        if (!Number.isFinite(energy))
          throw new InputError(`e_fr_energy "${i[2].trim()}"; expected a number (eV)`, this.where({ frame: index, line }));
      }
      if (t.includes('</calculation>')) break;
    }
    if (!basis || !frac)
      throw new InputError(
        `calculation without a structure (basis and positions); expected one per ionic step`,
        this.where({ frame: index, line: this.frameLine }),
      );
    if (!keep) return { index, cell: null, positions: frac };
    const cell = new Cell(basis, this.where({ frame: index, line: this.frameLine }));
    return LineFormatReader.stepFrame(index, cell, cell.toCartesian(frac), { forces, energy_eV: energy, mdStep_fs: this.mdStep });
  }

  async readFrame(index: number): Promise<Frame | null> {
    return this.calc(index, true);
  }

  async skipFrame(index: number): Promise<SkippedFrame | null> {
    const f = await this.calc(index, false);
    return f ? LineFormatReader.skippedStep(index, this.mdStep) : null;
  }
}
