#!/usr/bin/env python3
"""Summarises benchmarks/results/cold-start.json (written by cold.sh): per configuration, bare and Lift start-up
(median and mean of hyperfine's runs), Lift's ratio and difference, and the footprint after one invocation
(median RSS and heap in use after a full GC), with the issue's targets. --chart also draws
benchmarks/results/charts/cold-start.svg.

Usage: cold_report.py RESULT.json [--chart]
"""
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def footprint(doc, config, side):
    rss, heap = [], []
    for f in doc["footprint"]:
        m = re.search(r"rss-kb=(\d+) heap-bytes=(\d+)", f["line"])
        if f["config"] == config and f["side"] == side and m:
            rss.append(int(m.group(1)) / 1024)
            heap.append(int(m.group(2)) / 1048576)
    return (statistics.median(rss), statistics.median(heap)) if rss else (None, None)


def rows(doc):
    by = {r["command"]: r for r in doc["hyperfine"]}
    configs = []
    for name in by:
        c = name.rsplit(" ", 1)[0]
        if c not in configs:
            configs.append(c)
    for c in configs:
        b, l = by.get(c + " bare"), by.get(c + " lift")
        if not b or not l:
            continue
        bm, lm = b["median"] * 1000, l["median"] * 1000
        yield c, b, l, bm, lm, footprint(doc, c, "bare"), footprint(doc, c, "lift")


def verdict(ok):
    return "met" if ok else "**missed**"


def report(doc):
    print(f"Machine: {doc['machine']}; {doc['date']}; JDK 17: {doc['jdk17']}; JDK 25: {doc['jdk25']}")
    print(f"{doc['jar']} {doc['jar_bytes']:,} bytes; flags {doc['flags']}; hyperfine -N, {doc['runs']} runs after "
          f"{doc['warmup']} warm-up runs per side; archives: "
          + ", ".join(f"{k} {v / 1048576:.1f} MB" for k, v in doc["archives"].items()))
    print()
    print("| configuration | bare, median (mean ± σ) ms | Lift, median (mean ± σ) ms | Lift / bare | Lift − bare | "
          "RSS bare / Lift (MB) | RSS Δ | heap bare / Lift (MB) | heap Δ |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    targets = []
    for c, b, l, bm, lm, (brss, bheap), (lrss, lheap) in rows(doc):
        fp = (f"{brss:.1f} / {lrss:.1f} | {lrss - brss:+.1f} | {bheap:.2f} / {lheap:.2f} | {lheap - bheap:+.2f}"
              if brss is not None and lrss is not None else "– | – | – | –")
        print(f"| {c} | {bm:.0f} ({b['mean'] * 1000:.0f} ± {b['stddev'] * 1000:.0f}) | "
              f"{lm:.0f} ({l['mean'] * 1000:.0f} ± {l['stddev'] * 1000:.0f}) | {lm / bm:.2f}x | {lm - bm:+.0f} ms | {fp} |")
        if c == "17 plain":
            targets.append(f"| plain JDK 17 at most 1.15x bare | {lm / bm:.2f}x | {verdict(lm / bm <= 1.15)} |")
        if "AppCDS" in c or "AOT" in c:
            targets.append(f"| {c}: at most 15 ms over bare with the same kind of archive | {lm - bm:+.0f} ms | "
                           f"{verdict(lm - bm <= 15)} |")
        if c == "17 plain" and lrss is not None and brss is not None:
            targets.append(f"| RSS after one invocation at most 5 MB over bare (17 plain) | {lrss - brss:+.1f} MB | "
                           f"{verdict(lrss - brss <= 5)} |")
            targets.append(f"| heap in use at most 2 MB over bare (17 plain) | {lheap - bheap:+.2f} MB | "
                           f"{verdict(lheap - bheap <= 2)} |")
    print()
    print("| target | measured | |")
    print("|---|---:|---|")
    for t in targets:
        print(t)


def chart(doc, path):
    import charts  # benchmarks/charts.py
    os.makedirs(os.path.dirname(path), exist_ok=True)
    groups = [(c, [bm, lm]) for c, _, _, bm, lm, _, _ in rows(doc)]
    charts.svg_bars(groups, ["bare handler", "Lift"],
                    "Cold start to the first answer, median of hyperfine runs (JDK 17 and 25, Lambda's flags)",
                    "ms, process start to exit", path)
    print("chart:", path, file=sys.stderr)


def main(argv):
    doc = json.load(open(argv[0]))
    report(doc)
    if "--chart" in argv:
        chart(doc, os.path.join(os.path.dirname(os.path.abspath(argv[0])), "charts", "cold-start.svg"))


if __name__ == "__main__":
    main(sys.argv[1:])
