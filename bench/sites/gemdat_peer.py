"""GEMDAT on one Li6PS5Cl trajectory with its argyrodite 48h sites (2x2x2) and default site radius, as in
test/fixtures/gemdat/make_reference.py: the first (cold) call and REPS warm calls, CPU (process_time) and wall
clock, of (a) the analysis (transitions_between_sites -> jumps -> collective -> to_graph -> activation_energies,
on the trajectory already in memory) and (b) end to end (reading the XDATCAR with pymatgen + the analysis; cold
only, as a user runs it once). Peak RSS of the process. Prints one JSON object.
Usage: gemdat_peer.py FILE REPS"""
import json, resource, sys, time, warnings
from importlib.metadata import version

warnings.filterwarnings("ignore")
from pymatgen.io.vasp.outputs import Xdatcar
from gemdat import Trajectory
from gemdat.io import load_known_material

path, reps = sys.argv[1], int(sys.argv[2])
cpu = lambda: time.process_time() * 1e3
wall = lambda: time.perf_counter() * 1e3


def read():
    structs = Xdatcar(path).structures
    return Trajectory.from_structures(structs, constant_lattice=True, time_step=100e-15, metadata={"temperature": 500.0})


def analyse(traj, stages=None):
    t = [cpu()]
    sites = load_known_material("argyrodite", supercell=(2, 2, 2))
    tr = traj.transitions_between_sites(sites, floating_specie="Li")
    t.append(cpu())
    j = tr.jumps()
    t.append(cpu())
    c = j.collective()
    t.append(cpu())
    g = j.to_graph()
    ea = j.activation_energies()
    t.append(cpu())
    if stages is not None:
        stages.update({k: t[i + 1] - t[i] for i, k in enumerate(["transitions_cpu_ms", "jumps_cpu_ms", "collective_cpu_ms", "graph_and_activation_energies_cpu_ms"])})
    return {"n_jumps": int(j.n_jumps), "n_coll_pairs": len(c.collective), "n_edges": g.number_of_edges(), "e_act": float(ea["energy"].iloc[0])}


c0, w0 = cpu(), wall()
traj = read()
read_cpu, read_wall = cpu() - c0, wall() - w0
c1, w1 = cpu(), wall()
stages = {}
res = analyse(traj, stages)
cold = {"cpu_ms": cpu() - c1, "wall_ms": wall() - w1}
e2e = {"cpu_ms": cpu() - c0, "wall_ms": wall() - w0}
warm = {"cpu_ms": [], "wall_ms": []}
for _ in range(reps):
    c, w = cpu(), wall()
    analyse(traj)
    warm["cpu_ms"].append(cpu() - c)
    warm["wall_ms"].append(wall() - w)
print(json.dumps({"tool": f"gemdat {version('gemdat')}", "result": res, "cold": cold, "warm": warm,
                  "end_to_end": {"cold": e2e, "read": {"cpu_ms": read_cpu, "wall_ms": read_wall}}, "cold_stages": stages,
                  "peak_rss_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
