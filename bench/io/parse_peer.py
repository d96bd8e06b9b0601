"""Peer extxyz readers over every frame of FILE: MDAnalysis XYZReader (positions of each frame) or ASE iread;
the first (cold) pass and REPS warm passes, CPU (process_time) and wall clock. Prints JSON.
Usage: parse_peer.py FILE mdanalysis|ase [REPS=2]"""
import json, os, sys, time, warnings
warnings.filterwarnings("ignore")
path, tool = sys.argv[1], sys.argv[2]
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 2
if tool == "mdanalysis":
    import MDAnalysis as mda
    def run():
        u = mda.Universe(path, format="XYZ", topology_format="XYZ")
        n, s = 0, 0.0
        for ts in u.trajectory:
            n += 1; s += float(ts.positions[0, 0])
        return n, s
else:
    from ase.io import iread
    def run():
        n, s = 0, 0.0
        for a in iread(path, index=":", format="extxyz"):
            n += 1; s += float(a.positions[0, 0])
        return n, s
def timed():
    c, w = time.process_time(), time.perf_counter()
    r = run()
    return (time.process_time() - c) * 1e3, (time.perf_counter() - w) * 1e3, r
c, w, (frames, check) = timed()
warm = {"cpu_ms": [], "wall_ms": []}
for _ in range(reps):
    c2, w2, _r = timed(); warm["cpu_ms"].append(c2); warm["wall_ms"].append(w2)
print(json.dumps({"tool": tool, "bytes": os.path.getsize(path), "frames": frames, "check": check, "cold": {"cpu_ms": c, "wall_ms": w}, "warm": warm}))
