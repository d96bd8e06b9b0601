"""Persistent machine-learned-potential worker for superionic (src/simulate/ml/mlPotential.ts).

Started once per kernel or CLI run with the model name as its argument; evaluates energies, forces,
stress and per-atom energies through the model's own ASE calculator, so results are the model's.

Protocol (little-endian; each message is a u32 byte count followed by the payload):
  greeting  worker -> caller: u8 2, UTF-8 JSON {model, model_version, package, package_version, torch_version,
            device, elements: [Z...]}
  request   caller -> worker: u8 op = 1 (evaluate), u32 n_frames, then per frame
            u32 n, f64 cell[9] (rows are lattice vectors, Å), f64 positions[3n] (Å), i32 Z[n]
  reply     worker -> caller: u8 0, u32 n_frames, then per frame
            f64 energy (eV), f64 stress[6] (Voigt xx yy zz yz xz xy, eV/Å³, ASE sign), f64 forces[3n] (eV/Å),
            f64 energies[n] (per-atom energies, eV)
  error     worker -> caller: u8 1, UTF-8 message (the worker keeps running)
Closing stdin shuts the worker down (exit code 0).

Models: chgnet (= chgnet-0.3.0), chgnet-0.2.0, chgnet-r2scan (CHGNet, Deng et al., Nat. Mach. Intell. 5, 1031
(2023)); sevenn-0 (SevenNet-0, Park et al., J. Chem. Theory Comput. 20, 4857 (2024)). Weights come with the wheels:
nothing is downloaded. Threads: SUPERIONIC_ML_THREADS (default: torch's). Device: SUPERIONIC_ML_DEVICE (default
cuda when available, else cpu).
"""
import io
import json
import os
import struct
import sys
from importlib import metadata

OUT = sys.stdout.buffer
IN = sys.stdin.buffer
# Libraries print banners: keep the protocol stream clean.
sys.stdout = sys.stderr

MODELS = {
    "chgnet": ("chgnet", "0.3.0"),
    "chgnet-0.3.0": ("chgnet", "0.3.0"),
    "chgnet-0.2.0": ("chgnet", "0.2.0"),
    "chgnet-r2scan": ("chgnet", "r2scan"),
    "sevenn-0": ("sevenn", "7net-0"),
}


def send(payload: bytes) -> None:
    OUT.write(struct.pack("<I", len(payload)))
    OUT.write(payload)
    OUT.flush()


def read_exact(n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = IN.read(n - len(buf))
        if not chunk:
            return b""
        buf.extend(chunk)
    return bytes(buf)


def load(name: str):
    import numpy as np
    import torch

    threads = os.environ.get("SUPERIONIC_ML_THREADS")
    if threads:
        torch.set_num_threads(int(threads))
    device = os.environ.get("SUPERIONIC_ML_DEVICE") or ("cuda" if torch.cuda.is_available() else "cpu")
    family, version = MODELS[name]
    info = {"model": name, "package": family, "package_version": metadata.version(family),
            "torch_version": torch.__version__, "device": device}
    if family == "chgnet":
        from chgnet.model import CHGNet
        from chgnet.model.dynamics import CHGNetCalculator

        model = CHGNet.load(model_name=version, use_device=device, verbose=False)
        calc = CHGNetCalculator(model=model, use_device=device, return_site_energies=True)
        info["model_version"] = str(getattr(model, "version", version) or version)
        elements = list(range(1, 95))
    else:
        from sevenn.calculator import SevenNetCalculator

        calc = SevenNetCalculator(version, device=device)
        info["model_version"] = version
        # type_map: atomic number -> model type index, the elements the model was trained on.
        elements = sorted(int(z) for z in calc.type_map.keys())
    info["elements"] = elements
    return calc, info, set(elements)


def evaluate(calc, known, payload: bytes) -> bytes:
    import numpy as np

    (n_frames,) = struct.unpack_from("<I", payload, 1)
    off = 5
    out = io.BytesIO()
    out.write(struct.pack("<BI", 0, n_frames))
    for k in range(n_frames):
        (n,) = struct.unpack_from("<I", payload, off)
        off += 4
        cell = np.frombuffer(payload, "<f8", 9, off).reshape(3, 3)
        off += 72
        pos = np.frombuffer(payload, "<f8", 3 * n, off).reshape(n, 3)
        off += 24 * n
        z = np.frombuffer(payload, "<i4", n, off)
        off += 4 * n
        try:
            energy, forces, stress, energies = evaluate_structure(calc, known, z, cell, pos)
        except ValueError as e:
            raise ValueError(f"frame {k}: {e}") from None
        out.write(struct.pack("<d", energy))
        out.write(stress.tobytes())
        out.write(np.ascontiguousarray(forces).tobytes())
        out.write(np.ascontiguousarray(energies, dtype="<f8").tobytes())
    return out.getvalue()


def evaluate_structure(calc, known, z, cell, pos):
    """Energy (eV), forces (n×3, eV/Å), stress (Voigt, eV/Å³, ASE sign) and per-atom energies (eV) of one
    periodic structure: atomic numbers z, cell rows = lattice vectors (Å), Cartesian positions (Å)."""
    import numpy as np
    from ase import Atoms
    from ase.data import chemical_symbols

    bad = sorted({int(a) for a in z if int(a) not in known})
    if bad:
        names = ", ".join(chemical_symbols[a] if 0 < a < len(chemical_symbols) else str(a) for a in bad)
        raise ValueError(f"the model does not know element(s) {names}")
    atoms = Atoms(numbers=np.array(z, dtype=int), positions=np.array(pos, dtype=float), cell=np.array(cell, dtype=float), pbc=True)
    atoms.calc = calc
    energy = float(atoms.get_potential_energy())
    forces = np.asarray(atoms.get_forces(), dtype="<f8")
    stress = np.asarray(atoms.get_stress(voigt=True), dtype="<f8")
    return energy, forces, stress, per_atom_energies(calc, atoms, energy)


def per_atom_energies(calc, atoms, energy):
    import numpy as np

    r = calc.results
    for key in ("energies", "site_energies", "atomic_energies"):
        if key in r and r[key] is not None:
            return np.asarray(r[key], dtype="<f8").reshape(-1)
    raise ValueError("the model's calculator gave no per-atom energies")


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in MODELS:
        sys.stderr.write(f"usage: ml_worker.py MODEL with MODEL one of {', '.join(MODELS)}\n")
        return 2
    calc, info, known = load(sys.argv[1])
    send(b"\x02" + json.dumps(info).encode())
    while True:
        head = read_exact(4)
        if not head:
            return 0
        (length,) = struct.unpack("<I", head)
        payload = read_exact(length)
        if len(payload) != length:
            return 0
        try:
            if payload[0] != 1:
                raise ValueError(f"unknown request op {payload[0]}")
            send(evaluate(calc, known, payload))
        except Exception as e:  # reported to the caller; the worker keeps serving
            send(b"\x01" + f"{type(e).__name__}: {e}".encode())


if __name__ == "__main__":
    sys.exit(main())
