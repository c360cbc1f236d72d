"""Loads one year's GraphML written by `entente export` in NetworkX and python-igraph (and reads R igraph's
distances, written by Scripts/interop_igraph.R), and compares with Entente: node and edge counts, every field of
every actor and relation (against the lossless JSON document), and shortest-path lengths against `entente path`.

Run by Scripts/test-interop.sh; exits 1 with every difference listed.
"""

import argparse
import concurrent.futures
import csv
import json
import math
import re
import subprocess
import sys

import igraph
import networkx as nx

parser = argparse.ArgumentParser()
for name in ["entente", "graph", "year", "graphml", "nodelink", "document", "r-distances"]:
    parser.add_argument("--" + name, required=True)
args = parser.parse_args()
problems = []


def check(condition, message):
    if not condition:
        problems.append(message)


# What Entente says the year holds: the node-link form (nodes, relation ids) and the whole document (fields).
nodelink = json.load(open(args.nodelink, encoding="utf-8"))
present = [node["id"] for node in nodelink["nodes"]]
relation_ids = list(dict.fromkeys(edge["key"] for edge in nodelink["edges"]))
document = json.load(open(args.document, encoding="utf-8"))
actors = {actor["id"]: actor for actor in document["actors"]}
relations = {relation["id"]: relation for relation in document["relations"]}
kinds = {kind["id"]: kind for kind in document["kinds"]}
builtin_directed = {"patronage", "membership", "recognition", "mediation", "leadership", "succession"}


def kind_directed(kind):
    return kinds[kind]["directed"] if kind in kinds else kind in builtin_directed


def expected_edge_fields(relation):
    fields = {
        "kind": relation["kind"], "from": relation["from"], "to": relation["to"],
        "confidence": relation["confidence"], "directed": kind_directed(relation["kind"]),
    }
    for key in ["label", "note", "initiator"]:
        if relation.get(key) is not None:
            fields[key] = relation[key]
    if relation.get("weight") is not None:
        fields["weight"] = float(relation["weight"])
    if relation["citations"]:
        fields["citations"] = relation["citations"]
    return fields


def compare_fields(reader, element, got, expected):
    for key, value in expected.items():
        have = got.get(key)
        if key == "citations" and isinstance(have, str):
            have = json.loads(have)
        if key == "aliases" and isinstance(have, str):
            have = json.loads(have)
        check(have == value, f"{reader}: {element} {key} is {have!r}, Entente has {value!r}")


# NetworkX refuses a graph with both directed and undirected edges (its documented limit): read it without the
# per-edge attribute; the `directed` data key says each edge's direction.
text = open(args.graphml, encoding="utf-8").read()
check(re.search(r'<edge [^>]*directed="', text) is not None or "edgedefault" in text, "no direction written")
g = nx.parse_graphml(re.sub(r' directed="(true|false)"', "", text), force_multigraph=True)
check(sorted(g.nodes) == sorted(present), f"NetworkX: nodes {g.number_of_nodes()}, Entente {len(present)}")
check(g.number_of_edges() == len(relation_ids), f"NetworkX: edges {g.number_of_edges()}, Entente {len(relation_ids)}")
for node, data in g.nodes(data=True):
    actor = actors[node]
    expected = {"name": actor["name"], "type": actor["type"]}
    if actor.get("aliases"):
        expected["aliases"] = actor["aliases"]
    if actor.get("note") is not None:
        expected["actor_note"] = actor["note"]
    compare_fields("NetworkX", node, data, expected)
mixed = nx.MultiDiGraph()
mixed.add_nodes_from(g.nodes)
for source, target, key, data in g.edges(keys=True, data=True):
    relation = relations[key]
    check((source, target) == (relation["source"], relation["target"]) or not data["directed"],
          f"NetworkX: {key} runs {source} -> {target}")
    compare_fields("NetworkX", key, data, expected_edge_fields(relation))
    mixed.add_edge(source, target)
    if not data["directed"]:
        mixed.add_edge(target, source)
nx_lengths = dict(nx.all_pairs_shortest_path_length(mixed))

# python-igraph: one direction per graph (the file's edgedefault); undirected relations are added both ways.
ig = igraph.Graph.Read_GraphML(args.graphml)
ids = ig.vs["id"]
check(sorted(ids) == sorted(present), f"python-igraph: nodes {ig.vcount()}, Entente {len(present)}")
check(ig.ecount() == len(relation_ids), f"python-igraph: edges {ig.ecount()}, Entente {len(relation_ids)}")
arcs = []
for edge in ig.es:
    relation = relations[edge["id"]]
    fields = {key: edge[key] for key in edge.attributes() if edge[key] not in ("", None)
              and not (isinstance(edge[key], float) and math.isnan(edge[key]))}
    compare_fields("python-igraph", edge["id"], fields, expected_edge_fields(relation))
    arcs.append((edge.source, edge.target))
    if not fields.get("directed", False):
        arcs.append((edge.target, edge.source))
ig_mixed = igraph.Graph(n=ig.vcount(), edges=arcs, directed=True)
ig_matrix = ig_mixed.distances(mode="out")

# R igraph's lengths (reachable pairs only).
r_lengths = {}
with open(args.r_distances, encoding="utf-8") as table:
    for row in csv.DictReader(table, delimiter="\t"):
        r_lengths[(row["source"], row["target"])] = int(float(row["length"]))

# Entente's own `path` on a deterministic sample of ordered pairs (every pair would take a process per pair).
pairs = [(present[i], present[j]) for i in range(0, len(present), 7) for j in range(3, len(present), 5) if i != j]


def entente_length(pair):
    # The exported year holds every relation, events too; `path` leaves events out unless asked.
    run = subprocess.run([args.entente, "path", args.graph, pair[0], pair[1], "--year", args.year, "--events", "include",
                          "--format", "json"],
                         capture_output=True, text=True)
    if run.returncode == 2:
        return pair, None
    if run.returncode != 0:
        raise SystemExit(f"entente path {pair}: exit {run.returncode}: {run.stderr}")
    return pair, json.loads(run.stdout)[0]["path length"]


with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    ours = dict(pool.map(entente_length, pairs))

index = {name: position for position, name in enumerate(ids)}
for (source, target), length in ours.items():
    nx_length = nx_lengths.get(source, {}).get(target)
    ig_length = ig_matrix[index[source]][index[target]]
    ig_length = None if math.isinf(ig_length) else int(ig_length)
    r_length = r_lengths.get((source, target))
    check(nx_length == length, f"NetworkX: {source} -> {target} {nx_length}, entente path {length}")
    check(ig_length == length, f"python-igraph: {source} -> {target} {ig_length}, entente path {length}")
    check(r_length == length, f"R igraph: {source} -> {target} {r_length}, entente path {length}")
# The three readers agree with each other on every pair, not only the sample.
for source in ids:
    for target in ids:
        a = nx_lengths.get(source, {}).get(target)
        b = ig_matrix[index[source]][index[target]]
        b = None if math.isinf(b) else int(b)
        c = r_lengths.get((source, target))
        check(a == b == c, f"readers disagree on {source} -> {target}: NetworkX {a}, python-igraph {b}, R {c}")

reachable = sum(1 for length in ours.values() if length is not None)
print(f"interop: {len(present)} actors, {len(relation_ids)} relations in {args.year}; NetworkX {nx.__version__}, "
      f"python-igraph {igraph.__version__}; {len(ours)} pairs checked against entente path ({reachable} reachable), "
      f"{len(ids) ** 2} pairs compared across the three readers")
if problems:
    print(f"interop: {len(problems)} differences", file=sys.stderr)
    for problem in problems[:50]:
        print("  " + problem, file=sys.stderr)
    sys.exit(1)
