#!/usr/bin/env python3
"""Targets and charts from JMH result files written by run-suite.sh (JSON, -prof gc).

Usage: charts.py RESULT.json [MORE.json ...] [--out DIR]

Prints a Markdown table of every issue-14 target with its ratio from the files (lift against its baseline in the
same run), and writes two SVG charts (drawn here: no plotting library is installed on the build machines):
  routing.svg     - microseconds per request against the number of routes, one line per route kind and target;
  allocation.svg  - bytes allocated per invocation for each event type, Lift beside the bare handler.
"""
import json
import os
import sys


def load(paths):
    runs = []
    for p in paths:
        with open(p) as f:
            runs.extend(json.load(f))
    return runs


def key(run):
    cls, method = run["benchmark"].rsplit(".", 2)[-2:]
    return cls, method, tuple(sorted((run.get("params") or {}).items()))


def index(runs):
    out = {}
    for r in runs:
        cls, method, params = key(r)
        out[(cls, method, params)] = r
    return out


def score(r):
    return r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], r["primaryMetric"]["scoreUnit"]


def alloc(r):
    m = r.get("secondaryMetrics", {}).get("·gc.alloc.rate.norm") or r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    return None if m is None else m["score"]


def p(**kw):
    return tuple(sorted((k, str(v)) for k, v in kw.items()))


def verdict(ratio, limit):
    if ratio is None:
        return "not run"
    return "met" if ratio <= limit else f"missed by {ratio / limit - 1:.0%}"


def targets(ix):
    rows = []

    def get(cls, method, params=()):
        return ix.get((cls, method, params))

    # Per invocation without middleware: every dispatch, time and allocation.
    for src in ["APIGW_V1", "APIGW_V2", "ALB", "SQS", "S3", "EVENTBRIDGE", "DYNAMODB", "KINESIS"]:
        b, l = get("DispatchBenchmark", "baseline", p(source=src)), get("DispatchBenchmark", "lift", p(source=src))
        if b and l:
            t = score(l)[0] / score(b)[0]
            rows.append((f"dispatch {src}: time lift/bare", f"{score(b)[0]:.2f} / {score(l)[0]:.2f} us", t, 1.25))
            ab, al = alloc(b), alloc(l)
            if ab and al:
                rows.append((f"dispatch {src}: allocation lift/bare", f"{ab:,.0f} / {al:,.0f} B", al / ab, 1.5))
    # Routing: 1,000 routes against 10, per kind and target.
    for kind in ["static", "param"]:
        for target in ["first", "middle", "last", "missing"]:
            r10 = get("RoutingBenchmark", "lift", p(kind=kind, routes=10, target=target))
            r1k = get("RoutingBenchmark", "lift", p(kind=kind, routes=1000, target=target))
            if r10 and r1k:
                rows.append((f"routing {kind} {target}: 1,000 routes / 10",
                             f"{score(r10)[0]:.2f} / {score(r1k)[0]:.2f} us", score(r1k)[0] / score(r10)[0], 1.2))
    # Ten no-op middleware against none.
    m0, m10 = get("MiddlewareChainBenchmark", "lift", p(middleware=0)), get("MiddlewareChainBenchmark", "lift", p(middleware=10))
    if m0 and m10:
        rows.append(("10 no-op middleware / none (chain benchmark)", f"{score(m0)[0]:.2f} / {score(m10)[0]:.2f} us",
                     score(m10)[0] / score(m0)[0], 1.05))
    l, t = get("MiddlewareBenchmark", "lift"), get("MiddlewareBenchmark", "tenNoOp")
    if l and t:
        rows.append(("10 no-op middleware / none (MiddlewareBenchmark)", f"{score(l)[0]:.2f} / {score(t)[0]:.2f} us",
                     score(t)[0] / score(l)[0], 1.05))
    return rows


def print_targets(ix):
    print("| Target | figures (bare or 10 / lift or 1,000) | ratio | limit | |")
    print("|---|---:|---:|---:|---|")
    for name, figures, ratio, limit in targets(ix):
        print(f"| {name} | {figures} | {ratio:.2f}x | {limit:.2f}x | {verdict(ratio, limit)} |")


def esc(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def svg_lines(series, title, xlabel, ylabel, xs, path):
    """series: [(label, [(x, y)])]; x on a categorical axis (xs), y linear from 0."""
    w, h, left, right, top, bottom = 760, 420, 70, 230, 40, 50
    ymax = max((y for _, pts in series for _, y in pts), default=1) * 1.1 or 1
    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
    pw, ph = w - left - right, h - top - bottom
    def X(x):
        return left + (xs.index(x) + 0.5) * pw / len(xs)
    def Y(y):
        return top + ph - y / ymax * ph
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="20" text-anchor="middle" font-size="14">{esc(title)}</text>',
           f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="black"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="black"/>',
           f'<text x="{left + pw / 2}" y="{h - 10}" text-anchor="middle">{esc(xlabel)}</text>',
           f'<text x="15" y="{top + ph / 2}" text-anchor="middle" transform="rotate(-90 15 {top + ph / 2})">{esc(ylabel)}</text>']
    for i in range(6):
        v = ymax * i / 5
        out.append(f'<line x1="{left - 4}" y1="{Y(v):.1f}" x2="{left + pw}" y2="{Y(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{Y(v) + 4:.1f}" text-anchor="end">{v:.3g}</text>')
    for x in xs:
        out.append(f'<text x="{X(x):.1f}" y="{top + ph + 16}" text-anchor="middle">{esc(x)}</text>')
    for n, (label, pts) in enumerate(series):
        c = colors[n % len(colors)]
        pts = sorted(pts, key=lambda q: xs.index(q[0]))
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                   % (c, " ".join(f"{X(x):.1f},{Y(y):.1f}" for x, y in pts)))
        for x, y in pts:
            out.append(f'<circle cx="{X(x):.1f}" cy="{Y(y):.1f}" r="3" fill="{c}"/>')
        ly = top + 10 + n * 18
        out.append(f'<line x1="{left + pw + 15}" y1="{ly}" x2="{left + pw + 35}" y2="{ly}" stroke="{c}" stroke-width="2"/>')
        out.append(f'<text x="{left + pw + 40}" y="{ly + 4}">{esc(label)}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def svg_bars(groups, labels, title, ylabel, path):
    """groups: [(category, [value per label])]."""
    w, h, left, right, top, bottom = 760, 420, 80, 150, 40, 60
    ymax = max((v for _, vs in groups for v in vs if v), default=1) * 1.1
    colors = ["#7f7f7f", "#1f77b4"]
    pw, ph = w - left - right, h - top - bottom
    gw = pw / max(len(groups), 1)
    bw = gw * 0.8 / len(labels)
    def Y(y):
        return top + ph - y / ymax * ph
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="20" text-anchor="middle" font-size="14">{esc(title)}</text>',
           f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="black"/>',
           f'<text x="15" y="{top + ph / 2}" text-anchor="middle" transform="rotate(-90 15 {top + ph / 2})">{esc(ylabel)}</text>']
    for i in range(6):
        v = ymax * i / 5
        out.append(f'<line x1="{left - 4}" y1="{Y(v):.1f}" x2="{left + pw}" y2="{Y(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{Y(v) + 4:.1f}" text-anchor="end">{v:,.0f}</text>')
    for g, (cat, vs) in enumerate(groups):
        x0 = left + g * gw + gw * 0.1
        for i, v in enumerate(vs):
            if v is None:
                continue
            out.append(f'<rect x="{x0 + i * bw:.1f}" y="{Y(v):.1f}" width="{bw - 2:.1f}" height="{top + ph - Y(v):.1f}" fill="{colors[i % 2]}"/>')
        out.append(f'<text x="{left + g * gw + gw / 2:.1f}" y="{top + ph + 16}" text-anchor="middle">{esc(cat)}</text>')
        if vs[0] and vs[-1]:
            out.append(f'<text x="{left + g * gw + gw / 2:.1f}" y="{top + ph + 32}" text-anchor="middle" fill="#555">{vs[-1] / vs[0]:.2f}x</text>')
    for i, label in enumerate(labels):
        ly = top + 10 + i * 18
        out.append(f'<rect x="{left + pw + 15}" y="{ly - 8}" width="14" height="10" fill="{colors[i % 2]}"/>')
        out.append(f'<text x="{left + pw + 35}" y="{ly + 2}">{esc(label)}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def charts(ix, outdir):
    os.makedirs(outdir, exist_ok=True)
    written = []
    counts = ["10", "100", "500", "1000"]
    series = []
    for kind in ["static", "param"]:
        for target in ["first", "middle", "last", "missing"]:
            pts = []
            for n in counts:
                r = ix.get(("RoutingBenchmark", "lift", p(kind=kind, routes=n, target=target)))
                if r:
                    pts.append((n, score(r)[0]))
            if pts:
                series.append((f"{kind} {target}", pts))
    if series:
        path = os.path.join(outdir, "routing.svg")
        svg_lines(series, "Routing: one HTTP API (v2) request against the number of routes", "routes",
                  "us per request (JMH avgt)", counts, path)
        written.append(path)
    groups = []
    for src in ["APIGW_V1", "APIGW_V2", "ALB", "SQS", "S3", "EVENTBRIDGE", "DYNAMODB", "KINESIS"]:
        b, l = ix.get(("DispatchBenchmark", "baseline", p(source=src))), ix.get(("DispatchBenchmark", "lift", p(source=src)))
        if b and l and alloc(b) is not None:
            groups.append((src.lower().replace("_", " "), [alloc(b), alloc(l)]))
    if groups:
        path = os.path.join(outdir, "allocation.svg")
        svg_bars(groups, ["bare handler", "Lift"], "Allocation per invocation (-prof gc, gc.alloc.rate.norm)",
                 "bytes per invocation", path)
        written.append(path)
    return written


def main(argv):
    outdir = None
    if "--out" in argv:
        i = argv.index("--out")
        outdir = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if not argv:
        sys.exit(__doc__)
    ix = index(load(argv))
    print_targets(ix)
    for path in charts(ix, outdir or os.path.join(os.path.dirname(os.path.abspath(argv[0])), "charts")):
        print("wrote", path)


if __name__ == "__main__":
    main(sys.argv[1:])
