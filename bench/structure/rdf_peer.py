"""freud (single-threaded) or MDAnalysis InterRDF on frames exported by rdf_ours.mjs: the first
(cold) call and REPS warm calls, CPU (process_time) and wall clock (perf_counter), analysis only.
freud boxes are upper-triangular with the origin at the centre: the box comes from the cell's
lengths and angles (Box.from_matrix), and positions go through fractional coordinates (our cell's
inverse) and freud's own box.make_absolute, so any cell orientation is placed correctly.
Usage: rdf_peer.py EXPORT.bin RMAX BINS REPS freud|mdanalysis  -> one JSON object on stdout."""
import json, sys, time, warnings
import numpy as np

warnings.filterwarnings("ignore")
path, rmax, bins, reps, tool = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
with open(path, "rb") as fh:
    header = json.loads(fh.readline())
    raw = np.frombuffer(fh.read(), dtype=np.float64)
nF, n = header["nFrames"], header["nAtoms"]
raw = raw.reshape(nF, 9 + 3 * n)
cells = raw[:, :9].reshape(nF, 3, 3)  # rows a, b, c
pos = raw[:, 9:].reshape(nF, n, 3)
ia, ib = np.array(header["a"]), np.array(header["b"])
same = np.array_equal(ia, ib)
frac = np.einsum("fni,fij->fnj", pos, np.linalg.inv(cells))
frac -= np.floor(frac)

def timed(fn):
    c0, w0 = time.process_time(), time.perf_counter()
    r = fn()
    return r, (time.process_time() - c0) * 1e3, (time.perf_counter() - w0) * 1e3

if tool == "freud":
    import freud
    freud.parallel.set_num_threads(1)
    boxes = [freud.box.Box.from_matrix(c.T) for c in cells]  # columns = lattice vectors
    P = [bx.make_absolute(f) for bx, f in zip(boxes, frac)]
    A = [p[ia] for p in P]
    B = [p[ib] for p in P]
    def run():
        rdf = freud.density.RDF(bins=bins, r_max=rmax)
        for bx, a, b in zip(boxes, A, B):
            if same:
                rdf.compute(system=(bx, a), reset=False)
            else:
                rdf.compute(system=(bx, b), query_points=a, reset=False)
        return rdf.rdf
    version = freud.__version__
else:
    import MDAnalysis as mda
    from MDAnalysis.analysis.rdf import InterRDF
    from MDAnalysis.lib.mdamath import triclinic_box, triclinic_vectors
    from MDAnalysis.coordinates.memory import MemoryReader
    dims = np.array([triclinic_box(*c) for c in cells])
    canon = np.array([triclinic_vectors(d) for d in dims])  # a along x, b in the xy plane
    cpos = np.einsum("fni,fij->fnj", frac, canon).astype(np.float32)
    u = mda.Universe.empty(n, trajectory=True)
    u.load_new(cpos, format=MemoryReader, dimensions=dims)
    ga, gb = u.atoms[ia], u.atoms[ib]
    def run():
        return InterRDF(ga, gb, nbins=bins, range=(0.0, rmax), exclusion_block=(1, 1) if same else None).run().results.rdf
    version = mda.__version__

g, c, w = timed(run)
warm = {"cpu_ms": [], "wall_ms": []}
for _ in range(reps):
    _, c2, w2 = timed(run)
    warm["cpu_ms"].append(c2); warm["wall_ms"].append(w2)
print(json.dumps({"tool": tool, "version": version, "threads": 1 if tool == "freud" else None,
                  "cold": {"cpu_ms": c, "wall_ms": w}, "warm": warm, "g": np.asarray(g).tolist()}))
