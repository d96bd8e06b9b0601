"""Peer numbers for the real trajectories in data (METHODS §1 cross-check).

Runs pymatgen-analysis-diffusion's DiffusionAnalyzer (default smoothed="max": all-origins MSD,
fit from 1 ps to the lag with >= 30 observations per ion, weighted by 1/dt, framework drift
removed as the plain mean displacement of non-Li atoms) and kinisi's DiffusionAnalyzer (all-origins
MSD, equal-weight framework drift, Bayesian GLS fit from start_dt, seeded) on the same files.
Writes bench/out/transport_real.json. Usage: bench/.venv/bin/python bench/transport/compare_real.py
"""
import gzip, io, json, os, sys, time, warnings
import numpy as np

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DATA = os.path.abspath(os.path.join(ROOT, "data"))
OUT = os.path.join(ROOT, "bench", "out")
os.makedirs(OUT, exist_ok=True)

from pymatgen.analysis.diffusion.analyzer import DiffusionAnalyzer as PmgDA
from pymatgen.io.ase import AseAtomsAdaptor
from pymatgen.io.vasp.outputs import Xdatcar
import ase.io
import scipp as sc
from kinisi.analyze import DiffusionAnalyzer as KinDA

A2FS_TO_CM2S = 0.1


def pmg(structures, T, time_step, step_skip):
    t0 = time.perf_counter()
    da = PmgDA.from_structures(structures, "Li", T, time_step, step_skip)
    dt = np.asarray(da.dt)
    return {
        "D_cm2_s": float(da.diffusivity), "D_std_cm2_s": float(da.diffusivity_std_dev),
        "sigma_mS_cm": float(da.conductivity), "D_sigma_cm2_s": float(da.chg_diffusivity),
        "haven_ratio": float(da.haven_ratio),
        "fit_window_fs": [float(dt[0]), float(dt[-1])],
        "msd_t_fs": dt.tolist(), "msd_A2": np.asarray(da.msd).tolist(),
        "seconds": time.perf_counter() - t0,
    }


def kin(from_fn, traj, time_step, step_skip, start_fs):
    t0 = time.perf_counter()
    d = from_fn(traj, specie="Li", time_step=sc.scalar(float(time_step), unit="fs"),
                step_skip=sc.scalar(step_skip), progress=False)
    d.diffusion(sc.scalar(float(start_fs), unit="fs"), progress=False, random_state=np.random.RandomState(42))
    D = d.D  # samples, Å²/fs... converted via scipp units
    Dv = sc.to_unit(D, "cm^2/s").values
    msd = d.msd
    return {
        "D_cm2_s": float(np.mean(Dv)), "D_std_cm2_s": float(np.std(Dv)),
        "D_ci95_cm2_s": [float(np.percentile(Dv, 2.5)), float(np.percentile(Dv, 97.5))],
        "msd_t_fs": d.dg["da"].coords["time interval"].values.tolist(), "msd_A2": msd.values.tolist(),
        "seconds": time.perf_counter() - t0,
    }


def main():
    results = {}
    # Li10GeP2S12, 600 K: 2 fs × 10 per frame, unwrapped extxyz.
    f = os.path.join(DATA, "Li10GeP2S12_600K_AIMD.extxyz.gz")
    with gzip.open(f, "rt") as fh:
        atoms = ase.io.read(fh, index=":", format="extxyz")
    structures = [AseAtomsAdaptor.get_structure(a) for a in atoms]
    results["Li10GeP2S12_600K"] = {"pymatgen": pmg(structures, 600, 2, 10), "kinisi": kin(KinDA.from_ase, atoms, 2, 10, 1000)}
    print("LGPS done", file=sys.stderr)
    for tag in ["0pct", "50pct", "100pct"]:
        f = os.path.join(DATA, f"Li6PS5Cl_{tag}_500K_XDATCAR.gz")
        with gzip.open(f, "rt") as fh:
            text = fh.read()
        tmp = os.path.join(OUT, f"_tmp_{tag}_XDATCAR")
        with open(tmp, "w") as fh:
            fh.write(text)
        xd = Xdatcar(tmp)
        os.remove(tmp)
        results[f"Li6PS5Cl_{tag}_500K"] = {
            "pymatgen": pmg(xd.structures, 500, 2, 50),
            "kinisi": kin(KinDA.from_xdatcar, xd, 2, 50, 1000),
        }
        print(tag, "done", file=sys.stderr)
    with open(os.path.join(OUT, "transport_real.json"), "w") as fh:
        json.dump(results, fh)
    for k, v in results.items():
        p, q = v["pymatgen"], v["kinisi"]
        print(f"{k:22s} pymatgen D={p['D_cm2_s']:.4e}±{p['D_std_cm2_s']:.1e} σ={p['sigma_mS_cm']:.1f} window={p['fit_window_fs']}  "
              f"kinisi D={q['D_cm2_s']:.4e}±{q['D_std_cm2_s']:.1e}")


if __name__ == "__main__":
    main()
