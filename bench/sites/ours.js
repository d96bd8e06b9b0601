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
  const build_ms = Number(process.hrtime.bigint() - tB) / 1e6;
  // 1. Gaussian occupancy, moving sites (analysis only; file already in memory).
  const [gauss_ms, occ] = best(() => { const o = new s.GaussianSiteOccupancy(net, { mobile: 'Li' }); for (const f of traj.frames()) o.addFrame(f, traj.topology); return o.result(); }, 3);
  // 2. Nearest static site (site centres of frame 0), counts per site / frames — pymatgen's definition.
  const cell = traj.cell(0);
  const centres = s.siteCentres(net, s.networkHostPositions(net, traj.frame(0).positions), cell);
  const li = traj.indicesOf('Li');
  const [nearest_ms, counts] = best(() => {
    const frac = cell.toFractional(centres), fast = s.roundingIsExact(cell), d2 = new Float64Array(net.nSites), occ2 = new Float64Array(net.nSites);
    for (let f = 0; f < traj.nFrames; f++) {
      const p = traj.framePositions(f);
      for (const i of li) {
        s.squaredDistancesTo(p[3 * i], p[3 * i + 1], p[3 * i + 2], centres, frac, cell, fast, d2);
        let b = 0; for (let k = 1; k < d2.length; k++) if (d2[k] < d2[b]) b = k;
        occ2[b] += 1;
      }
    }
    return occ2.map((x) => x / traj.nFrames);
  }, 5);
  const liFrac = [];
  for (let f = 0; f < traj.nFrames; f++) { const fr = cell.toFractional(traj.framePositions(f)); liFrac.push(Array.from(li, (i) => [fr[3 * i], fr[3 * i + 1], fr[3 * i + 2]])); }
  writeFileSync(exportPath, JSON.stringify({ lattice: cell.toArray(), sites: Array.from({ length: net.nSites }, (_, k) => Array.from(cell.toFractional(centres.subarray(3 * k, 3 * k + 3)))), li: liFrac }));
  process.stdout.write(JSON.stringify({
    frames: traj.nFrames, n_li: li.length, n_sites: net.nSites, build_network_ms: build_ms, gaussian_moving_sites_ms: gauss_ms, nearest_static_site_ms: nearest_ms,
    P1: Object.fromEntries(occ.types.map((t) => [t.name, t.P1])), nearest_site_occ: Array.from(counts),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
