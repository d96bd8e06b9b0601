/**
 * Element data: standard atomic masses (IUPAC 2013 conventional values, amu),
 * covalent radii (Cordero et al., Dalton Trans. 2008, Å) and Shannon ionic radii for
 * common mobile cations and anions (Shannon 1976, Å; used by the Pauling ratio).
 */
export interface ElementData {
  symbol: string;
  Z: number;
  /** Standard atomic mass, amu. */
  mass: number;
  /** Covalent radius, Å. */
  covalentRadius: number;
}

// symbol, Z, mass, covalent radius
const TABLE: [string, number, number, number][] = [
  ['X', 0, 1.0, 0.2], // dummy atom, as ASE (Z 0, mass 1.0, missing-radius 0.2 Å)
  ['H', 1, 1.008, 0.31],
  ['He', 2, 4.0026, 0.28],
  ['Li', 3, 6.94, 1.28],
  ['Be', 4, 9.0122, 0.96],
  ['B', 5, 10.81, 0.84],
  ['C', 6, 12.011, 0.76],
  ['N', 7, 14.007, 0.71],
  ['O', 8, 15.999, 0.66],
  ['F', 9, 18.998, 0.57],
  ['Ne', 10, 20.18, 0.58],
  ['Na', 11, 22.99, 1.66],
  ['Mg', 12, 24.305, 1.41],
  ['Al', 13, 26.982, 1.21],
  ['Si', 14, 28.085, 1.11],
  ['P', 15, 30.974, 1.07],
  ['S', 16, 32.06, 1.05],
  ['Cl', 17, 35.45, 1.02],
  ['Ar', 18, 39.948, 1.06],
  ['K', 19, 39.098, 2.03],
  ['Ca', 20, 40.078, 1.76],
  ['Sc', 21, 44.956, 1.7],
  ['Ti', 22, 47.867, 1.6],
  ['V', 23, 50.942, 1.53],
  ['Cr', 24, 51.996, 1.39],
  ['Mn', 25, 54.938, 1.39],
  ['Fe', 26, 55.845, 1.32],
  ['Co', 27, 58.933, 1.26],
  ['Ni', 28, 58.693, 1.24],
  ['Cu', 29, 63.546, 1.32],
  ['Zn', 30, 65.38, 1.22],
  ['Ga', 31, 69.723, 1.22],
  ['Ge', 32, 72.63, 1.2],
  ['As', 33, 74.922, 1.19],
  ['Se', 34, 78.971, 1.2],
  ['Br', 35, 79.904, 1.2],
  ['Kr', 36, 83.798, 1.16],
  ['Rb', 37, 85.468, 2.2],
  ['Sr', 38, 87.62, 1.95],
  ['Y', 39, 88.906, 1.9],
  ['Zr', 40, 91.224, 1.75],
  ['Nb', 41, 92.906, 1.64],
  ['Mo', 42, 95.95, 1.54],
  ['Ag', 47, 107.8682, 1.45],
  ['Cd', 48, 112.41, 1.44],
  ['In', 49, 114.82, 1.42],
  ['Sn', 50, 118.71, 1.39],
  ['Sb', 51, 121.76, 1.39],
  ['Te', 52, 127.6, 1.38],
  ['I', 53, 126.90447, 1.39],
  ['Xe', 54, 131.29, 1.4],
  ['Cs', 55, 132.91, 2.44],
  ['Ba', 56, 137.33, 2.15],
  ['La', 57, 138.91, 2.07],
  ['Ta', 73, 180.95, 1.7],
  ['W', 74, 183.84, 1.62],
  ['Pb', 82, 207.2, 1.46],
  ['Bi', 83, 208.98, 1.48],
];

const BY_SYMBOL = new Map<string, ElementData>(TABLE.map(([symbol, Z, mass, covalentRadius]) => [symbol, { symbol, Z, mass, covalentRadius }]));

/** Element data by symbol (case-sensitive, e.g. "Li"), or undefined if unknown. */
export function element(symbol: string): ElementData | undefined {
  return BY_SYMBOL.get(symbol);
}

/** All elements of the table (including the dummy X, Z = 0). */
export function elementTable(): ElementData[] {
  return [...BY_SYMBOL.values()];
}

/** True if `symbol` is a known element symbol. */
export function isElement(symbol: string): boolean {
  return BY_SYMBOL.has(symbol);
}

/** Atomic mass (amu) of an element; throws for an unknown symbol. */
export function atomicMass(symbol: string): number {
  const e = BY_SYMBOL.get(symbol);
  if (!e) throw new Error(`unknown element symbol "${symbol}"; expected one of ${[...BY_SYMBOL.keys()].join(' ')}`);
  return e.mass;
}

/** Covalent radius (Å) of an element; throws for an unknown symbol. */
export function covalentRadius(symbol: string): number {
  const e = BY_SYMBOL.get(symbol);
  if (!e) throw new Error(`unknown element symbol "${symbol}"`);
  return e.covalentRadius;
}

/** Shannon ionic radii (Å) for common ions, keyed "Li+", "Na+", "Ag+", "S2-", ... (coordination IV/VI as noted). */
export const IONIC_RADII_A: Record<string, number> = {
  'Li+': 0.76, // VI (0.59 in IV)
  'Na+': 1.02, // VI
  'K+': 1.38, // VI
  'Ag+': 1.15, // VI (1.00 in IV)
  'Cu+': 0.77, // VI
  'Mg2+': 0.72, // VI
  'F-': 1.33,
  'Cl-': 1.81,
  'Br-': 1.96,
  'I-': 2.2,
  'O2-': 1.4,
  'S2-': 1.84,
  'Se2-': 1.98,
};
