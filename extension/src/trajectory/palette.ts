/**
 * Display colours and radii per element: CPK / Jmol-like colours, ball radius ≈ 0.4 × covalent
 * radius (Cordero et al. 2008), clamped so light and heavy ions both stay visible.
 */

const ELEMENTS: Record<string, [color: number, covalentRadius_A: number]> = {
  H: [0xffffff, 0.31],
  He: [0xd9ffff, 0.28],
  Li: [0xcc80ff, 1.28],
  Be: [0xc2ff00, 0.96],
  B: [0xffb5b5, 0.84],
  C: [0x909090, 0.76],
  N: [0x3050f8, 0.71],
  O: [0xff0d0d, 0.66],
  F: [0x90e050, 0.57],
  Na: [0xab5cf2, 1.66],
  Mg: [0x8aff00, 1.41],
  Al: [0xbfa6a6, 1.21],
  Si: [0xf0c8a0, 1.11],
  P: [0xff8000, 1.07],
  S: [0xffff30, 1.05],
  Cl: [0x1ff01f, 1.02],
  K: [0x8f40d4, 2.03],
  Ca: [0x3dff00, 1.76],
  Sc: [0xe6e6e6, 1.7],
  Ti: [0xbfc2c7, 1.6],
  V: [0xa6a6ab, 1.53],
  Cr: [0x8a99c7, 1.39],
  Mn: [0x9c7ac7, 1.39],
  Fe: [0xe06633, 1.32],
  Co: [0xf090a0, 1.26],
  Ni: [0x50d050, 1.24],
  Cu: [0xc88033, 1.32],
  Zn: [0x7d80b0, 1.22],
  Ga: [0xc28f8f, 1.22],
  Ge: [0x668f8f, 1.2],
  As: [0xbd80e3, 1.19],
  Se: [0xffa100, 1.2],
  Br: [0xa62929, 1.2],
  Rb: [0x702eb0, 2.2],
  Sr: [0x00ff00, 1.95],
  Y: [0x94ffff, 1.9],
  Zr: [0x94e0e0, 1.75],
  Nb: [0x73c2c9, 1.64],
  Mo: [0x54b5b5, 1.54],
  Ag: [0xc0c0c0, 1.45],
  In: [0xa67573, 1.42],
  Sn: [0x668080, 1.39],
  Sb: [0x9e63b5, 1.39],
  Te: [0xd47a00, 1.38],
  I: [0x940094, 1.39],
  Cs: [0x57178f, 2.44],
  Ba: [0x00c900, 2.15],
  La: [0x70d4ff, 2.07],
  Ta: [0x4da6ff, 1.7],
  W: [0x2194d6, 1.62],
  Pb: [0x575961, 1.46],
  Bi: [0x9e4fb5, 1.48],
};

/** Colours for unknown symbols and for site types, chosen to be distinct (Tableau 10). */
const DISTINCT = [0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac];

/** Strip charges / labels ("Li1", "Li+", "Li_a") down to the element symbol. */
function elementOf(symbol: string): string {
  const m = /^([A-Z][a-z]?)/.exec(symbol.trim());
  return m ? m[1] : symbol;
}

export function speciesColor(symbol: string, index: number): number {
  return ELEMENTS[elementOf(symbol)]?.[0] ?? DISTINCT[index % DISTINCT.length];
}

export function speciesRadius(symbol: string): number {
  const r = ELEMENTS[elementOf(symbol)]?.[1] ?? 1.2;
  return Math.min(0.8, Math.max(0.25, 0.4 * r));
}

export function siteTypeColor(index: number): number {
  return DISTINCT[index % DISTINCT.length];
}

export const hex = (c: number): string => '#' + c.toString(16).padStart(6, '0');
