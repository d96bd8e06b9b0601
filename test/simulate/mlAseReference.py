"""Reference for test/simulate/mlPotential.test.ts: the model's own ASE calculator on the same structures.

stdin: JSON {model, frames: [{numbers, cell (9), positions (3n)}]}; stdout: JSON [{energy, forces, stress, energies}].
Independent of python/ml_worker.py: it builds the calculators here, the way each package documents.
"""
import json
import sys

req = json.load(sys.stdin)
model = req["model"]
real_stdout = sys.stdout
sys.stdout = sys.stderr
if model.startswith("chgnet"):
    from chgnet.model import CHGNet
    from chgnet.model.dynamics import CHGNetCalculator

    version = "0.3.0" if model == "chgnet" else model.split("-", 1)[1]
    calc = CHGNetCalculator(model=CHGNet.load(model_name=version, use_device="cpu", verbose=False), use_device="cpu", return_site_energies=True)
else:
    from sevenn.calculator import SevenNetCalculator

    calc = SevenNetCalculator("7net-0", device="cpu")
from ase import Atoms
import numpy as np

out = []
for f in req["frames"]:
    atoms = Atoms(numbers=f["numbers"], positions=np.reshape(f["positions"], (-1, 3)), cell=np.reshape(f["cell"], (3, 3)), pbc=True)
    atoms.calc = calc
    e = float(atoms.get_potential_energy())
    out.append({"energy": e, "forces": atoms.get_forces().reshape(-1).tolist(), "stress": atoms.get_stress().tolist(),
                "energies": np.asarray(calc.results["energies"]).reshape(-1).tolist()})
real_stdout.write(json.dumps(out))
