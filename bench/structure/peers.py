"""Times freud (single-threaded) and MDAnalysis InterRDF on the frames exported by ours.js (same
trajectory, same pair, r_max and bins; analysis only, median of 5) and compares their g(r) with ours.
Usage: peers.py EXPORT.bin RMAX BINS   -> one JSON object on stdout."""
import json, sys, time, warnings
import numpy as np

warnings.filterwarnings("ignore")
path, rmax, bins = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
with open(path, "rb") as fh:
    header = json.loads(fh.readline())
    raw = np.frombuffer(fh.read(), dtype=np.float64)
nF, n = header["nFrames"], header["nAtoms"]
raw = raw.reshape(nF, 9 + 3 * n)
cells = raw[:, :9].reshape(nF, 3, 3)          # rows a, b, c
pos = raw[:, 9:].reshape(nF, n, 3)
ia, ib = np.array(header["a"]), np.array(header["b"])
out = {}

def median_time(fn, reps=5):
    fn()  # warm-up
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); ts.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(ts)), ts

try:
    import freud
    freud.parallel.set_num_threads(1)
    boxes = [freud.box.Box.from_matrix(c.T) for c in cells]   # freud: columns are the lattice vectors
    # freud boxes are centred on the origin: shift by half the cell and wrap.
    half = [0.5 * c.sum(axis=0) for c in cells]
    A = [bx.wrap(p[ia] - h) for bx, p, h in zip(boxes, pos, half)]
    B = [bx.wrap(p[ib] - h) for bx, p, h in zip(boxes, pos, half)]
    def run_freud():
        rdf = freud.density.RDF(bins=bins, r_max=rmax)
        for bx, a, b in zip(boxes, A, B):
            rdf.compute(system=(bx, b), query_points=a, reset=False)
        return rdf
    ms, ts = median_time(run_freud)
    r = run_freud()
    out["freud"] = {"version": freud.__version__, "ms": ms, "ms_all": ts, "threads": 1,
                    "r_A": r.bin_centers.tolist(), "g": r.rdf.tolist()}
except Exception as e:  # noqa: BLE001
    out["freud"] = {"error": repr(e)}

try:
    import MDAnalysis as mda
    from MDAnalysis.analysis.rdf import InterRDF
    from MDAnalysis.lib.mdamath import triclinic_box, triclinic_vectors
    dims = np.array([triclinic_box(*c) for c in cells])
    # MDAnalysis puts a along x and b in the xy plane: re-express positions in that orientation.
    canon = np.array([triclinic_vectors(d) for d in dims])
    frac = np.einsum("fni,fij->fnj", pos, np.linalg.inv(cells))
    cpos = np.einsum("fni,fij->fnj", frac, canon).astype(np.float32)
    u = mda.Universe.empty(n, trajectory=True)
    from MDAnalysis.coordinates.memory import MemoryReader
    u.load_new(cpos, format=MemoryReader, dimensions=dims)
    ga, gb = u.atoms[ia], u.atoms[ib]
    def run_mda():
        return InterRDF(ga, gb, nbins=bins, range=(0.0, rmax)).run()
    ms, ts = median_time(run_mda, reps=3)
    r = run_mda()
    out["mdanalysis"] = {"version": mda.__version__, "ms": ms, "ms_all": ts,
                         "r_A": r.results.bins.tolist(), "g": r.results.rdf.tolist()}
except Exception as e:  # noqa: BLE001
    out["mdanalysis"] = {"error": repr(e)}

print(json.dumps(out))
