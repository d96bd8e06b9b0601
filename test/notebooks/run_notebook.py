"""Execute one notebook headlessly with nbclient and save the executed copy.

usage: python run_notebook.py IN.ipynb OUT.ipynb [--allow-errors] [--timeout S] [--kernel NAME]

The kernel runs in the folder of IN.ipynb (as in JupyterLab), so relative paths in cells
(e.g. ../../shared/data) resolve the same way. Exits 0 when every cell ran without error
(or --allow-errors), 1 on a cell error (the error is printed), 2 on bad usage.
Prints one JSON line on stdout: {"cells": n, "errors": [...], "seconds": t}.
"""
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = args
    allow = "--allow-errors" in argv
    timeout = 900
    kernel = None
    for i, a in enumerate(argv):
        if a == "--timeout":
            timeout = int(argv[i + 1])
        if a == "--kernel":
            kernel = argv[i + 1]
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
