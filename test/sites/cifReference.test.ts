// Reference structures from CIF: parsing (cell, symmetry expansion with duplicate merging, quoted
// values, uncertainties, partial occupancy), tetrahedral interstices of the host framework, and the
// argyrodite network from a hand-written F-43m CIF vs the built-in argyroditeTemplate on real data.
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { Args } from '../../src/cli/args';
import { run as runSites } from '../../src/cli/commands/sites';
import { cifNumber, cifTrajectory, parseCif, parseSymmetryOperation, readCif } from '../../src/io/cif';
import { readTrajectory } from '../../src/io';
import { argyroditeTemplate } from '../../src/sites/argyroditeTemplate';
import { GaussianSiteOccupancy } from '../../src/sites/gaussianSiteOccupancy';
import { templateFromReferenceStructure } from '../../src/sites/referenceTemplate';
import { buildSiteNetworkFromFrame, SiteNetwork, siteCounts } from '../../src/sites/siteNetwork';

const DATA = path.resolve(__dirname, '../../data');
const CIF = path.resolve(__dirname, '../fixtures/sites/Li6PS5Cl_F-43m.cif');

/** Host-atom sets of each site → type name. */
function siteMap(net: SiteNetwork): Map<string, string> {
  const out = new Map<string, string>();
  for (let s = 0; s < net.nSites; s++) {
    const v = Array.from(net.vertices.subarray(net.vertexStart[s], net.vertexStart[s + 1]))
      .map((k) => net.hostAtoms![k])
      .sort((a, b) => a - b);
    out.set(v.join(','), net.typeNames[net.siteType[s]]);
  }
  return out;
}

describe('CIF reader', () => {
  test('the F-43m argyrodite fixture expands to the full conventional cell', () => {
    const s = readCif(CIF);
    expect(s.spaceGroup).toBe('F -4 3 m');
    expect(s.symmetryOperations).toHaveLength(96);
    expect(s.cell.lengths()[0]).toBeCloseTo(10.1562, 10); // "10.1562(3)": uncertainty dropped
    const perLabel: Record<string, number> = {};
    for (const l of s.labels) perLabel[l] = (perLabel[l] ?? 0) + 1;
    // Wyckoff multiplicities of F-43m: 48h, 4b, 16e, 4d, 4a
    expect(perLabel).toEqual({ Li1: 48, P1: 4, S1: 16, S2: 4, Cl1: 4 });
    expect(s.topology.symbols).toEqual(['Li', 'P', 'S', 'Cl']);
    const li = s.labels.indexOf('Li1');
    expect(s.occupancy[li]).toBe(0.5); // kept as a site although half occupied (documented rule)
    // S1 at 16e: every image has x, y, z ∈ {0.38176, 0.61824, 0.88176, 0.11824} (exact arithmetic of the ops)
    for (let i = 0; i < s.labels.length; i++)
      if (s.labels[i] === 'S1') {
        for (let k = 0; k < 3; k++)
          expect([0.38176, 0.61824, 0.88176, 0.11824].some((v) => Math.abs(s.fractional[3 * i + k] - v) < 1e-12)).toBe(true);
      }
    // PS4 geometry: P–S = √3·0.11824·a = 2.080 Å
    const p = s.labels.indexOf('P1');
    const dPS = Math.min(...s.labels.map((l, i) => (l === 'S1' ? s.cell.distance(s.positions, p, s.positions, i) : Infinity)));
    expect(dPS).toBeCloseTo(Math.sqrt(3) * 0.11824 * 10.1562, 10);
    const t = cifTrajectory(s);
    expect(t.nFrames).toBe(1);
    expect(t.nAtoms).toBe(76);
  });

  test('values: uncertainties, unknowns, quoted strings; symmetry operations in all spellings', () => {
    expect(cifNumber('0.1234(5)')).toBe(0.1234);
    expect(cifNumber('-1.5e-2(12)')).toBe(-0.015);
    expect(cifNumber('?')).toBeNull();
    expect(cifNumber('.')).toBeNull();
    expect(cifNumber('abc')).toBeNaN();
    const op = parseSymmetryOperation('-x+1/2, y-1/4,z');
    expect(op.rotation).toEqual([-1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(op.translation).toEqual([0.5, -0.25, 0]);
    const hex = parseSymmetryOperation('X-Y,x,1/6+Z');
    expect(hex.rotation).toEqual([1, -1, 0, 1, 0, 0, 0, 0, 1]);
    expect(hex.translation[2]).toBeCloseTo(1 / 6, 15);
    expect(parseSymmetryOperation('0.5+x, y, -z').translation).toEqual([0.5, 0, 0]);
  });

  test('hexagonal cell: 4-decimal coordinates on special positions merge within the tolerance', () => {
    // hcp Mg, P6_3/mmc, 2c (1/3, 2/3, 1/4) written as 0.3333/0.6667: the 24 operations give 2 atoms.
    const ops = [
      'x,y,z',
      '-y,x-y,z',
      '-x+y,-x,z',
      '-x,-y,z+1/2',
      'y,-x+y,z+1/2',
      'x-y,x,z+1/2',
      'y,x,-z',
      'x-y,-y,-z',
      '-x,-x+y,-z',
      '-y,-x,-z+1/2',
      '-x+y,y,-z+1/2',
      'x,x-y,-z+1/2',
    ];
    // the inversions: negate every term of every component
    const inv = ops.map((o) =>
      o
        .split(',')
        .map((c) => c.replace(/^(?=[^+-])/, '+').replace(/[+-]/g, (m) => (m === '+' ? '-' : '+')))
        .join(','),
    );
    const text = `data_mg
_cell_length_a 3.2094
_cell_length_b 3.2094
_cell_length_c 5.2108
_cell_angle_gamma 120
_symmetry_space_group_name_H-M 'P 63/m m c'
loop_
_symmetry_equiv_pos_as_xyz
${[...ops, ...inv].join('\n')}
loop_
_atom_site_label
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
Mg1 0.3333 0.6667 0.25
`;
    const s = parseCif(text, 'mg.cif');
    expect(s.symmetryOperations).toHaveLength(24);
    expect(s.labels).toEqual(['Mg1', 'Mg1']);
    expect(s.topology.symbols).toEqual(['Mg']);
    // the second atom is the 2c partner (2/3, 1/3, 3/4)
    expect(Array.from(s.fractional.subarray(3, 6)).map((v) => +v.toFixed(3))).toEqual([0.667, 0.333, 0.75]);
    // a hexagonal close-packed reference has octahedral holes: its tetrahedral split is not unique
    expect(() => templateFromReferenceStructure(s, { host: 'Mg' })).toThrow(/6 hosts lie on one empty sphere/);
  });

  test('partial occupancy: S/Cl mixed sites take the majority occupant (first listed on a tie)', () => {
    const text = `data_mixed
_cell_length_a 10
_cell_length_b 10
_cell_length_c 10
loop_
_space_group_symop_operation_xyz
'x, y, z'
'x+1/2, y+1/2, z'
loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
_atom_site_occupancy
S1 S 0 0 0 0.5
Cl1 Cl 0 0 0 0.5
Cl2 Cl 0.25 0.25 0.5 0.7
S2 S 0.25 0.25 0.5 0.3
Li1 Li 0.1 0.2 0.3 0.25
`;
    const s = parseCif(text, 'mixed.cif');
    expect(s.labels).toEqual(['S1', 'S1', 'Cl2', 'Cl2', 'Li1', 'Li1']);
    expect(s.occupants[0].map((o) => `${o.label}:${o.occupancy}`)).toEqual(['S1:0.5', 'Cl1:0.5']);
    expect(Array.from(s.occupancy)).toEqual([1, 1, 1, 1, 0.25, 0.25]);
    expect(atomSymbolsOf(s)).toEqual(['S', 'S', 'Cl', 'Cl', 'Li', 'Li']);
  });

  test('bad input: missing cell, bad symmetry operations, no atom loop, and more', () => {
    const cell = '_cell_length_a 5\n_cell_length_b 5\n_cell_length_c 5\n';
    const atoms = 'loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\n';
    const ops = (o: string) => `loop_\n_space_group_symop_operation_xyz\n${o}\n`;
    const bad = (text: string) => () => parseCif(text, 'bad.cif');
    expect(bad(`data_x\n_cell_length_a 5\n_cell_length_c 5\n${atoms}`)).toThrow(/bad\.cif, line 1: missing _cell_length_b/);
    expect(bad(`data_x\n${cell}${ops("'x, y'")}${atoms}`)).toThrow(/line 7: bad symmetry operation "x, y": 2 components/);
    expect(bad(`data_x\n${cell}${ops("'x, x, z'")}${atoms}`)).toThrow(/determinant 0\.000, not ±1/);
    expect(bad(`data_x\n${cell}${ops("'x, q, z'")}${atoms}`)).toThrow(/bad symmetry operation "x, q, z": cannot read "q"/);
    expect(bad(`data_x\n${cell}${ops("'x, y, z'")}`)).toThrow(/no atom-site loop with fractional coordinates/);
    expect(bad(`data_x\n${cell}_symmetry_space_group_name_H-M 'F m -3 m'\n${atoms}`)).toThrow(
      /names space group "F m -3 m" but lists no symmetry operations/,
    );
    expect(bad(`data_x\n${cell}${atoms}Na2 0 0 0.001\n`)).toThrow(/total occupancy 2\.000 > 1/); // 0.005 Å apart: merged
    expect(bad(`data_x\n${cell}_cell_angle_beta 'ninety'\n${atoms}`)).toThrow(/_cell_angle_beta must be a positive number, got "ninety"/);
    expect(bad(`data_x\n${cell}loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0\n`)).toThrow(
      /line 5: loop of 4 tags .* has 3 values/,
    );
    expect(bad(`data_x\n_chemical_name 'unclosed\n${cell}`)).toThrow(/line 2: unterminated quoted value/);
    expect(bad(`${cell}${atoms}`)).toThrow(/expected a "data_" block header/);
    expect(bad(`data_x\n${cell}loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nXx1 0 0 0\n`)).toThrow(
      /cannot tell the element from "Xx1"/,
    );
    expect(() => readCif('/nonexistent/ref.cif')).toThrow(/\/nonexistent\/ref\.cif: cannot read the CIF file/);
  });
});

function atomSymbolsOf(s: { topology: { symbols: string[]; species: Uint16Array } }): string[] {
  return Array.from(s.topology.species, (c) => s.topology.symbols[c]);
}

describe('argyrodite sites from the F-43m CIF (real Li6PS5Cl, 0 % disorder)', () => {
  test('tetrahedral interstices of the S/Cl framework = the built-in argyroditeTemplate network', async () => {
    const ref = readCif(CIF);
    const tpl = templateFromReferenceStructure(ref, { host: ['S', 'Cl'] });
    // 136 empty-sphere tetrahedra per cell in six symmetry orbits, named by what sits inside them
    expect(Object.fromEntries(tpl.siteTypes.map((t) => [t.name, t.centresFrac.length]))).toEqual({
      P1: 4,
      'S1-S1-S1-S2 ×16': 16,
      'Cl1-S1-S1-S2 ×48': 48,
      'S1-S1-S1-S1 ×4': 4,
      'Cl1-S1-S1-S1 ×16': 16,
      Li1: 48,
    });
    const traj = await readTrajectory(path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz'), { timestep_fs: 100, frames: { end: 10 } });
    const a = buildSiteNetworkFromFrame(tpl, traj.frame(0), traj.topology, { host: ['S', 'Cl'] });
    const b = buildSiteNetworkFromFrame(argyroditeTemplate(), traj.frame(0), traj.topology, { host: ['S', 'Cl'] });
    expect(a.nSites).toBe(1088);
    expect(a.replication).toEqual([2, 2, 2]);
    const ma = siteMap(a),
      mb = siteMap(b);
    expect([...ma.keys()].sort()).toEqual([...mb.keys()].sort()); // the same 1088 host tetrahedra
    // the type partition is the same: one Morgan type per CIF type, a bijection
    const map = new Map<string, Set<string>>();
    for (const [k, t] of ma) {
      if (!map.has(t)) map.set(t, new Set());
      map.get(t)!.add(mb.get(k)!);
    }
    expect(Object.fromEntries([...map].map(([t, s]) => [t, [...s]]))).toEqual({
      P1: ['type 0'],
      'S1-S1-S1-S2 ×16': ['type 1'],
      'Cl1-S1-S1-S2 ×48': ['type 2'],
      'S1-S1-S1-S1 ×4': ['type 3'],
      'Cl1-S1-S1-S1 ×16': ['type 4'],
      Li1: ['type 5'],
    });
    expect(siteCounts(a)).toEqual({
      P1: 32,
      'S1-S1-S1-S2 ×16': 128,
      'Cl1-S1-S1-S2 ×48': 384,
      'S1-S1-S1-S1 ×4': 32,
      'Cl1-S1-S1-S1 ×16': 128,
      Li1: 384,
    });
    // same network → the same occupancies (10 frames; only summation order could differ: 1e-12)
    const oa = new GaussianSiteOccupancy(a, { mobile: 'Li' }),
      ob = new GaussianSiteOccupancy(b, { mobile: 'Li' });
    for (const f of traj.frames()) {
      oa.addFrame(f, traj.topology);
      ob.addFrame(f, traj.topology);
    }
    const pa = Object.fromEntries(oa.result().types.map((t) => [t.name, t.P1]));
    const pb = Object.fromEntries(ob.result().types.map((t) => [t.name, t.P1]));
    expect(Math.abs(pa.Li1 - pb['type 5'])).toBeLessThan(1e-12);
    expect(Math.abs(pa['Cl1-S1-S1-S2 ×48'] - pb['type 2'])).toBeLessThan(1e-12);
  });

  test('superionic sites --reference FILE.cif', async () => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
    try {
      await runSites(
        new Args([path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz'), '--mobile', 'Li', '--host', 'S,Cl', '--reference', CIF, '--dt', '100', '--json']),
      );
    } finally {
      spy.mockRestore();
    }
    const r = JSON.parse(out);
    expect(r.replication).toEqual([2, 2, 2]);
    expect(r.types.Li1.sites).toBe(384);
    // Morgan 2021 (see argyroditeRealData.test.ts): type 5 (= Li1) holds 0.806 of Li, type 2 0.194; 0.05 as there
    expect(Math.abs(r.types.Li1.P1 - 0.80584)).toBeLessThan(0.05);
    expect(Math.abs(r.types['Cl1-S1-S1-S2 ×48'].P1 - 0.19407)).toBeLessThan(0.05);
    expect(r.types.P1.P1).toBeLessThan(1e-3); // the PS4 centre never holds Li
  });

  test('a CIF that does not match the trajectory is refused', async () => {
    const traj = await readTrajectory(path.join(DATA, 'Li6PS5Cl_0pct_500K_XDATCAR.gz'), { timestep_fs: 100, frames: { end: 1 } });
    // S/Cl hosts in the CIF (24 per cell), S only in the trajectory (160): not a whole number of cells
    const tpl = templateFromReferenceStructure(readCif(CIF), { host: ['S', 'Cl'] });
    expect(() => buildSiteNetworkFromFrame(tpl, traj.frame(0), traj.topology, { host: ['S'] })).toThrow(
      /does not match: it has 24 host atoms per cell, the trajectory has 160/,
    );
    // S alone: the empty 4a position (a 4a-equivalent centre) is surrounded by 12 S at one distance (by symmetry): ambiguous, refused
    expect(() => templateFromReferenceStructure(readCif(CIF), { host: 'S' })).toThrow(/12 hosts lie on one empty sphere \(radius 4\.233 Å/);
  });
});
