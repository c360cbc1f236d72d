"""NetworkX and igraph side of the Entente benchmark, and the table that compares all three.

    bench.py run TOOL MEASURE FILE       one measurement in this process; prints one JSON line
    bench.py table RESULTS.jsonl         the side-by-side table

TOOL is networkx or igraph; MEASURE is load, snapshots, betweenness or pagerank (the graph of the year 1918,
parallel relations collapsed, undirected). The TSV columns are source, target, kind, from-year, to-year.
Peak memory is VmHWM of this process (interpreter and imports included).
"""

import json
import sys
import time

FIRST, LAST, MID = 1816, 2020, 1918


def vmhwm_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def read_rows(path):
    rows = []
    with open(path) as file:
        for line in file:
            s, t, k, a, b = line.rstrip("\n").split("\t")
            rows.append((s, t, k, int(a), int(b)))
    return rows


def networkx_run(measure, path, years):
    import networkx as nx

    started = time.perf_counter()
    T = nx.MultiGraph()
    for s, t, k, a, b in read_rows(path):
        T.add_edge(s, t, kind=k, start=a, end=b)
    loaded = time.perf_counter()
    if measure == "load":
        return (loaded - started) * 1000, {"relations": T.number_of_edges()}
    edges = list(T.edges(data=True))
    if measure == "snapshots":
        started = time.perf_counter()
        count = 0
        for y in years:
            H = nx.Graph()
            H.add_edges_from((u, v) for u, v, d in edges if d["start"] <= y <= d["end"])
            count += H.number_of_edges()
        return (time.perf_counter() - started) * 1000, {"years": len(years), "edges": count}
    G = nx.Graph()
    G.add_edges_from((u, v) for u, v, d in edges if d["start"] <= MID <= d["end"])
    started = time.perf_counter()
    if measure == "betweenness":
        values = nx.betweenness_centrality(G)
    else:
        values = nx.pagerank(G)
    return (time.perf_counter() - started) * 1000, {"nodes": G.number_of_nodes(), "max": max(values.values())}


def igraph_run(measure, path, years):
    import igraph as ig
    import numpy as np

    started = time.perf_counter()
    rows = read_rows(path)
    names = {}
    for s, t, _, _, _ in rows:
        names.setdefault(s, len(names))
        names.setdefault(t, len(names))
    g = ig.Graph(n=len(names), edges=[(names[s], names[t]) for s, t, _, _, _ in rows])
    g.vs["name"] = list(names)
    g.es["kind"] = [k for _, _, k, _, _ in rows]
    start = np.fromiter((a for _, _, _, a, _ in rows), dtype=np.int32, count=len(rows))
    end = np.fromiter((b for _, _, _, _, b in rows), dtype=np.int32, count=len(rows))
    del rows
    loaded = time.perf_counter()
    if measure == "load":
        return (loaded - started) * 1000, {"relations": g.ecount()}
    if measure == "snapshots":
        started = time.perf_counter()
        count = 0
        for y in years:
            ids = np.flatnonzero((start <= y) & (end >= y))
            count += g.subgraph_edges(ids.tolist(), delete_vertices=True).ecount()
        return (time.perf_counter() - started) * 1000, {"years": len(years), "edges": count}
    ids = np.flatnonzero((start <= MID) & (end >= MID))
    h = g.subgraph_edges(ids.tolist(), delete_vertices=True)
    h.simplify()
    started = time.perf_counter()
    if measure == "betweenness":
        values = h.betweenness(directed=False)
        n = h.vcount()
        values = [v * 2 / ((n - 1) * (n - 2)) for v in values]
    else:
        values = h.pagerank()
    return (time.perf_counter() - started) * 1000, {"nodes": h.vcount(), "max": max(values)}


def run(tool, measure, path, extra):
    years = list(range(FIRST, LAST + 1))
    if "--sample-years" in extra:  # a sample, extrapolated to every year (reported as such)
        step = int(extra[extra.index("--sample-years") + 1])
        years = years[::step]
    ms, info = (networkx_run if tool == "networkx" else igraph_run)(measure, path, years)
    if measure == "snapshots" and len(years) < LAST - FIRST + 1:
        info["extrapolated_from_years"] = len(years)
        ms *= (LAST - FIRST + 1) / len(years)
    print(json.dumps({"tool": tool, "measure": measure, "ms": ms, "vmhwm_kb": vmhwm_kb(), **info}))


def table(path):
    results = [json.loads(line) for line in open(path) if line.startswith("{")]
    sizes = []
    for r in results:
        if r["size"] not in sizes:
            sizes.append(r["size"])
    tools = ["entente", "networkx", "igraph"]

    def best(size, tool, measure, **match):
        times = [r for r in results if (r["size"], r["tool"], r["measure"]) == (size, tool, measure)
                 and all(r.get(k) == v for k, v in match.items())]
        return min(times, key=lambda r: r["ms"]) if times else None

    def fmt_ms(r):
        if r is None:
            return "—"
        text = f"{r['ms']:.1f} ms" if r["ms"] < 10000 else f"{r['ms'] / 1000:.1f} s"
        return text + (" (est.)" if "extrapolated_from_years" in r else "")

    lines = ["| size | measure | Entente | NetworkX 3.6.1 | igraph |", "| --- | --- | --- | --- | --- |"]
    for size in sizes:
        load = {t: best(size, t, "load") for t in tools}
        info = load["entente"] or {}
        label = f"{size} ({info.get('actors', '?')} actors, {info.get('relations', '?')} relations)"
        lines.append(f"| {label} | load TSV | " + " | ".join(fmt_ms(load[t]) for t in tools) + " |")
        snaps = {t: best(size, t, "snapshots") for t in tools}
        lines.append(f"| {size} | all 205 yearly snapshots | " + " | ".join(fmt_ms(snaps[t]) for t in tools) + " |")
        one = best(size, "entente", "betweenness", threads=1)
        two = best(size, "entente", "betweenness", threads=2)
        nodes = (one or {}).get("nodes", "?")
        ent = fmt_ms(one) + (f"; 2 threads {fmt_ms(two)}" if two else "")
        lines.append(f"| {size} | betweenness 1918 ({nodes} nodes) | {ent} | "
                     + " | ".join(fmt_ms(best(size, t, "betweenness")) for t in tools[1:]) + " |")
        lines.append(f"| {size} | PageRank 1918 ¹ | " + " | ".join(fmt_ms(best(size, t, "pagerank")) for t in tools) + " |")
        lines.append(f"| {size} | peak memory after load (VmHWM) | "
                     + " | ".join(f"{load[t]['vmhwm_kb'] / 1024:.0f} MB" if load[t] else "—" for t in tools) + " |")
    print("\n".join(lines))
    print("\n¹ Entente iterates to Σ|Δ| < n·1e-12; NetworkX stops at its default n·1e-6; igraph solves with PRPACK."
          " Betweenness and PageRank: the undirected simple graph of 1918 (parallel relations collapsed);"
          " times exclude building that graph.")
    m = {t: best("M", t, "betweenness") for t in tools}
    verdicts = []
    if m["entente"] and m["igraph"]:
        e1 = best("M", "entente", "betweenness", threads=1)
        e2 = best("M", "entente", "betweenness", threads=2)
        verdicts.append(f"betweenness M, 1 thread ≤ igraph: {'met' if e1['ms'] <= m['igraph']['ms'] else 'NOT met'}"
                        f" ({e1['ms']:.1f} vs {m['igraph']['ms']:.1f} ms)")
        if e2:
            verdicts.append(f"betweenness M, 2 threads < igraph: {'met' if e2['ms'] < m['igraph']['ms'] else 'NOT met'}"
                            f" ({e2['ms']:.1f} ms)")
    s = best("M", "entente", "snapshots")
    if s:
        verdicts.append(f"every yearly snapshot of M < 50 ms: {'met' if s['ms'] < 50 else 'NOT met'} ({s['ms']:.1f} ms)")
    l = best("L", "entente", "load")
    if l:
        verdicts.append(f"L loaded < 150 MB: {'met' if l['vmhwm_kb'] < 150 * 1024 else 'NOT met'}"
                        f" ({l['vmhwm_kb'] / 1024:.0f} MB)")
    print()
    print("Targets: " + "; ".join(verdicts))


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    elif sys.argv[1] == "table":
        table(sys.argv[2])
