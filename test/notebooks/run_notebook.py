"""Execute one notebook headlessly with nbclient and save the executed copy.

usage: python run_notebook.py IN.ipynb OUT.ipynb [--allow-errors] [--timeout S] [--kernel NAME]

The kernel runs in the folder of IN.ipynb (as in JupyterLab), so relative paths in cells
(e.g. ../data) resolve the same way. Exits 0 when every cell ran without error
(or --allow-errors), 1 on a cell error (the error is printed), 2 on bad usage.
Prints one JSON line on stdout: {"cells": n, "errors": [...], "seconds": t}.
"""
import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(argv):
    ap = argparse.ArgumentParser(description="Execute a notebook with nbclient.")
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--allow-errors", action="store_true")
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--kernel", default=None)
    a = ap.parse_args(argv)
    src, dst, allow, timeout, kernel = a.src, a.dst, a.allow_errors, a.timeout, a.kernel
    nb = nbformat.read(src, as_version=4)
    kw = dict(timeout=timeout, allow_errors=allow, resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}})
    if kernel:
        kw["kernel_name"] = kernel
    client = NotebookClient(nb, **kw)
    t0 = time.time()
    status = 0
    try:
        client.execute()
    except CellExecutionError as e:
        print(str(e), file=sys.stderr)
        status = 1
    finally:
        nbformat.write(nb, dst)
    errors = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append({"cell": i, "ename": out.get("ename"), "evalue": out.get("evalue")})
    print(json.dumps({"cells": len(nb.cells), "errors": errors, "seconds": round(time.time() - t0, 2)}))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
