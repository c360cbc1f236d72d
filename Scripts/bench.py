"""The table of Scripts/bench.sh: Entente, NetworkX, igraph, networkit and the C reference, side by side.

    python Scripts/bench.py .build/bench/results.jsonl

Each line of the results is one process's JSON (tagged by bench.sh with size, run and tool): entente-bench's
{"measure", "ms", "cpu_ms", "vmhwm_kb", …}, csr_ref's object of seconds, bench_python.py's worker object
(seconds under "t", "t_L@2020"). The table shows the median over runs of each operation, the best of the
three Python libraries, and the ratios Entente / best peer and Entente / C reference (below 1: Entente is faster).
"""

import json
import statistics
import sys

PEERS = ["networkx", "igraph", "networkit"]


def load(path):
    with open(path) as file:
        return [json.loads(line) for line in file if line.strip().startswith("{")]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(seconds):
    if seconds is None:
        return "—"
    if seconds >= 100:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def ratio(a, b):
    return f"{a / b:.2f}×" if a is not None and b else "—"


def entente(rows, size, measure, key="ms"):
    return median(r.get(key) / 1000 for r in rows
                  if r["size"] == size and r["tool"] == "entente" and r.get("measure") == measure)


def entente_field(rows, size, measure, field):
    return next((r.get(field) for r in rows
                 if r["size"] == size and r["tool"] == "entente" and r.get("measure") == measure), None)


def c_ref(rows, size, get, at=None):
    values = []
    for r in rows:
        if r["size"] == size and r["tool"] == "c-reference" and r.get("at") == at:
            try:
                values.append(get(r))
            except (KeyError, TypeError):
                pass
    return median(values)


def peer(rows, size, lib, op, tag=None):
    key = "t" if tag is None else "t_" + tag
    return median(r.get(key, {}).get(op) for r in rows if r["size"] == size and r["tool"] == lib)


def peer_note(rows, size, lib, op, tag=None):
    notes = {r.get("note", {}).get(f"{tag or size}/{op}") for r in rows if r["size"] == size and r["tool"] == lib}
    notes.discard(None)
    return "; ".join(sorted(notes)) if notes else None


def table(rows, size):
    years = entente_field(rows, size, "simple-snapshots", "years")
    year = entente_field(rows, size, "simple-snapshot", "year")
    nodes = entente_field(rows, size, "simple-snapshot", "nodes")
    ties = entente_field(rows, size, "simple-snapshot", "ties")
    relations = entente_field(rows, size, "load", "relations")
    runs = len({r["run"] for r in rows if r["size"] == size and r["tool"] == "entente"})
    out = [f"### {size}: {relations:,} relations; year {year}: V={nodes}, E={ties} (simple, undirected); "
           f"medians of {runs} runs", "",
           "| operation | Entente | Entente CPU | networkx | igraph | networkit | best peer | C reference "
           "| Entente / best peer | Entente / C |",
           "|---|---|---|---|---|---|---|---|---|---|"]

    def row(label, measure, op, c_get, tag=None, c_at=None, peer_op=None):
        e = entente(rows, size, measure) if measure else None
        cpu = entente(rows, size, measure, "cpu_ms") if measure else None
        cells = []
        values = {}
        for lib in PEERS:
            v = peer(rows, size, lib, peer_op or op, tag) if op else None
            values[lib] = v
            note = peer_note(rows, size, lib, peer_op or op, tag) if op else None
            cells.append(fmt(v) if v is not None else (note or "—"))
        known = {k: v for k, v in values.items() if v is not None}
        best = min(known.items(), key=lambda kv: kv[1]) if known else None
        c = c_ref(rows, size, c_get, c_at) if c_get else None
        out.append(f"| {label} | {fmt(e)} | {fmt(cpu)} | " + " | ".join(cells)
                   + f" | {fmt(best[1]) + ' (' + best[0] + ')' if best else '—'} | {fmt(c)} | "
                   + f"{ratio(e, best[1] if best else None)} | {ratio(e, c)} |")

    row("load: CSV → temporal graph", "load", "load", None)
    if any(r["size"] == size and r.get("measure") == "yaml-load" for r in rows):
        row("load: the same graph as Entente's YAML data file (read, checked, built; no peer reads it)", "yaml-load",
            None, None)
    row(f"simple snapshots, {years} years (held by peers, freed by C and Entente)", "simple-snapshots", "snapshots",
        lambda r: r["all_snapshots"]["s"])
    if size == "L":
        row("simple snapshots, all 205 years", "simple-snapshots-every-year", None,
            lambda r: r["all_snapshots"]["s"] * 205 / r["all_snapshots"]["count"])
    row(f"one simple snapshot ({year})", "simple-snapshot", "snapshot_mid", lambda r: r["snapshot_s"])
    if size == "L":
        row("one simple snapshot (2020)", "simple-snapshot-2020", "snapshot_mid", lambda r: r["snapshot_s"],
            tag="L@2020", c_at=2020)
    row(f"closeness, exact ({year})", "closeness", "closeness", lambda r: r["closeness"]["s"])
    if size != "L":
        row(f"betweenness, exact ({year})", "betweenness", "betweenness", lambda r: r["betweenness"]["s"])
    row(f"pagerank ({year})", "pagerank", "pagerank", lambda r: r["pagerank"]["s"])
    row(f"eigenvector ({year})", "eigenvector", "eigenvector", lambda r: r["eigenvector"]["s"])
    row("Entente's multigraph snapshots (not the same work: every relation kept)", "snapshots", None, None)
    kept = median(r.get("vmhwm_kb") for r in rows
                  if r["size"] == size and r["tool"] == "entente" and r.get("measure") == "simple-snapshots-kept")
    peaks = {lib: median(r.get("peak_rss_mb") for r in rows if r["size"] == size and r["tool"] == lib)
             for lib in PEERS}
    c_peak = c_ref(rows, size, lambda r: r["max_rss_kb"] / 1024)
    out.append(f"| peak memory, {years} simple snapshots kept (whole process; peers: the whole worker run) | "
               f"{kept / 1024:.0f} MB | | " if kept else "| peak memory | — | | ")
    out[-1] += " | ".join(f"{v:.0f} MB" if v else "—" for v in peaks.values()) + f" | | {c_peak:.0f} MB (one at a time) | | |" if c_peak else " | | — | | |"
    return "\n".join(out)


def main():
    rows = load(sys.argv[1])
    sizes = [s for s in ["S", "M", "L"] if any(r["size"] == s for r in rows)]
    print("\n\n".join(table(rows, s) for s in sizes))
    if "L" in sizes:
        print("\nL: every 10th year for the peers and C (as bench_python.py); the 205-year C figure is its 21 years "
              "scaled by 205/21.")
    print("Betweenness on L: the peers and the C reference sample 256 sources, Entente has no sampling: left out.")


if __name__ == "__main__":
    main()
