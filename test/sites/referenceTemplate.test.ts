import { expect, test } from 'vitest';
import { Cell } from '../../src/core/cell';
import { topologyFromSymbols } from '../../src/core/topology';
import { templateFromReferenceStructure } from '../../src/sites/referenceTemplate';
import { buildSiteNetwork, siteCentres, siteCounts } from '../../src/sites/siteNetwork';
import { idealLatticeTemplate } from '../../src/sites/siteTemplate';
import { hostsFirst, tiledHosts } from './helpers';

/** An fcc reference cell (a = 4 Å): 4 I hosts, Ag on the 8 tetrahedral and Cu on the 4 octahedral sites. */
function fccReference() {
  const t = idealLatticeTemplate('fcc');
  const cell = Cell.orthorhombic(4, 4, 4);
  const frac = [...t.hostFrac, ...t.siteTypes[0].centresFrac, ...t.siteTypes[1].centresFrac].flat();
  const symbols = [...Array(4).fill('I'), ...Array(8).fill('Ag'), ...Array(4).fill('Cu')];
  return { topology: topologyFromSymbols(symbols), positions: cell.toCartesian(frac), cell, source: 'ref.poscar' };
}

test('sites from a reference structure reproduce the ideal-lattice sites on a 3×3×3 supercell', () => {
  const tpl = templateFromReferenceStructure(fccReference(), { host: 'I', siteSpecies: 'Ag' });
  const { cell, positions } = tiledHosts(idealLatticeTemplate('fcc'), [3, 3, 3], 4.2); // scaled 5 %: only the shape matters
  const net = buildSiteNetwork(tpl, positions, cell, hostsFirst(positions));
  expect(siteCounts(net)).toEqual({ Ag: 8 * 27 });
  // an octahedral site asked for with 4 vertices is ambiguous (6 hosts tie) and refused
  const wrong = templateFromReferenceStructure(fccReference(), { host: 'I', siteSpecies: 'Cu' });
  expect(() => buildSiteNetwork(wrong, positions, cell)).toThrow(/4 nearest hosts of the centre \(0\.5, 0\.5, 0\.5\) are not unique/);
  const octTpl = templateFromReferenceStructure(fccReference(), { host: 'I', siteSpecies: 'Cu', nVertices: 6 });
  expect(octTpl.siteTypes[0].kind).toBe('octahedral');
  const octNet = buildSiteNetwork(octTpl, positions, cell, hostsFirst(positions));
  const c = siteCentres(octNet, positions, cell);
  for (let s = 0; s < octNet.nSites; s++)
    for (let o = octNet.vertexStart[s]; o < octNet.vertexStart[s + 1]; o++) {
      expect(cell.distance(c, s, positions, octNet.vertices[o])).toBeCloseTo(2.1, 10); // a/2 of the strained lattice
    }
});

test('a reference that does not match the trajectory is refused', () => {
  const tpl = templateFromReferenceStructure(fccReference(), { host: 'I', siteSpecies: 'Ag' });
  const b = tiledHosts(idealLatticeTemplate('bcc'), [4, 4, 4], 4.0); // 128 hosts = 32 "cells" of 4, but a 4×4×4 cubic box
  expect(() => buildSiteNetwork(tpl, b.positions, b.cell)).toThrow(/does not match/);
  expect(() => templateFromReferenceStructure(fccReference(), { host: 'S', siteSpecies: 'Ag' })).toThrow(/no atoms of species "S"/);
  expect(() => templateFromReferenceStructure(fccReference(), { host: 'I', siteSpecies: 'I' })).toThrow(/both host and site marker/);
});
