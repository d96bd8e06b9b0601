// Our side of bench/density/peer_pda.py: read Li6PS5Cl 50 % (Li only) and build the 40×40×40 Li density.
// Prints {time_s, peak_rss_MB}. Run after `npm run build`: node bench/density/ours.js
const path = require('node:path');
const si = require('../../dist/index.js');
(async () => {
  const t0 = process.hrtime.bigint();
  const stream = await si.openTrajectory(path.resolve(__dirname, '../../data/Li6PS5Cl_50pct_500K_XDATCAR.gz'), { atoms: ['Li'] });
  const acc = new si.ProbabilityDensity({ species: 'Li', shape: [40, 40, 40] });
  await si.analyseFrames(stream, [acc]);
  acc.result();
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({ time_s: t, peak_rss_MB: process.resourceUsage().maxRSS / 1024 }));
})();
