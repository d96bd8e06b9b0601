// Times superionic's VDOS, van Hove and rotation ACF on the same trajectory as peers.py (analysis only,
// file reading excluded; SUPERIONIC_DIST picks the compiled tree). Each task: the first (cold, JIT-compiling)
// call, then BENCH_REPS (default 3) warm calls, each in CPU time and wall clock — the same protocol as
// peers.py. Prints one JSON object {task: {cold: {cpu_ms, wall_ms}, warm: {cpu_ms: [], wall_ms: []}, value}}.
const path = require('node:path');
const dist = process.env.SUPERIONIC_DIST ? path.resolve(process.env.SUPERIONIC_DIST) : path.resolve(__dirname, '../../dist');
const { readTrajectory } = require(path.join(dist, 'io/index.js'));
const dyn = require(path.join(dist, 'dynamics/index.js'));
const { findMolecules, selectMolecules } = require(path.join(dist, 'geometry/molecules.js'));

const REPS = Number(process.env.BENCH_REPS || 3);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
function timed(fn) {
  const once = () => { const c = cpu(), w = performance.now(); const out = fn(); return { cpu_ms: cpu() - c, wall_ms: performance.now() - w, out }; };
  const first = once();
  const warm = { cpu_ms: [], wall_ms: [] };
  let out = first.out;
  for (let r = 0; r < REPS; r++) { const x = once(); warm.cpu_ms.push(x.cpu_ms); warm.wall_ms.push(x.wall_ms); out = x.out; }
  return { cold: { cpu_ms: first.cpu_ms, wall_ms: first.wall_ms }, warm, out };
}

(async () => {
  const file = process.argv[2];
  const traj = await readTrajectory(file);
  const vdos = timed(() => dyn.vibrationalDensityOfStates(traj, { species: 'Li', window: 'hann' }));
  const lags = Array.from({ length: 20 }, (_, k) => 50 * k);
  const vh = timed(() => dyn.vanHoveCorrelation(traj, { species: 'Li', lagFrames: lags, maxOrigins: 50, rMax_A: 4.3, dr_A: 0.043 }));
  const mols = selectMolecules(findMolecules(traj.topology, traj.framePositions(0), traj.cell(0), { species: ['P', 'S'] }), 'PS4');
  const rotors = [];
  for (let m = 0; m < mols.count; m++) { const a = Array.from(mols.atoms.subarray(mols.offsets[m], mols.offsets[m + 1])); rotors.push({ atoms: a, pointer: a[1] }); }
  const rot = timed(() => { const { orientations } = dyn.orientationVectors(traj, rotors); return dyn.vectorAutocorrelation(orientations); });
  const strip = ({ out, ...t }) => t;
  console.log(JSON.stringify({
    vdos: { ...strip(vdos), value: vdos.out.band_centre_THz },
    vanhove: { ...strip(vh), lags: lags.length, origins: 50 },
    rotation_acf: { ...strip(rot), value: rot.out[rot.out.length - 1], n_rotors: rotors.length },
  }));
})().catch((e) => { console.error(e); process.exit(1); });
