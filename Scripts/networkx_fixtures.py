"""Reference values from NetworkX for the EntenteAlgorithms tests.

Writes one JSON file per graph into Tests/EntenteAlgorithmsTests/Fixtures/. Each file carries the graph itself
(node names and an edge list by node index) so that the Swift tests can rebuild it without Python, and the
values NetworkX computes on it. Run through Scripts/networkx-fixtures.sh.

Multi-edges: Entente collapses parallel relations into one tie (a NetworkX Graph / DiGraph, not a
MultiGraph), keeping the smallest weight. The graphs here are built the same way.
"""

import json
import math
import random
import sys
from pathlib import Path

import networkx as nx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "EntenteAlgorithmsTests" / "Fixtures"
TOL = 1e-14


def add_edge(G, u, v, w=1.0):
    """Add an edge, keeping the smallest weight when it already exists (Entente's collapse rule)."""
    if u == v:
        return
    if G.has_edge(u, v):
        G[u][v]["weight"] = min(G[u][v]["weight"], w)
    else:
        G.add_edge(u, v, weight=w)


def ordered(G, values):
    return [float(values[v]) for v in G.nodes]


def distance_matrix(G, weighted):
    nodes = list(G.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    matrix = [[-1.0] * len(nodes) for _ in nodes]
    if weighted:
        pairs = nx.all_pairs_dijkstra_path_length(G, weight="weight")
    else:
        pairs = nx.all_pairs_shortest_path_length(G)
    for s, lengths in pairs:
        for t, d in lengths.items():
            matrix[index[s]][index[t]] = float(d)
    return matrix


def katz_alpha(G):
    if G.number_of_edges() == 0:
        return 0.1
    A = nx.to_numpy_array(G, weight=None)
    lam = max(abs(np.linalg.eigvals(A)))
    return 0.1 if lam == 0 or 0.1 < 0.8 / lam else round(0.5 / lam, 6)


def measures(G, weighted):
    """Every centrality NetworkX gives, on a simple graph whose nodes are in Entente's order."""
    m = {}
    m["degree"] = ordered(G, nx.degree_centrality(G))
    if G.is_directed():
        m["in_degree"] = ordered(G, nx.in_degree_centrality(G))
        m["out_degree"] = ordered(G, nx.out_degree_centrality(G))
    m["betweenness"] = ordered(G, nx.betweenness_centrality(G, normalized=True))
    m["betweenness_raw"] = ordered(G, nx.betweenness_centrality(G, normalized=False))
    m["closeness"] = ordered(G, nx.closeness_centrality(G, wf_improved=True))
    m["harmonic"] = ordered(G, nx.harmonic_centrality(G))
    m["pagerank"] = ordered(G, nx.pagerank(G, alpha=0.85, weight=None, tol=TOL, max_iter=100000))
    try:
        m["eigenvector"] = ordered(G, nx.eigenvector_centrality(G, max_iter=100000, tol=TOL, weight=None))
    except nx.PowerIterationFailedConvergence:
        pass
    alpha = katz_alpha(G)
    m["katz_alpha"] = alpha
    m["katz"] = ordered(G, nx.katz_centrality_numpy(G, alpha=alpha, beta=1.0, weight=None))
    if weighted:
        m["betweenness_weighted"] = ordered(G, nx.betweenness_centrality(G, weight="weight"))
        m["closeness_weighted"] = ordered(G, nx.closeness_centrality(G, distance="weight"))
        m["harmonic_weighted"] = ordered(G, nx.harmonic_centrality(G, distance="weight"))
        m["pagerank_weighted"] = ordered(G, nx.pagerank(G, weight="weight", tol=TOL, max_iter=100000))
    return m


def path_checks(G, weighted, seed):
    """Shortest-path counts and k-shortest simple path lengths for a few seeded pairs."""
    rng = random.Random(seed)
    nodes = list(G.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    counts, kshortest = [], []
    pairs = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(40)]
    pairs = [(s, t) for s, t in pairs if s != t]
    for s, t in pairs:
        for w in ([None, "weight"] if weighted else [None]):
            if not nx.has_path(G, s, t):
                continue
            n = sum(1 for _ in nx.all_shortest_paths(G, s, t, weight=w))
            counts.append({"source": index[s], "target": index[t], "weighted": w is not None, "count": n})
    for s, t in pairs[:12]:
        for w in ([None, "weight"] if weighted else [None]):
            if not nx.has_path(G, s, t):
                continue
            lengths = []
            for path in nx.shortest_simple_paths(G, s, t, weight=w):
                lengths.append(float(nx.path_weight(G, path, "weight") if w else len(path) - 1))
                if len(lengths) == 6:
                    break
            kshortest.append({"source": index[s], "target": index[t], "weighted": w is not None, "lengths": lengths})
    return counts, kshortest


def fixture(name, G, weighted, note, seed=0):
    nodes = [str(v) for v in G.nodes]
    index = {v: i for i, v in enumerate(G.nodes)}
    edges = [[index[u], index[v], float(d.get("weight", 1.0))] for u, v, d in G.edges(data=True)]
    counts, kshortest = path_checks(G, weighted, seed)
    data = {
        "name": name,
        "note": note,
        "networkx": nx.__version__,
        "directed": G.is_directed(),
        "weighted": weighted,
        "nodes": nodes,
        "edges": edges,
        "measures": measures(G, weighted),
        "distances": distance_matrix(G, False),
        "weightedDistances": distance_matrix(G, True) if weighted else None,
        "pathCounts": counts,
        "kShortest": kshortest,
    }
    (OUT / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n")
    print(f"  {name}: {len(nodes)} nodes, {len(edges)} edges")


def seeded_random(n, p, seed, directed, weighted):
    rng = random.Random(seed)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    for u in range(n):
        for v in range(n):
            if u == v or (not directed and v < u):
                continue
            if rng.random() < p:
                add_edge(G, u, v, float(rng.randint(1, 5)) if weighted else 1.0)
    return G


# ---------------------------------------------------------------------------------------------- default graph

BUILTIN = {
    "alliance": (1, False), "hostility": (-1, False), "patronage": (1, True), "membership": (0, True),
    "recognition": (1, True), "mediation": (0, True), "leadership": (0, True), "succession": (0, True),
}


def year_of(value):
    text = str(value).strip().rstrip("~?%")
    return int(text.split("-")[0])


def active(start, end, year):
    """The README's default ('possible') rule at year granularity."""
    if start is None:
        return False
    first = year_of(start)
    if end is None or str(end) == "unknown":
        last = first
    elif str(end) == "open":
        last = math.inf
    else:
        last = year_of(end)
    return first <= year <= last


def default_graph(path, years):
    import yaml

    doc = yaml.safe_load(path.read_text())
    kinds = dict(BUILTIN)
    custom = []
    for k in doc.get("kinds") or []:
        parent = k.get("parent")
        sign, directed = kinds[parent] if parent else (0, False)
        sign = int(k.get("sign", sign))
        directed = bool(k.get("directed", directed))
        kinds[k["id"]] = (sign, directed)
        custom.append({"id": k["id"], "parent": parent, "sign": sign, "directed": directed})
    actors = doc["actors"]
    relations = []
    for position, r in enumerate(doc["relations"], start=1):
        # PyYAML reads YAML 1.1, where the key `on` is the boolean True.
        on = r.get("on", r.get(True))
        start, end = (on, on) if on is not None else (r.get("from"), r.get("to"))
        relations.append({**r, "id": r.get("id", f"r{position}"), "_start": start, "_end": end})
    for year in years:
        live = [r for r in relations if active(r["_start"], r["_end"], year)]
        touched = {r["source"] for r in live} | {r["target"] for r in live}
        present = [
            a["id"] for a in actors
            if a["id"] in touched or ("from" in a and active(a["from"], a.get("to"), year))
        ]
        index = {a: i for i, a in enumerate(present)}
        G, D, P = nx.Graph(), nx.DiGraph(), nx.Graph()
        for g in (G, D, P):
            g.add_nodes_from(present)
        signed = {}
        edges = []
        for r in live:
            u, v, kind = r["source"], r["target"], r["kind"]
            sign, directed = kinds[kind]
            edges.append({"id": r["id"], "source": index[u], "target": index[v], "kind": kind})
            add_edge(G, u, v)
            add_edge(D, u, v)
            if not directed:
                add_edge(D, v, u)
            if sign > 0:
                add_edge(P, u, v)
            if sign != 0 and u != v:
                key = tuple(sorted((index[u], index[v])))
                signed[key] = min(signed.get(key, 1), sign)  # negative dominates
        # Triad census by enumeration of node triples (negative dominates).
        census = [0, 0, 0, 0]
        n = len(present)
        for a in range(n):
            for b in range(a + 1, n):
                if (a, b) not in signed:
                    continue
                for c in range(b + 1, n):
                    if (a, c) in signed and (b, c) in signed:
                        census[[signed[(a, b)], signed[(a, c)], signed[(b, c)]].count(-1)] += 1
        data = {
            "name": f"cvw-{year}",
            "note": f"{path.name}, year {year}, possible rule; parallel relations collapsed",
            "networkx": nx.__version__,
            "year": year,
            "kinds": custom,
            "nodes": present,
            "relations": edges,
            "undirected": measures(G, False),
            "directed": measures(D, False),
            "positiveEigenvector": ordered(P, nx.eigenvector_centrality(P, max_iter=100000, tol=TOL)),
            "distances": distance_matrix(G, False),
            "directedDistances": distance_matrix(D, False),
            "census": census,
        }
        (OUT / f"cvw-{year}.json").write_text(json.dumps(data, indent=1) + "\n")
        print(f"  cvw-{year}: {n} actors, {len(edges)} relations, census {census}")


def is_event(relation, declared):
    """Entente's rule: the relation's own `event`, else its kind's (inherited from the parent unless stated),
    else whether its period is one date."""
    if "event" in relation:
        return bool(relation["event"])
    kind = relation["kind"]
    while kind is not None:
        if kind in declared and "event" in declared[kind]:
            return bool(declared[kind]["event"])
        kind = declared.get(kind, {}).get("parent")
    return relation["_start"] == relation["_end"]


def events_graph(path, years):
    """The events fixture, per year, with events left out (Entente's default for centrality) and included."""
    import yaml

    doc = yaml.safe_load(path.read_text())
    declared = {k["id"]: k for k in doc.get("kinds") or []}
    kinds = dict(BUILTIN)
    for k in doc.get("kinds") or []:
        parent = k.get("parent")
        sign, directed = kinds[parent] if parent else (0, False)
        kinds[k["id"]] = (int(k.get("sign", sign)), bool(k.get("directed", directed)))
    relations = []
    for position, r in enumerate(doc["relations"], start=1):
        on = r.get("on", r.get(True))
        start, end = (on, on) if on is not None else (r.get("from"), r.get("to"))
        relations.append({**r, "id": r.get("id", f"r{position}"), "_start": str(start), "_end": str(end)})
    for year in years:
        modes = {}
        for mode in ("exclude", "include", "only"):
            live = [
                r for r in relations
                if active(r["_start"], r["_end"], year)
                and {"include": True, "exclude": not is_event(r, declared), "only": is_event(r, declared)}[mode]
            ]
            touched = {r["source"] for r in live} | {r["target"] for r in live}
            present = [
                a["id"] for a in doc["actors"]
                if a["id"] in touched or ("from" in a and active(a["from"], a.get("to"), year))
            ]
            G, D = nx.Graph(), nx.DiGraph()
            for g in (G, D):
                g.add_nodes_from(present)
            for r in live:
                u, v = r["source"], r["target"]
                add_edge(G, u, v)
                add_edge(D, u, v)
                if not kinds[r["kind"]][1]:
                    add_edge(D, v, u)
            modes[mode] = {
                "nodes": present,
                "relations": [r["id"] for r in live],
                "events": [r["id"] for r in live if is_event(r, declared)],
                "undirected": measures(G, False),
                "directed": measures(D, False),
            }
        data = {
            "name": f"events-{year}",
            "note": f"{path.name}, year {year}, possible rule; events excluded, included, only",
            "networkx": nx.__version__,
            "year": year,
            "modes": modes,
        }
        (OUT / f"events-{year}.json").write_text(json.dumps(data, indent=1) + "\n")
        counts = {m: (len(v["nodes"]), len(v["relations"])) for m, v in modes.items()}
        print(f"  events-{year}: (actors, relations) {counts}")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"networkx {nx.__version__}")
    karate = nx.karate_club_graph()  # edges carry Zachary's interaction counts as 'weight'
    fixture("karate", karate, True, "Zachary's karate club (nx.karate_club_graph), weights = interaction counts", 1)
    florentine = nx.florentine_families_graph()
    fixture("florentine", florentine, False, "Padgett's Florentine families (nx.florentine_families_graph)", 2)
    fixture("random-undirected", seeded_random(40, 0.08, 11, False, False), False, "40 nodes, p=0.08, seed 11", 3)
    fixture("random-directed", seeded_random(40, 0.07, 12, True, False), False, "40 nodes, p=0.07, seed 12", 4)
    fixture("random-undirected-weighted", seeded_random(50, 0.1, 13, False, True), True, "weights 1..5, seed 13", 5)
    fixture("random-directed-weighted", seeded_random(50, 0.08, 14, True, True), True, "weights 1..5, seed 14", 6)
    graph = ROOT / "Graphs" / "cambodian-vietnamese-war.yaml"
    if graph.exists():
        default_graph(graph, [1954, 1970, 1975, 1978, 1979, 1982, 1985, 1989, 1991])
    else:
        print(f"  ({graph.relative_to(ROOT)} not found: default-graph fixtures skipped)", file=sys.stderr)
    events_graph(OUT / "events-fixture.yaml", [1990, 1991, 1992])


if __name__ == "__main__":
    main()
