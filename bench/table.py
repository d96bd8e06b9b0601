import json, os, sys, glob
out = sys.argv[1]
print(f"\nload average at the end: {open('/proc/loadavg').read().split()[:3]} (2 cores shared; CPU-time ratios are primary)")
print("ratio = peer / ours (> 1: ours faster, or higher throughput); cpu = CPU time, wall = wall clock, cold = first call")
print(f"\n{'area':10s} {'task':44s} {'peer':36s} {'ours':>9s} {'peer':>9s} {'cpu':>6s} {'cpu min':>7s} {'wall':>6s} {'cold':>6s}  target")
fmt = lambda x: f"{x:.3g}" if isinstance(x, (int, float)) and not isinstance(x, bool) else ("" if x is None else str(x))
for f in sorted(glob.glob(os.path.join(out, "*.json"))):
    name = os.path.basename(f)[:-5]
    try:
        d = json.load(open(f))
    except Exception as e:
        print(f"{name:10s} unreadable ({e})"); continue
    if not isinstance(d, dict) or not d.get("rows"):
        print(f"{name:10s} (no rows in {os.path.basename(f)}: its run.sh must write them)"); continue
    area = d.get("area", name)
    for r in d["rows"]:
        print(f"{area:10s} {str(r.get('task',''))[:44]:44s} {str(r.get('peer',''))[:36]:36s} {fmt(r.get('ours')):>9s} {fmt(r.get('peer_value')):>9s} "
              f"{fmt(r.get('ratio')):>6s} {fmt(r.get('ratio_cpu_min')):>7s} {fmt(r.get('ratio_wall')):>6s} {fmt(r.get('ratio_cold_cpu')):>6s}  {fmt(r.get('target'))}")
    if "scaling" in d:
        s = d["scaling"]
        print(f"{area:10s} scaling exponent (t ∝ N^x, {len(s.get('series', []))} sizes): ours {fmt(s.get('exponent_ours'))}, freud {fmt(s.get('exponent_freud'))}")
