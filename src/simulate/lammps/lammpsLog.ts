/**
 * Parse LAMMPS thermo output (log or screen): every block that starts with a header line beginning "Step"
 * and ends at "Loop time"; returns the columns of all blocks concatenated, and LAMMPS's first ERROR line.
 */
export interface LammpsThermoTable {
  columns: string[];
  rows: number[][];
}

export function parseLammpsThermo(text: string): LammpsThermoTable {
  const lines = text.split(/\r?\n/);
  let columns: string[] = [];
  const rows: number[][] = [];
  let inBlock = false;
  for (const line of lines) {
    const t = line.trim();
    if (/^Step\s/.test(t)) {
      columns = t.split(/\s+/);
      inBlock = true;
      continue;
    }
    if (!inBlock) continue;
    if (t.startsWith('Loop time') || t.startsWith('WARNING') || t === '') {
      if (t.startsWith('Loop time')) inBlock = false;
      continue;
    }
    const parts = t.split(/\s+/);
    if (parts.length !== columns.length) continue;
    const vals = parts.map(Number);
    if (vals.every(Number.isFinite)) rows.push(vals);
  }
  return { columns, rows };
}

/** The first "ERROR..." line of LAMMPS output (with the following line if it continues the message), or null. */
export function lammpsErrorLine(text: string): string | null {
  const m = /^(ERROR[^\n]*)/m.exec(text);
  return m ? m[1].trim() : null;
}
