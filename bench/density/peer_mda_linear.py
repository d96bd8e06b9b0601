"""Peer numbers for test/density/peerLinearDensityMDA.test.ts: MDAnalysis LinearDensity on Li6PS5Cl 50 % (data/), Li,
along z (= c), 100 slabs. Writes test/fixtures/density_peer_mda_linear.json. Run with bench/.venv (bench/setup.sh).

MDAnalysis bins Cartesian positions (wrapped into its box) with np.histogram over (0, max box length) in
nbins = max_i(L_i // binsize) slabs, and reports mass and charge densities only (g/cm^3, e/A^3): the number of Li
per slab per frame is mass_density * N_A * 1e-24 * slice_volume / m_Li, slice_volume = (a b c) / nbins. Ours
(linearNumberDensity, src/structure) bins the fractional coordinate along c of each frame's cell. The same slabs:
positions f * L (fractional x lattice length) in the orthogonal box of the lattice lengths, c being the longest
(so MDAnalysis' range (0, max L) is (0, L_c)), binsize just under L_c / 100 (so L // binsize = 100). Two cases:
  A. slabs [k, k+1) * L_c/100  -> ours: linearNumberDensity(traj, 'Li', 'c', 100);
  B. every position shifted by half a slab -> slabs [(k - 1/2), (k + 1/2)) * L_c/100, the planes of a 100-point grid
     -> ours: linearDensity(ProbabilityDensity shape [.., .., 100], 'c') (src/density).
Li positions are read with pymatgen's Xdatcar (MDAnalysis has no XDATCAR reader) into an in-memory Universe (float32,
as MDAnalysis stores them); positions within float32 round-off of a slab edge are counted (they may fall either side).
"""
import json, warnings
from pathlib import Path
import numpy as np
from pymatgen.io.vasp.outputs import Xdatcar
import MDAnalysis as mda
from MDAnalysis.analysis.lineardensity import LinearDensity
from MDAnalysis.coordinates.memory import MemoryReader
from MDAnalysis.units import constants

warnings.filterwarnings("ignore")
root = Path(__file__).resolve().parents[2]
path = root / "data" / "Li6PS5Cl_50pct_500K_XDATCAR.gz"
NB = 100
structs = Xdatcar(str(path)).structures
s0 = structs[0]
li = [i for i, sp in enumerate(s0.species) if sp.symbol == "Li"]
frac = np.array([s.frac_coords[li] for s in structs]) % 1.0
L = np.array(s0.lattice.abc)
assert L[2] == L.max(), "c must be the longest lattice length for the same slabs"
m_li = float(s0.species[li[0]].atomic_mass)


def mda_counts(shift):
    f = frac.copy()
    f[..., 2] = (f[..., 2] + shift / NB) % 1.0
    pos = (f * L).astype(np.float32)
    u = mda.Universe.empty(pos.shape[1], trajectory=True)
    u.add_TopologyAttr("masses", [m_li] * pos.shape[1])
    u.add_TopologyAttr("charges", [0.0] * pos.shape[1])
    u.load_new(pos, format=MemoryReader, dimensions=np.array([*L, 90, 90, 90], dtype=np.float32))
    ld = LinearDensity(u.atoms, grouping="atoms", binsize=float(np.float32(L).max()) / NB * (1 - 1e-5)).run()  # dims are float32: L // binsize in float32 must give NB; the range is (0, max L) whatever binsize
    z = ld.results.z
    assert len(z.mass_density) == NB, len(z.mass_density)
    k = constants["N_Avogadro"] * 1e-24
    per_frame = z.mass_density * k * z.slice_volume / m_li  # Li per slab per frame
    edges = np.asarray(z.hist_bin_edges, dtype=float)
    zz = pos[..., 2].astype(float).ravel()
    near = int(np.sum(np.min(np.abs(zz[:, None] - edges[None, :]), axis=1) < 4e-6 * L.max()))
    return per_frame, edges, near


out = {"peer": f"MDAnalysis {mda.__version__} LinearDensity", "file": "data/Li6PS5Cl_50pct_500K_XDATCAR.gz", "species": "Li",
       "frames": len(structs), "atoms": len(li), "bins": NB, "lattice_lengths_A": L.tolist(), "li_mass_amu": m_li, "cases": {}}
for name, shift in (("edges_at_k", 0.0), ("edges_at_k_minus_half", 0.5)):
    per_frame, edges, near = mda_counts(shift)
    out["cases"][name] = {"li_per_slab_per_frame": per_frame.tolist(), "slab_A": float(edges[1] - edges[0]),
                          "positions_within_float32_of_an_edge": near}
(root / "test" / "fixtures" / "density_peer_mda_linear.json").write_text(json.dumps(out) + "\n")
print(json.dumps({k: v for k, v in out.items() if k != "cases"} | {n: c["positions_within_float32_of_an_edge"] for n, c in out["cases"].items()}))
