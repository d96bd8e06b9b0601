"""Ask a fresh `superionic` kernel for completion and inspection (the prelude's `si` must be typed).

usage: python kernel_probe.py CWD
Prints one JSON object: {"complete": [...matches for "si.readTra"], "inspect": "text/plain of si.readTrajectory",
"info": kernel_info content}.
"""
import json
import sys

from jupyter_client.manager import start_new_kernel


def main(cwd):
    km, kc = start_new_kernel(kernel_name="superionic", cwd=cwd, startup_timeout=180)
    try:
        info = kc.kernel_info(reply=True, timeout=60)["content"]
        code = "si.readTra"
        comp = kc.complete(code, len(code), reply=True, timeout=120)["content"]
        code2 = "si.readTrajectory"
        insp = kc.inspect(code2, len(code2) - 2, reply=True, timeout=120)["content"]
        print(json.dumps({
            "complete": comp.get("matches", []),
            "inspect": insp.get("data", {}).get("text/plain", ""),
            "info": {"implementation": info.get("implementation"), "language": info.get("language_info", {}).get("name")},
        }))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
