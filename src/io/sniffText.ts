/**
 * Text sniffing of the line formats (extxyz, CP2K xyz, XDATCAR, POSCAR, LAMMPS dump): content decides
 * when it is unambiguous; the upper-cased file name (XDATCAR, POSCAR, CONTCAR, *.vasp, *-pos-*.xyz)
 * breaks ties.
 */
import type { TrajectoryFormat } from './readOptions.js';

const CONFIG_RE = /^\s*(direct|cartesian)\b.*configuration/i;
const CP2K_RE = /\bi\s*=\s*\d+\s*,.*\bE\s*=/;

/** Format from the first lines of text and the file name (undefined if unrecognised). */
export function sniffText(text: string, nameU: string): TrajectoryFormat | undefined {
  const lines = text.split('\n', 12).map((l) => l.replace(/\r$/, ''));
  if (/^ITEM:/.test(lines[0]?.trim() ?? '')) return 'lammps-dump';
  if (lines.slice(5, 10).some((l) => CONFIG_RE.test(l))) return 'xdatcar';
  if (/^\s*\d+\s*$/.test(lines[0] ?? '') && lines.length >= 2) {
    const c = lines[1];
    if (/(^|\s)(Lattice|Properties)\s*=/i.test(c)) return 'extxyz';
    if (CP2K_RE.test(c) || /-POS-\d+\.XYZ$/.test(nameU)) return 'cp2k-xyz';
    return 'extxyz';
  }
  if (looksLikePoscar(lines) || /(^|[._-])(POSCAR|CONTCAR)/.test(nameU) || nameU.endsWith('.VASP')) {
    if (nameU.includes('XDATCAR')) return 'xdatcar';
    return looksLikePoscar(lines) ? 'poscar' : undefined;
  }
  if (nameU.includes('XDATCAR')) return 'xdatcar';
  return undefined;
}

function looksLikePoscar(lines: string[]): boolean {
  if (lines.length < 8) return false;
  const nums = (l: string) => l.trim().split(/\s+/).map(Number);
  if (!nums(lines[1]).every(Number.isFinite)) return false;
  for (let k = 2; k < 5; k++) {
    const v = nums(lines[k]);
    if (v.length !== 3 || !v.every(Number.isFinite)) return false;
  }
  const isCounts = (l: string) => /^\s*\d+(\s+\d+)*\s*$/.test(l);
  const modeAt = isCounts(lines[5]) ? 6 : isCounts(lines[6]) ? 7 : -1;
  if (modeAt < 0) return false;
  const mode = /^\s*s/i.test(lines[modeAt]) ? (lines[modeAt + 1] ?? '') : lines[modeAt];
  return /^\s*[dck]/i.test(mode);
}
