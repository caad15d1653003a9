#!/usr/bin/env python3
"""Collects the BENCH lines of a benchmark boot log into a table and, optionally, a JSON file."""
import argparse
import json
import sys

METRIC = "guest instructions (QEMU TCG, -icount shift=0: one TSC tick per instruction)"


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


def table(results):
    """One row per result; `n` is the message length in words, or the number of pages (then the
    last column is the median cost per page)."""
    rows = [f"{'benchmark':<46} {'n':>5} {'runs':>5} {'min':>7} {'median':>7} {'mean':>7} {'stddev':>7} {'per page':>8}"]
    for r in results:
        n = r.get("words", r.get("pages"))
        per_page = f"{r['per_page']:8.1f}" if "per_page" in r else ""
        rows.append(f"{r['name']:<46} {n:>5} {r['runs']:>5} {r['min']:>7} {r['median']:>7} {r['mean']:>7} "
                    f"{r['stddev']:>7} {per_page}")
    return "\n".join(rows)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("log")
    p.add_argument("--json", help="write the results here as JSON")
    args = p.parse_args()
    results = collect(args.log)
    if not results:
        sys.exit(f"bench_report: no results in {args.log}")
    print(f"Costs in {METRIC}, over the runs after a warm-up.")
    print(table(results))
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"kernel": "keel", "arch": "x86_64", "metric": METRIC, "results": results}, out, indent=2)
            out.write("\n")
        print(f"JSON written to {args.json}")


if __name__ == "__main__":
    main()
