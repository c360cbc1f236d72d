# Usage: Scripts/csv2yaml.py temporal_L.csv L.yaml
# Writes the bench CSV (../shared/bench/gen_temporal.py) as the data file `entente-bench write-yaml` writes
# (GraphFile.yamlText), for measuring the YAML reader on L: checked byte-identical on M; the exporter itself needs
# ~15 GB for L's 1M relations (Yams builds the whole node tree).
import sys
rows = [l.rstrip("\n").split(",") for l in open(sys.argv[1])][1:]
seen = {}
for s, t, *_ in rows:
    for a in (s, t):
        if a not in seen: seen[a] = len(seen)
with open(sys.argv[2], "w") as out:
    out.write("entente: 1\ngraph:\n  id: bench\nactors:\n")
    for a in seen: out.write(f'- id: {a}\n  name: "{a}"\n  type: state\n')
    out.write("relations:\n")
    for n, (s, t, k, start, end) in enumerate(rows, 1):
        out.write(f"- id: r{n}\n  source: {s}\n  target: {t}\n  kind: {k}\n")
        if end == start: out.write(f"  on: {start}\n")
        else: out.write(f"  from: {start}\n  to: {end or 'open'}\n")
