#!/usr/bin/env python3
"""Collects the BENCH lines of a benchmark boot log into a table and, optionally, a JSON file."""
import argparse
import json
import sys

# What the counter is on each architecture; under -icount shift=0 each counts guest instructions.
METRIC = {
    "x86_64": "guest instructions (QEMU TCG, -icount shift=0: one TSC tick per instruction)",
    "riscv64": "guest instructions (QEMU TCG, -icount shift=0: instret, retired instructions)",
    "aarch64": "guest instructions (QEMU TCG, -icount shift=0: PMCCNTR_EL0, QEMU's 1 GHz virtual clock)",
}


def collect(log_path):
    """The results, each a dict; those of n pages also get `per_page`, the median over n."""
    results = []
    with open(log_path, errors="replace") as log:
        for line in log:
            if line.startswith("BENCH {"):
                r = json.loads(line[len("BENCH "):])
                if "pages" in r:
                    r["per_page"] = round(r["median"] / r["pages"], 1)
                results.append(r)
    return results


def size(result):
    """A result's size: message words, pages or, for an interrupt latency, interrupts measured."""
    return result.get("words", result.get("pages", result.get("interrupts")))


def worst_latency(results):
    """keel_latency's summary: the largest interrupt latency and the operation it came in, or None."""
    return next((r for r in results if r["name"] == "irq_latency_max"), None)


def table(results):
    """One row per result; `n` is the message length in words, the number of pages (then the
    last column is the median cost per page) or of interrupts; the worst-case interrupt latency
    last."""
    rows = [f"{'benchmark':<62} {'n':>5} {'runs':>5} {'min':>7} {'median':>7} {'mean':>7} {'stddev':>7} "
            f"{'max':>7} {'per page':>8}"]
    for r in results:
        if r is worst_latency(results):
            continue
        per_page = f"{r['per_page']:8.1f}" if "per_page" in r else ""
        rows.append(f"{r['name']:<62} {size(r):>5} {r['runs']:>5} {r['min']:>7} {r['median']:>7} {r['mean']:>7} "
                    f"{r['stddev']:>7} {r['max']:>7} {per_page}")
    worst = worst_latency(results)
    if worst:
        rows.append(f"irq_latency_max: {worst['max']} instructions, during the {worst['operation']}")
    return "\n".join(rows)


def key(result):
    return (result["name"], size(result))


def comparison(results, other, other_name):
    """One row per benchmark both runs have: both medians and their ratio (Keel / other)."""
    theirs = {key(r): r for r in other}
    rows = [f"{'benchmark':<62} {'n':>5} {'Keel':>9} {other_name[:12]:>12} {'ratio':>6}"]
    pairs = []
    for r in results:
        o = theirs.get(key(r))
        if o is None or "median" not in r:
            continue
        ratio = r["median"] / o["median"] if o["median"] else float("inf")
        pairs.append({"name": r["name"], "n": key(r)[1], "keel": r["median"], "other": o["median"], "ratio": ratio})
        rows.append(f"{r['name']:<62} {key(r)[1]:>5} {r['median']:>9} {o['median']:>12} {ratio:>6.2f}")
    return "\n".join(rows), pairs


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("log")
    p.add_argument("--json", help="write the results here as JSON")
    p.add_argument("--kernel-name", default="keel", help="the kernel LOG was measured on")
    p.add_argument("--arch", choices=sorted(METRIC), default="x86_64", help="the architecture LOG was measured on")
    p.add_argument("--config", choices=["classic", "mcs"], default="classic",
                   help="the kernel configuration LOG was measured in (mcs: seL4's KernelIsMCS)")
    p.add_argument("--compare", metavar="LOG2", help="the same benchmarks on another kernel: print both medians")
    p.add_argument("--compare-name", default="other", help="that kernel's name")
    args = p.parse_args()
    results = collect(args.log)
    if not results:
        sys.exit(f"bench_report: no results in {args.log}")
    metric = METRIC[args.arch]
    report = {"kernel": args.kernel_name, "arch": args.arch, "config": args.config, "metric": metric,
              "results": results}
    if worst_latency(results):
        report["irq_latency_max"] = worst_latency(results)
    print(f"Costs in {metric}, over the runs after a warm-up ({args.config} configuration).")
    if args.compare:
        other = collect(args.compare)
        text, pairs = comparison(results, other, args.compare_name)
        if not pairs:
            sys.exit(f"bench_report: no benchmark in both {args.log} and {args.compare}")
        print(f"Medians on Keel and on {args.compare_name}, one run each under the same QEMU -icount settings;")
        print("ratio = Keel / other (below 1: Keel costs fewer instructions).")
        print(text)
        report["compare"] = {"kernel": args.compare_name, "results": other, "medians": pairs}
    else:
        print(table(results))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(report, out, indent=2)
            out.write("\n")
        print(f"JSON written to {args.json}")


if __name__ == "__main__":
    main()
