// superionic side of the sites benchmark: Gaussian-weighted occupancy with sites recomputed every
// frame (the real analysis), and a nearest-static-site count (the same task as pymatgen's
// SiteOccupancyAnalyzer) for a like-for-like cross-check. Writes the peer input to argv[3].
const { writeFileSync } = require('node:fs');
const { readTrajectory } = require('../../dist/io/index.js');
const { analyseFrames } = require('../../dist/core/frameAnalysis.js');
const s = require('../../dist/sites/index.js');

(async () => {
  const [file, exportPath] = process.argv.slice(2);
  const traj = await readTrajectory(file, { timestep_fs: 100 });
  const best = (f, n = 5) => { let t = Infinity, r; for (let i = 0; i < n; i++) { const t0 = process.hrtime.bigint(); r = f(); t = Math.min(t, Number(process.hrtime.bigint() - t0) / 1e6); } return [t, r]; };
  const tB = process.hrtime.bigint();
  const net = s.buildSiteNetworkFromFrame(s.argyroditeTemplate(), traj.frame(0), traj.topology, { host: ['S', 'Cl'] });
  const build_first_ms = Number(process.hrtime.bigint() - tB) / 1e6; // includes JIT warm-up
  const [build_ms] = best(() => s.buildSiteNetworkFromFrame(s.argyroditeTemplate(), traj.frame(0), traj.topology, { host: ['S', 'Cl'] }), 5);
  // Sites from the F-43m CIF (tetrahedral interstices of the S/Cl framework + symmetry typing), then the network.
  const { readCif } = require('../../dist/io/cif.js');
  const cif = require('node:path').resolve(__dirname, '../../test/fixtures/sites/Li6PS5Cl_F-43m.cif');
  const [cif_template_ms] = best(() => s.templateFromReferenceStructure(readCif(cif), { host: ['S', 'Cl'] }), 5);
  // 1. Gaussian occupancy, moving sites (analysis only; file already in memory).
  const [gauss_ms, occ] = best(() => { const o = new s.GaussianSiteOccupancy(net, { mobile: 'Li' }); for (const f of traj.frames()) o.addFrame(f, traj.topology); return o.result(); }, 3);
  // 2. Nearest static site (site centres of frame 0), counts per site / frames — pymatgen's definition.
  const cell = traj.cell(0);
  const centres = s.siteCentres(net, s.networkHostPositions(net, traj.frame(0).positions), cell);
  const li = traj.indicesOf('Li');
  // Nearest site by the site bin grid (what the jump analysis uses; exact, see test/sites/siteBinGrid.test.ts).
  const [nearest_ms, counts] = best(() => {
    const grid = new s.SiteBinGrid(Math.cbrt(cell.volume / net.nSites)), occ2 = new Float64Array(net.nSites);
    grid.update(centres, cell);
    for (let f = 0; f < traj.nFrames; f++) {
      const p = traj.framePositions(f);
      for (const i of li) occ2[grid.nearest(p[3 * i], p[3 * i + 1], p[3 * i + 2])] += 1;
    }
    return occ2.map((x) => x / traj.nFrames);
  }, 5);
  // The same by scanning every site (the previous method), for the record.
  const [nearest_direct_ms] = best(() => {
    const frac = cell.toFractional(centres), fast = s.roundingIsExact(cell), d2 = new Float64Array(net.nSites), occ2 = new Float64Array(net.nSites);
    for (let f = 0; f < traj.nFrames; f++) {
      const p = traj.framePositions(f);
      for (const i of li) {
        s.squaredDistancesTo(p[3 * i], p[3 * i + 1], p[3 * i + 2], centres, frac, cell, fast, d2);
        let b = 0; for (let k = 1; k < d2.length; k++) if (d2[k] < d2[b]) b = k;
        occ2[b] += 1;
      }
    }
    return occ2;
  }, 3);
  // Jumps with hysteresis (moving sites, nearest site per ion per frame).
  const [jumps_ms] = best(() => { const j = new s.SiteJumpAnalysis(net, { mobile: 'Li', dt_fs: 100 }); for (const f of traj.frames()) j.addFrame(f, traj.topology); return j.result(); }, 3);
  const liFrac = [];
  for (let f = 0; f < traj.nFrames; f++) { const fr = cell.toFractional(traj.framePositions(f)); liFrac.push(Array.from(li, (i) => [fr[3 * i], fr[3 * i + 1], fr[3 * i + 2]])); }
  writeFileSync(exportPath, JSON.stringify({ lattice: cell.toArray(), sites: Array.from({ length: net.nSites }, (_, k) => Array.from(cell.toFractional(centres.subarray(3 * k, 3 * k + 3)))), li: liFrac }));
  process.stdout.write(JSON.stringify({
    frames: traj.nFrames, n_li: li.length, n_sites: net.nSites, build_network_ms: build_ms, build_network_first_ms: build_first_ms, cif_template_ms,
    gaussian_moving_sites_ms: gauss_ms, nearest_static_site_ms: nearest_ms, nearest_static_site_direct_scan_ms: nearest_direct_ms, jumps_moving_sites_ms: jumps_ms,
    P1: Object.fromEntries(occ.types.map((t) => [t.name, t.P1])), nearest_site_occ: Array.from(counts),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
