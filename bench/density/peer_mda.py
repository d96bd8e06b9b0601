"""Peer numbers for test/density/peerDensityMDA.test.ts: MDAnalysis DensityAnalysis on Li6PS5Cl 50 % (data/), Li, on the
same 40×40×40 grid as ours. Writes test/fixtures/density_peer_mda.json. Run with bench/.venv (bench/setup.sh).

MDAnalysis bins Cartesian positions on an orthogonal grid (np.histogramdd, not periodic); ours bins fractional
coordinates of each frame's cell, grid point k at k/n, periodic. The same grid for both: a user grid centred on the
cell centre with edges at (k - 1/2)·L/n, k = 0..n (n + 1 bins; the last bin is the periodic image of bin 0 and is
folded into it). Two inputs:
  A. "same grid": positions f·L (fractional × lattice length) in the orthogonal box of the lattice lengths: MDAnalysis
     then bins exactly our voxels; its number density must equal ours to round-off (float32 positions in MDAnalysis).
  B. "as read": the Cartesian positions of the file. The XDATCAR cell is very slightly triclinic (off-diagonal
     elements ≤ 2e-4 Å), so a few counts within ~3e-4 Å of a voxel boundary fall in the neighbouring voxel; their
     number is reported.
Only Li positions are read (pymatgen Xdatcar, as bench/density/peer_pda.py), then an in-memory Universe.
"""
import json, time, resource, warnings
from pathlib import Path
import numpy as np
from pymatgen.io.vasp.outputs import Xdatcar
import MDAnalysis as mda
from MDAnalysis.analysis.density import DensityAnalysis
from MDAnalysis.coordinates.memory import MemoryReader

warnings.filterwarnings("ignore")
root = Path(__file__).resolve().parents[2]
path = root / "data" / "Li6PS5Cl_50pct_500K_XDATCAR.gz"
n = 40
t0 = time.time()
structs = Xdatcar(str(path)).structures
t_read = time.time() - t0
s0 = structs[0]
li = [i for i, sp in enumerate(s0.species) if sp.symbol == "Li"]
frac = np.array([s.frac_coords[li] for s in structs]) % 1.0           # (frames, atoms, 3), wrapped
M = s0.lattice.matrix
L = np.array(s0.lattice.abc)


def mda_counts(pos, box):
    """MDAnalysis DensityAnalysis on an (n+1)^3 user grid with edges (k - 1/2)·box/n; returns (counts, seconds, factor)."""
    u = mda.Universe.empty(pos.shape[1], trajectory=True)
    u.load_new(pos.astype(np.float32), format=MemoryReader, dimensions=np.array([*box, 90, 90, 90], dtype=np.float32))
    h = box / n
    centre = (n / 2) * h  # grid spans [-h/2, (n + 1/2) h]: n + 1 bins of width h centred on 0, h, …, n·h
    t = time.time()
    da = DensityAnalysis(u.atoms, delta=float(h.max()), gridcenter=centre, xdim=(n + 1) * h[0], ydim=(n + 1) * h[1], zdim=(n + 1) * h[2], padding=0)
    # One delta per axis: DensityAnalysis takes a scalar delta; with a ≈ b ≈ c the bins must still be h_i wide.
    da._bins = [n + 1] * 3
    da._arange = np.array([[-h[i] / 2, (n + 0.5) * h[i]] for i in range(3)])
    grid, edges = np.histogramdd(np.zeros((1, 3)), bins=da._bins, range=da._arange)
    da.results._grid = grid * 0.0
    da._edges = edges
    da.run()
    secs = time.time() - t
    rho = da.results.density.grid  # atoms per Å^3 (mean over frames / voxel volume)
    vox = np.prod([e[1] - e[0] for e in da.results.density.edges])
    counts = rho * vox * len(pos)  # back to raw counts
    # Fold the periodic image bin n into bin 0 along each axis.
    for ax in range(3):
        first = [slice(None)] * 3; last = [slice(None)] * 3
        first[ax] = 0; last[ax] = n
        counts[tuple(first)] += counts[tuple(last)]
        counts = np.delete(counts, n, axis=ax)
    return counts, secs, 1.0 / (len(pos) * vox), float(vox)


# A. same grid
posA = frac * L
cA, secA, factorA, voxA = mda_counts(posA, L)
# B. as read (Cartesian positions of the file; box = lattice lengths)
posB = frac @ M
cB, secB, _, _ = mda_counts(posB, L)

# Our grid with numpy (independent of MDAnalysis): round(f·n) mod n per axis.
k = np.rint(frac * n).astype(int) % n
ours = np.zeros((n, n, n))
np.add.at(ours, (k[..., 0].ravel(), k[..., 1].ravel(), k[..., 2].ravel()), 1)
cA_int = np.rint(cA).astype(int)
assert np.allclose(cA, cA_int, atol=1e-6), "MDAnalysis counts are not whole numbers"
nz = np.flatnonzero(cA_int.ravel())
out = {
    "peer": f"MDAnalysis {mda.__version__} DensityAnalysis", "file": "data/Li6PS5Cl_50pct_500K_XDATCAR.gz", "species": "Li",
    "shape": [n, n, n], "frames": len(structs), "atoms": len(li),
    "lattice_lengths_A": L.tolist(), "mda_voxel_volume_A3": voxA, "mda_density_per_count_A3": factorA,
    "same_grid": {"nonzero_index": [int(i) for i in nz], "counts": [int(c) for c in cA_int.ravel()[nz]],
                  "max_abs_count_diff_vs_numpy_round": float(np.abs(cA - ours).max())},
    "as_read": {"total_counts": float(cB.sum()), "counts_in_other_voxel": float(np.abs(cB - ours).sum() / 2)},
    "time_read_s": t_read, "time_density_same_grid_s": secA, "time_density_as_read_s": secB,
    "peak_rss_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}
dest = root / "test" / "fixtures" / "density_peer_mda.json"
dest.write_text(json.dumps(out) + "\n")
print(json.dumps({k: v for k, v in out.items() if k != "same_grid"} | {"same_grid_nonzero": len(nz), "same_grid_vs_numpy": out["same_grid"]["max_abs_count_diff_vs_numpy_round"]}))
