"""pymatgen-analysis-diffusion SiteOccupancyAnalyzer on the same Li trajectory and site centres."""
import json, sys, time
import numpy as np
from pymatgen.core import Lattice, Structure
from pymatgen.analysis.diffusion.aimd.pathway import SiteOccupancyAnalyzer

d = json.load(open(sys.argv[1]))
lattice = Lattice(d["lattice"])
li = np.array(d["li"])  # frames x ions x 3, fractional
structure = Structure(lattice, ["Li"] * li.shape[1], li[0])
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    soa = SiteOccupancyAnalyzer(structure, d["sites"], li, species=["Li"])
    best = min(best, (time.perf_counter() - t0) * 1e3)
import pymatgen.analysis.diffusion as pad
from importlib.metadata import version
print(json.dumps({"ms": best, "site_occ": soa.site_occ.tolist(), "version": version("pymatgen-analysis-diffusion")}))
