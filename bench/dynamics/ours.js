// Times superionic's VDOS, van Hove and rotation ACF on the same trajectory as peers.py (analysis only,
// file reading excluded; best of BENCH_REPS, default 7; SUPERIONIC_DIST picks the compiled tree). Prints one JSON object.
const path = require('node:path');
const dist = process.env.SUPERIONIC_DIST ? path.resolve(process.env.SUPERIONIC_DIST) : path.resolve(__dirname, '../../dist');
const { readTrajectory } = require(path.join(dist, 'io/index.js'));
const dyn = require(path.join(dist, 'dynamics/index.js'));
const { findMolecules, selectMolecules } = require(path.join(dist, 'geometry/molecules.js'));

const REPS = Number(process.env.BENCH_REPS || 7); // same best-of-N as peers.py (the machine is shared: noisy)
// V8 compiles hot code in tiers while it runs: the first calls are interpreted. `first_ms` is the first
// (cold) call, as a one-off notebook call sees it; `ms` the best of REPS after WARMUP untimed calls, the
// steady state that numpy (no JIT) shows from its first call.
const WARMUP = Number(process.env.BENCH_WARMUP || 10);
function best(fn, reps = REPS) {
  const time = () => { const a = process.hrtime.bigint(); const o = fn(); return { t: Number(process.hrtime.bigint() - a) / 1e6, o }; };
  const first = time();
  for (let w = 1; w < WARMUP; w++) fn();
  let t = Infinity, out = first.o;
  for (let r = 0; r < reps; r++) { const x = time(); out = x.o; t = Math.min(t, x.t); }
  return { ms: t, first_ms: first.t, out };
}

(async () => {
  const file = process.argv[2];
  const traj = await readTrajectory(file);
  const vdos = best(() => dyn.vibrationalDensityOfStates(traj, { species: 'Li', window: 'hann' }));
  const lags = Array.from({ length: 20 }, (_, k) => 50 * k);
  const vh = best(() => dyn.vanHoveCorrelation(traj, { species: 'Li', lagFrames: lags, maxOrigins: 50, rMax_A: 4.3, dr_A: 0.043 }));
  const mols = selectMolecules(findMolecules(traj.topology, traj.framePositions(0), traj.cell(0), { species: ['P', 'S'] }), 'PS4');
  const rotors = [];
  for (let m = 0; m < mols.count; m++) { const a = Array.from(mols.atoms.subarray(mols.offsets[m], mols.offsets[m + 1])); rotors.push({ atoms: a, pointer: a[1] }); }
  const rot = best(() => { const { orientations } = dyn.orientationVectors(traj, rotors); return dyn.vectorAutocorrelation(orientations); });
  console.log(JSON.stringify({
    vdos_ms: vdos.ms, vdos_first_ms: vdos.first_ms, vdos_band_centre_THz: vdos.out.band_centre_THz,
    vanhove_ms: vh.ms, vanhove_first_ms: vh.first_ms, vanhove_lags: lags.length, vanhove_origins: 50,
    rotation_acf_ms: rot.ms, rotation_acf_first_ms: rot.first_ms, rotation_acf_last: rot.out[rot.out.length - 1], n_rotors: rotors.length,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
