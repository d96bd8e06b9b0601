"""Peer timings for bench/dynamics: numpy FFT VACF/VDOS, pymatgen-analysis-diffusion VanHoveAnalysis,
numpy FFT orientation ACF and freud.order.RotationalAutocorrelation (origin 0 only: what freud offers),
on the same trajectory as ours.js. Analysis only (reading excluded). Same protocol as ours.js: each task's
first (cold) call, then BENCH_REPS (default 3) warm calls, CPU time (process_time) and wall clock.
The freud rotation row is timed twice: the whole pipeline a freud user needs (quaternions by scipy's
Kabsch alignment per rotor and frame — most of the time — then freud per frame against frame 0), and
freud's RotationalAutocorrelation calls alone on precomputed quaternions. Prints one JSON object."""
import gzip, json, os, sys, time, warnings
import numpy as np
warnings.filterwarnings("ignore")

def read_extxyz(path):
    frames, cells, symbols = [], [], None
    with gzip.open(path, "rt") as fh:
        while True:
            line = fh.readline()
            if not line:
                break
            n = int(line)
            head = fh.readline()
            lat = [float(x) for x in head.split('Lattice="')[1].split('"')[0].split()]
            cells.append(np.array(lat).reshape(3, 3))
            rows = [fh.readline().split() for _ in range(n)]
            symbols = [r[0] for r in rows]
            frames.append(np.array([[float(x) for x in r[1:4]] for r in rows]))
    return symbols, np.array(frames), np.array(cells)

REPS = int(os.environ.get("BENCH_REPS", "3"))  # same as ours.js

def timed(fn, reps=REPS):
    def once():
        c, w = time.process_time(), time.perf_counter()
        out = fn()
        return (time.process_time() - c) * 1e3, (time.perf_counter() - w) * 1e3, out
    c, w, out = once()
    warm = {"cpu_ms": [], "wall_ms": []}
    for _ in range(reps):
        c2, w2, out = once(); warm["cpu_ms"].append(c2); warm["wall_ms"].append(w2)
    return {"cold": {"cpu_ms": c, "wall_ms": w}, "warm": warm}, out

def acf_fft(x):  # x: (T, n, 3); all-origins mean over items and components
    T = x.shape[0]
    n = 1 << int(np.ceil(np.log2(2 * T)))
    F = np.fft.rfft(x, n=n, axis=0)
    s = np.fft.irfft(np.abs(F) ** 2, n=n, axis=0)[:T].sum(axis=2).mean(axis=1)
    return s / (T - np.arange(T))

def vdos_numpy(pos, idx, dt):
    v = (pos[2:, idx] - pos[:-2, idx]) / (2 * dt)
    c = acf_fft(v)
    M = (len(c) - 1) // 2 + 1
    c = c[:M] / c[0]
    w = 0.5 * (1 + np.cos(np.pi * np.arange(M) / M))
    n = 1 << int(np.ceil(np.log2(4 * M)))
    ext = np.zeros(n); ext[:M] = w * c; ext[n - M + 1:] = (w * c)[1:][::-1]
    S = 2 * dt * np.fft.rfft(ext).real * 1e-3
    f = np.fft.rfftfreq(n, dt) * 1e3
    return float(np.trapezoid(f * S, f) / np.trapezoid(S, f))

def main(path):
    symbols, pos, cells = read_extxyz(path)
    dt = 20.0
    li = [i for i, s in enumerate(symbols) if s == "Li"]
    out = {}
    out["numpy_vdos"], v = timed(lambda: vdos_numpy(pos, li, dt)); out["numpy_vdos"]["value"] = v
    # PS4 rotors: each P with its 4 nearest S (minimum image, frame 0), made whole per frame
    P = [i for i, s in enumerate(symbols) if s == "P"]; S = [i for i, s in enumerate(symbols) if s == "S"]
    inv = np.linalg.inv(cells[0])
    rot_atoms = []
    for p in P:
        d = pos[0, S] - pos[0, p]; f = d @ inv; f -= np.round(f); r = np.linalg.norm(f @ cells[0], axis=1)
        rot_atoms.append([p] + [S[k] for k in np.argsort(r)[:4]])
    def orient():
        u = np.empty((len(pos), len(rot_atoms), 3))
        from_m = {"P": 30.974, "S": 32.06}
        m = np.array([30.974, 32.06, 32.06, 32.06, 32.06])
        for q, a in enumerate(rot_atoms):
            d = pos[:, a] - pos[:, a[:1]]
            f = np.einsum("tij,jk->tik", d, inv); f -= np.round(f); d = np.einsum("tij,jk->tik", f, cells[0])
            com = (d * m[None, :, None]).sum(1) / m.sum()
            v = d[:, 1] - com; u[:, q] = v / np.linalg.norm(v, axis=1)[:, None]
        return u
    def rot_acf():
        return acf_fft(orient())
    out["numpy_rotation_acf"], acf = timed(rot_acf)
    out["numpy_rotation_acf"]["value"] = float(acf[-1])
    try:
        import freud
        from scipy.spatial.transform import Rotation
        def quaternions():
            # quaternions of each rotor relative to frame 0 (Kabsch via scipy)
            m = np.array([30.974, 32.06, 32.06, 32.06, 32.06])
            body = []
            quats = np.empty((len(pos), len(rot_atoms), 4))
            for q, a in enumerate(rot_atoms):
                d = pos[:, a] - pos[:, a[:1]]
                f = np.einsum("tij,jk->tik", d, inv); f -= np.round(f); d = np.einsum("tij,jk->tik", f, cells[0])
                d = d - ((d * m[None, :, None]).sum(1) / m.sum())[:, None, :]
                for t in range(len(pos)):
                    R, _ = Rotation.align_vectors(d[t], d[0], weights=m)
                    x, y, z, w = R.as_quat(); quats[t, q] = (w, x, y, z)
            return quats
        def freud_only(quats):
            ra = freud.order.RotationalAutocorrelation(l=2)
            vals = []
            for t in range(len(pos)):
                ra.compute(ref_orientations=quats[0], orientations=quats[t]); vals.append(ra.order)
            return np.array(vals)
        out["scipy_kabsch_freud_rotation_origin0"], _ = timed(lambda: freud_only(quaternions()))
        Q = quaternions()
        out["freud_rotation_origin0_only"], _ = timed(lambda: freud_only(Q))
        out["freud_version"] = freud.__version__
    except Exception as e:  # noqa: BLE001
        out["freud_error"] = repr(e)
    try:
        from pymatgen.core import Lattice, Structure
        from pymatgen.analysis.diffusion.analyzer import DiffusionAnalyzer
        from pymatgen.analysis.diffusion.aimd.van_hove import VanHoveAnalysis
        structs = [Structure(Lattice(cells[t]), symbols, pos[t], coords_are_cartesian=True) for t in range(len(pos))]
        da = DiffusionAnalyzer.from_structures(structs, "Li", temperature=600, time_step=20, step_skip=1)
        # 20 lags (0, 50, …, 950 frames) × 50 origins, r ≤ 4.3 Å on 101 points: the same work as ours.js
        out["pymatgen_vanhove"], _ = timed(lambda: VanHoveAnalysis(da, avg_nsteps=50, ngrid=101, rmax=4.3, step_skip=50, species=["Li"]))
    except Exception as e:  # noqa: BLE001
        out["pymatgen_error"] = repr(e)
    print(json.dumps(out))

if __name__ == "__main__":
    main(sys.argv[1])
