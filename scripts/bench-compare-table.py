#!/usr/bin/env python3
"""The table of scripts/bench-compare.sh: medians over its repeats of each system's samples/s, test accuracy and peak
RSS, and sparknn's ratio to each peer. Usage: bench-compare-table.py RUNS_DIR (holding r1/, r2/, ...)."""
import glob, json, os, re, statistics, sys

def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None

def time_rss_mib(path):
    """'Maximum resident set size (kbytes)' of a /usr/bin/time -v report, in MiB."""
    if not os.path.exists(path):
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return int(m.group(1)) / 1024 if m else None

def collect(runs):
    rows = {}  # (benchmark, system) -> {"rate": [], "acc": [], "rss": [], "vmhwm": []}
    def add(bench, system, **kv):
        row = rows.setdefault((bench, system), {"rate": [], "acc": [], "rss": [], "vmhwm": []})
        for k, v in kv.items():
            row[k].append(v)
    for rdir in sorted(glob.glob(os.path.join(runs, "r*"))):
        peers_file = os.path.join(rdir, "peers-dir")
        peers = open(peers_file).read().strip() if os.path.exists(peers_file) else ""
        for f in sorted(glob.glob(os.path.join(peers, "*.json"))):
            r = json.load(open(f))
            if "error" in r:
                add(str(r.get("benchmark", "?"))[:2], r.get("peer", "?") + " (FAILED)", rate=None)
                continue
            add(str(r["benchmark"])[:2], r["peer"], rate=r.get("samples_per_s"), acc=r.get("test_acc"))
        tsv = os.path.join(rdir, "sparknn.tsv")
        for line in open(tsv) if os.path.exists(tsv) else []:
            bench, sync, parts, _epochs, rate, _best, acc, rss = line.rstrip("\n").split("\t")
            add(bench, f"sparknn {sync}, {parts} partition(s)", rate=float(rate),
                acc=None if acc == "NaN" else float(acc), vmhwm=int(rss) / 2**20 if int(rss) >= 0 else None)
        for system in ("pytorch-single", "sparknn"):
            rss = time_rss_mib(os.path.join(rdir, f"rss-{system}-B1.time"))
            if rss is not None:
                key = "pytorch-single" if system == "pytorch-single" else next(
                    (s for b, s in rows if b == "B1" and s.startswith("sparknn step")), "sparknn step")
                add("B1", key, rss=rss)
    return rows

def fmt(v, spec):
    return "-" if v is None else format(v, spec)

def table(runs):
    rows = collect(runs)
    repeats = len(glob.glob(os.path.join(runs, "r*")))
    out = [f"medians over {repeats} repeat(s); peak RSS: /usr/bin/time -v (B1 only), VmHWM: sparknn's own record; "
           "ratios: sparknn step / this row; last column: this row / pytorch-single",
           "",
           "| benchmark | system / mode | samples/s | test acc | peak RSS MiB | VmHWM MiB "
           "| sparknn/this samples/s | sparknn/this peak RSS | this/pytorch-single samples/s |",
           "|---|---|---|---|---|---|---|---|---|"]
    for bench in sorted({b for b, _ in rows}):
        systems = sorted(s for b, s in rows if b == bench)
        ours = next((s for s in systems if s.startswith("sparknn step")), None)
        o = rows.get((bench, ours), {})
        o_rate, o_rss = median(o.get("rate", [])), median(o.get("rss", []))
        torch_rate = median(rows.get((bench, "pytorch-single"), {}).get("rate", []))
        for s in systems:
            r = rows[(bench, s)]
            rate, rss = median(r["rate"]), median(r["rss"])
            ratio_rate = o_rate / rate if o_rate and rate and s != ours else None
            ratio_rss = o_rss / rss if o_rss and rss and s != ours else None
            vs_torch = rate / torch_rate if rate and torch_rate and s != "pytorch-single" else None
            out.append(f"| {bench} | {s} | {fmt(rate, ',.0f')} | {fmt(median(r['acc']), '.4f')} | {fmt(rss, ',.0f')} "
                       f"| {fmt(median(r['vmhwm']), ',.0f')} | {fmt(ratio_rate, '.2f')} | {fmt(ratio_rss, '.2f')} "
                       f"| {fmt(vs_torch, '.2f')} |")
    return "\n".join(out)

if __name__ == "__main__":
    print(table(sys.argv[1]))
