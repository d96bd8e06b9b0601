"""LAMMPS integrates, a machine-learned potential gives the forces (src/simulate/lammps/runLammpsML.ts).

Debian's LAMMPS has no ML pair styles; its Python module (apt `python3-lammps`) drives the shared library, and
`fix ID group external pf/callback 1 1` hands every force evaluation to a Python callback (LAMMPS manual, fix
external). Here the callback evaluates CHGNet or SevenNet-0 through the same code as the persistent worker
(python/ml_worker.py: the model's own ASE calculator) and returns to LAMMPS
  - the forces (added to LAMMPS's forces; with `pair_style none` they are the only ones),
  - the energy (`fix_modify ID energy yes`: part of pe), the virial W_ab = −V σ_ab (`virial yes`: part of press),
  - the per-atom energies (part of `compute pe/atom`).
LAMMPS does the rest: integrators, thermostats, groups (frozen anions for RTVC), minimisation, dumps, thermo.

Usage (in the work directory, with the ML environment's Python): lammps_ml.py ml.json
  ml.json: {"model": "chgnet", "input": "in.lmp", "log": "log.lammps", "type_numbers": [Z of type 1, 2, ...],
            "threads": torch threads (optional), "device": "cpu" or "cuda" (optional)}
The input script is run command by command; right after each `fix ... external pf/callback` command the callback is
attached to that fix. Runs serially (one MPI rank: the model sees every atom).

The lammps module: the ML environment's Python need not be Debian's. If `import lammps` fails, Debian's package
directory is appended to sys.path for that import only (python3-lammps is pure Python over ctypes; it works with any
Python 3), and because Debian ships liblammps.so.0 without the unversioned liblammps.so the module looks for (that
name comes with liblammps-dev), the versioned name is used when the plain one cannot be opened.
"""
import ctypes
import json
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ml_worker  # noqa: E402  (same directory; also sends library banners to stderr)

DEBIAN_DIST_PACKAGES = "/usr/lib/python3/dist-packages"


def import_lammps():
    try:
        import lammps  # noqa: F401
    except ImportError:
        if not os.path.isdir(os.path.join(DEBIAN_DIST_PACKAGES, "lammps")):
            raise ImportError(
                "the Python module of LAMMPS is missing: install it (Debian: apt install python3-lammps) so that "
                f"{DEBIAN_DIST_PACKAGES}/lammps exists, or install the lammps module into the ML environment"
            ) from None
        sys.path.append(DEBIAN_DIST_PACKAGES)
        try:
            import lammps  # noqa: F401
        finally:
            sys.path.remove(DEBIAN_DIST_PACKAGES)
    import lammps
    import lammps.core as core

    plain_cdll = core.CDLL

    def cdll(name, *args, **kwargs):
        try:
            return plain_cdll(name, *args, **kwargs)
        except OSError:
            if os.path.basename(str(name)) == "liblammps.so":
                return plain_cdll("liblammps.so.0", *args, **kwargs)
            raise

    core.CDLL = cdll
    return lammps


def split_commands(text):
    """Commands of a LAMMPS input: comments dropped, '&' continuation lines joined."""
    out, pending = [], ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.endswith("&"):
            pending += line[:-1] + " "
            continue
        line = (pending + line).strip()
        pending = ""
        if line:
            out.append(line)
    return out


def main() -> int:
    if len(sys.argv) != 2:
        sys.stderr.write("usage: lammps_ml.py ml.json\n")
        return 2
    with open(sys.argv[1]) as fh:
        spec = json.load(fh)
    import numpy as np

    if spec.get("threads"):
        os.environ["SUPERIONIC_ML_THREADS"] = str(spec["threads"])
    if spec.get("device"):
        os.environ["SUPERIONIC_ML_DEVICE"] = str(spec["device"])
    calc, info, known = ml_worker.load(spec["model"])
    type_numbers = np.array([0] + list(spec["type_numbers"]), dtype=int)
    bad = sorted({int(z) for z in type_numbers[1:] if int(z) not in known})
    if bad:
        sys.stderr.write(f"ERROR: {spec['model']} does not know element(s) with Z = {', '.join(map(str, bad))}\n")
        return 2
    lammps = import_lammps()
    lmp = lammps.lammps(cmdargs=["-log", spec.get("log", "log.lammps"), "-screen", "none", "-nocite"])
    lmp.command(f"print 'superionic: forces from {info['model']} {info['model_version']} ({info['package']} {info['package_version']}, torch {info['torch_version']}, {info['device']})'")
    calls = {"n": 0}

    def callback(fix_id, ntimestep, nlocal, tag, x, f):
        try:
            n = int(nlocal)
            ntotal = int(lmp.get_natoms())
            if n != ntotal:
                raise RuntimeError(f"{ntotal - n} atoms are on other MPI ranks; run lammps_ml.py serially")
            boxlo, boxhi, xy, yz, xz, _, _ = lmp.extract_box()
            cell = np.array([[boxhi[0] - boxlo[0], 0, 0], [xy, boxhi[1] - boxlo[1], 0], [xz, yz, boxhi[2] - boxlo[2]]])
            ids = np.asarray(tag).reshape(-1) - 1
            types = np.ctypeslib.as_array(lmp.extract_atom("type"), shape=(n,))
            pos = np.empty((n, 3))
            z = np.empty(n, dtype=int)
            pos[ids] = np.asarray(x) - np.asarray(boxlo)
            z[ids] = type_numbers[types]
            energy, forces, stress, energies = ml_worker.evaluate_structure(calc, known, z, cell, pos)
            f[:] = forces[ids]
            volume = abs(np.linalg.det(cell))
            # ASE Voigt stress xx yy zz yz xz xy -> LAMMPS virial xx yy zz xy xz yz, W = -V sigma (eV).
            s = stress
            lmp.fix_external_set_energy_global(fix_id, float(energy))
            lmp.fix_external_set_virial_global(fix_id, [-volume * v for v in (s[0], s[1], s[2], s[5], s[4], s[3])])
            lmp.numpy.fix_external_set_energy_peratom(fix_id, np.ascontiguousarray(energies[ids]))
            calls["n"] += 1
        except BaseException:
            # An exception inside a ctypes callback would be printed and ignored (forces left at zero): stop instead.
            sys.stderr.write(f"ERROR: {info['model']} force callback failed at step {ntimestep}:\n{traceback.format_exc()}")
            sys.stderr.flush()
            os._exit(3)

    with open(spec.get("input", "in.lmp")) as fh:
        commands = split_commands(fh.read())
    attached = 0
    for cmd in commands:
        lmp.command(cmd)
        words = cmd.split()
        if len(words) >= 5 and words[0] == "fix" and words[3] == "external" and words[4] == "pf/callback":
            lmp.set_fix_external_callback(words[1], callback, words[1])
            attached += 1
    if not attached:
        sys.stderr.write("ERROR: the input has no 'fix ID group external pf/callback' command: no forces from the model\n")
        return 2
    lmp.command(f"print 'superionic: {calls['n']} model evaluations'")
    lmp.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
