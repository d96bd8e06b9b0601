"""Ask a fresh `superionic` kernel for completion and inspection (the prelude's `si` must be typed),
interrupt a waiting cell, and ask for comm info.

usage: python kernel_probe.py CWD
Prints one JSON object: {"complete": [...matches for "si.readTra"], "inspect": "text/plain of si.readTrajectory",
"info": {...}, "interrupt": {"status", "evalue"}, "after_interrupt": status of the next cell, "comm_info": msg_type}.
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel


def reply_to(kc, msg_id, full=False):
    while True:
        r = kc.get_shell_msg(timeout=60)
        if r["parent_header"].get("msg_id") == msg_id:
            return r if full else r["content"]


def main(cwd):
    km, kc = start_new_kernel(kernel_name="superionic", cwd=cwd, startup_timeout=180)
    try:
        info = kc.kernel_info(reply=True, timeout=60)["content"]
        code = "si.readTra"
        comp = kc.complete(code, len(code), reply=True, timeout=120)["content"]
        code2 = "si.readTrajectory"
        insp = kc.inspect(code2, len(code2) - 2, reply=True, timeout=120)["content"]
        code3 = "si.transport."
        comp_ns = kc.complete(code3, len(code3), reply=True, timeout=120)["content"]
        code4 = "let o: si.ReadOptions"
        insp_opts = kc.inspect(code4, len(code4) - 2, reply=True, timeout=120)["content"]
        code5 = "si.analyseDiffusion"
        insp_diff = kc.inspect(code5, len(code5) - 2, reply=True, timeout=120)["content"]
        # Interrupt (kernelspec interrupt_mode "signal") a cell that waits, then run the next cell.
        mid = kc.execute("await new Promise((r) => setTimeout(r, 120000))")
        time.sleep(1.5)
        km.interrupt_kernel()
        intr = reply_to(kc, mid)
        time.sleep(0.3)  # the queue drops requests arriving within 200 ms of a failed cell (stop_on_error)
        after = reply_to(kc, kc.execute('console.log("alive")'))
        msg = kc.session.msg("comm_info_request", {"target_name": "jupyter.widget"})
        kc.shell_channel.send(msg)
        comm = reply_to(kc, msg["header"]["msg_id"], full=True)
        print(json.dumps({
            "interrupt": {"status": intr.get("status"), "evalue": intr.get("evalue")},
            "after_interrupt": after.get("status"),
            "comm_info": comm["msg_type"],
            "complete": comp.get("matches", []),
            "inspect": insp.get("data", {}).get("text/plain", ""),
            "complete_transport": comp_ns.get("matches", []),
            "inspect_read_options": insp_opts.get("data", {}).get("text/plain", ""),
            "inspect_analyse_diffusion": insp_diff.get("data", {}).get("text/plain", ""),
            "info": {"implementation": info.get("implementation"), "language": info.get("language_info", {}).get("name"), "status": info.get("status")},
        }))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
