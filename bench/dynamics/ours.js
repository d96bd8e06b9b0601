// Times superionic's VDOS, van Hove and rotation ACF on the same trajectory as peers.py (analysis only,
// file reading excluded; best of 3). Prints one JSON object.
const path = require('node:path');
const dist = path.resolve(__dirname, '../../dist');
const { readTrajectory } = require(path.join(dist, 'io/index.js'));
const dyn = require(path.join(dist, 'dynamics/index.js'));
const { findMolecules, selectMolecules } = require(path.join(dist, 'geometry/molecules.js'));

function best(fn, reps = 3) {
  let t = Infinity, out;
  for (let r = 0; r < reps; r++) { const a = process.hrtime.bigint(); out = fn(); t = Math.min(t, Number(process.hrtime.bigint() - a) / 1e6); }
  return { ms: t, out };
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
    vdos_ms: vdos.ms, vdos_band_centre_THz: vdos.out.band_centre_THz,
    vanhove_ms: vh.ms, vanhove_lags: lags.length, vanhove_origins: 50,
    rotation_acf_ms: rot.ms, rotation_acf_last: rot.out[rot.out.length - 1], n_rotors: rotors.length,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
