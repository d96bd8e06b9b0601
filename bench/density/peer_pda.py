"""Peer numbers for test/density/peerDensity.test.ts: pymatgen-analysis-diffusion ProbabilityDensityAnalysis
on Li6PS5Cl 50 % (data/), Li, grid 40×40×40 (interval = a/40 so pymatgen's grid is the same as ours).
Writes test/fixtures/density_peer_pda.json (small: totals and the 40 largest voxels). Run with bench/.venv."""
import json, sys, time, resource
from pathlib import Path
import numpy as np
from pymatgen.io.vasp.outputs import Xdatcar
from pymatgen.analysis.diffusion.aimd.pathway import ProbabilityDensityAnalysis

root = Path(__file__).resolve().parents[2]
path = root / "data" / "Li6PS5Cl_50pct_500K_XDATCAR.gz"
t0 = time.time()
structs = Xdatcar(str(path)).structures
t_read = time.time() - t0
s0 = structs[0]
traj = np.array([s.frac_coords for s in structs])
n = 40
interval = max(s0.lattice.abc) / n  # every axis gets n points (ceil(L/interval) = n); spacing differs from 1/n by < 1e-5
t1 = time.time()
pda = ProbabilityDensityAnalysis(s0, traj, interval=interval, species=("Li",))
t_pda = time.time() - t1
assert pda.lens == [n, n, n], pda.lens
Pr = pda.Pr.ravel()
top = np.argsort(-Pr, kind="stable")[:40]
out = {
    "peer": "pymatgen-analysis-diffusion ProbabilityDensityAnalysis", "file": "data/Li6PS5Cl_50pct_500K_XDATCAR.gz", "species": "Li",
    "shape": [n, n, n], "interval_A": interval, "frames": len(structs),
    "sum_Pr_times_voxel": float(Pr.sum() * s0.lattice.volume / Pr.size), "sum_Pr2": float((Pr ** 2).sum()), "nonzero": int((Pr > 0).sum()),
    "top_index": [int(i) for i in top], "top_Pr": [float(Pr[i]) for i in top],
    "time_read_s": t_read, "time_pda_s": t_pda, "peak_rss_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}
dest = root / "test" / "fixtures" / "density_peer_pda.json"
dest.write_text(json.dumps(out, indent=1) + "\n")
print(json.dumps({k: v for k, v in out.items() if not k.startswith("top")}))
