"""Peer side of the transport benchmark, on the same generated extxyz as ours.js.

Times (wall clock, this process, one core):
  * parse throughput: MDAnalysis XYZReader (iterating every frame) and ASE extxyz (iread);
  * end to end MSD + D: MDAnalysis EinsteinMSD(fft=True) (tidynamics) + linear fit over the same window;
    kinisi DiffusionAnalyzer.from_ase (ASE read included) + .diffusion (Bayesian fit);
    pymatgen-analysis-diffusion DiffusionAnalyzer (constructor from the displacement array;
    ASE read included), default smoothed="max";
and checks their MSD curves against ours (ours_msd*.f64 written by ours.js) to 1e-6 relative
(kinisi: after applying its estimator, which adds one r(m−1) − r(0) displacement per lag, to ours).
usage: peers.py FILE OUTDIR [--kinisi-dts N]
"""
import json, os, sys, time, warnings
import numpy as np

warnings.filterwarnings("ignore")
file, outdir = sys.argv[1], sys.argv[2]
n_kinisi_dt = int(sys.argv[sys.argv.index("--kinisi-dts") + 1]) if "--kinisi-dts" in sys.argv else 200
nbytes = os.path.getsize(file)
ours = json.load(open(os.path.join(outdir, "ours.json")))
msd_ours = np.fromfile(os.path.join(outdir, "ours_msd.f64"), dtype="<f8")
msd_ours_drift = np.fromfile(os.path.join(outdir, "ours_msd_drift.f64"), dtype="<f8")
dt_fs = ours["dt_fs"]
w0, w1 = ours["fit_window_fs"]
res = {"file_MB": nbytes / 1e6}


def rel_err(a, b):
    """max |a−b|/|b| over lags > 0."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    m = b > 0
    return float(np.max(np.abs(a[m] - b[m]) / b[m]))


def fit_D(t, msd):
    sel = (t >= w0 - 1e-9) & (t <= w1 + 1e-9)
    slope = np.polyfit(t[sel], msd[sel], 1)[0]
    return slope / 6 * 0.1  # Å²/fs → cm²/s

import MDAnalysis as mda
from MDAnalysis.analysis.msd import EinsteinMSD

# --- MDAnalysis: parse throughput -------------------------------------------------------------
t0 = time.perf_counter()
u = mda.Universe(file, format="XYZ")
n = 0
for ts in u.trajectory:
    n += 1
res["mdanalysis_parse_s"] = time.perf_counter() - t0
res["mdanalysis_parse_MB_s"] = nbytes / 1e6 / res["mdanalysis_parse_s"]
del u
print("mdanalysis parse", res["mdanalysis_parse_s"], file=sys.stderr)

# --- MDAnalysis: end to end EinsteinMSD(fft=True) + fit -------------------------------------------
t0 = time.perf_counter()
u = mda.Universe(file, format="XYZ")
m = EinsteinMSD(u, select="name Li", msd_type="xyz", fft=True)
m.run()
msd_mda = m.results.timeseries
t = np.arange(len(msd_mda)) * dt_fs
D_mda = fit_D(t, msd_mda)
res["mdanalysis_e2e_s"] = time.perf_counter() - t0
res["mdanalysis_D_cm2_s"] = D_mda
res["mdanalysis_msd_max_rel_diff"] = rel_err(msd_ours, msd_mda)
del u, m
print("mdanalysis e2e", res["mdanalysis_e2e_s"], file=sys.stderr)

# --- ASE: parse throughput (and the frames kinisi / pymatgen analyse) ----------------------------
import ase.io
t0 = time.perf_counter()
frames = list(ase.io.iread(file, format="extxyz"))
res["ase_parse_s"] = time.perf_counter() - t0
res["ase_parse_MB_s"] = nbytes / 1e6 / res["ase_parse_s"]
print("ase parse", res["ase_parse_s"], file=sys.stderr)

# --- pymatgen-analysis-diffusion: DiffusionAnalyzer from displacements ----------------------------
from pymatgen.analysis.diffusion.analyzer import DiffusionAnalyzer as PmgDA
from pymatgen.io.ase import AseAtomsAdaptor
t0 = time.perf_counter()
pos = np.stack([a.get_positions() for a in frames], axis=1)  # (atoms, frames, 3), unwrapped
structure = AseAtomsAdaptor.get_structure(frames[0])
disp = pos - pos[:, :1, :]  # Cartesian displacements from frame 0 (DiffusionAnalyzer's input)
da = PmgDA(structure, disp, "Li", 300, dt_fs, 1)
res["pymatgen_analysis_s"] = time.perf_counter() - t0
res["pymatgen_e2e_s"] = res["pymatgen_analysis_s"] + res["ase_parse_s"]
res["pymatgen_D_cm2_s"] = float(da.diffusivity)
res["pymatgen_fit_window_fs"] = [float(da.dt[0]), float(da.dt[-1])]
lags = np.rint(np.asarray(da.dt) / dt_fs).astype(int)
res["pymatgen_msd_max_rel_diff"] = rel_err(msd_ours_drift[lags], da.msd)
# kinisi's estimator (kinisi/displacement.py calculate_msd) averages, at lag m, the T−m all-origins
# displacements PLUS one displacement over m−1 frames, r(m−1) − r(0) (its first "observation"):
#   MSD_kinisi(m) = [(T−m)·MSD(m) + ⟨|r(m−1) − r(0)|²⟩_ions] / (T−m+1)
# (checked to 2e-15 on a small file). So the raw curves differ by O(1/(T−m)) — 1/(T−1) at lag 1, where
# the extra term is a zero displacement. We compare kinisi with that estimator applied to OUR
# all-origins curve (drift-corrected, equal-weight framework mean as kinisi does).
syms = frames[0].get_chemical_symbols()
li_idx = [i for i, s in enumerate(syms) if s == "Li"]
fw_idx = [i for i, s in enumerate(syms) if s != "Li"]
com = pos[fw_idx].mean(axis=0)  # (frames, 3)
x_li = pos[li_idx] - (com - com[0])[None, :, :]
first_disp2 = np.mean(np.sum((x_li - x_li[:, :1, :]) ** 2, axis=2), axis=0)  # ⟨|x(f) − x(0)|²⟩ per frame f
del da, pos, disp, x_li
print("pymatgen", res["pymatgen_analysis_s"], file=sys.stderr)

# --- kinisi: DiffusionAnalyzer.from_ase on n_kinisi_dt evenly spaced intervals + Bayesian fit -----
import scipp as sc
from kinisi.analyze import DiffusionAnalyzer as KinDA
T = len(frames)
idx = np.unique(np.linspace(1, T - 1, n_kinisi_dt).astype(int))
t0 = time.perf_counter()
d = KinDA.from_ase(frames, specie="Li", time_step=sc.scalar(float(dt_fs), unit="fs"), step_skip=sc.scalar(1),
                   dt=sc.array(dims=["time interval"], values=idx * float(dt_fs), unit="fs"), progress=False)
d.diffusion(sc.scalar(float(w0), unit="fs"), progress=False, random_state=np.random.RandomState(42))
res["kinisi_analysis_s"] = time.perf_counter() - t0
res["kinisi_e2e_s"] = res["kinisi_analysis_s"] + res["ase_parse_s"]
res["kinisi_D_cm2_s"] = float(np.mean(sc.to_unit(d.D, "cm^2/s").values))
kt = d.dg["da"].coords["time interval"].values
klags = np.rint(kt / dt_fs).astype(int)
res["kinisi_n_dt"] = int(len(klags))
res["kinisi_msd_max_rel_diff_raw"] = rel_err(msd_ours_drift[klags], d.msd.values)
Tn = len(msd_ours_drift)
kin_model = ((Tn - klags) * msd_ours_drift[klags] + first_disp2[klags - 1]) / (Tn - klags + 1)
res["kinisi_msd_max_rel_diff"] = rel_err(kin_model, d.msd.values)
# kinisi's own estimator vs the direct all-origins sum (numpy) at its first lags, to show where a
# difference comes from: ours equals the direct sum to rounding (test/transport/msd.test.ts).
li = np.stack([a.get_positions()[[i for i, s in enumerate(frames[0].get_chemical_symbols()) if s == "Li"]] for a in frames[:2000]], axis=1)
direct = [float(np.mean(np.sum((li[:, m:] - li[:, :-m]) ** 2, axis=2))) for m in (1, 10)]
res["direct_numpy_msd_lag1_lag10_first2000"] = direct
print("kinisi", res["kinisi_analysis_s"], file=sys.stderr)

json.dump(res, open(os.path.join(outdir, "peers.json"), "w"), indent=1)
print(json.dumps(res))
