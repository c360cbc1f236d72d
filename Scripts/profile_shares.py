#!/usr/bin/env python3
"""Where a profiled `entente` run spends its time: Graphviz, the algorithms, loading, the rest.

Reads `perf script` output (samples with call chains, from `perf record -g` or `--call-graph dwarf`) on standard
input and prints the shares of the samples of the `entente` processes (every thread) in four classes, two ways:

- self: the function the sample landed in (what `perf report --no-children --sort dso,sym` lists), so malloc,
  memcpy, the Swift runtime and the kernel count as "rest" whoever called them;
- attributed: a sample in a shared helper (libc, libm, the Swift runtime and standard library, Foundation,
  the dynamic loader, the kernel) is charged to the nearest caller of a class (the algorithms' mallocs to the
  algorithms, Graphviz's memsets to Graphviz, Foundation's string search called by Entente's text code to
  the rest), and every sample with the reader or the builder in its call chain to loading.

Classes:
  graphviz    Graphviz's libraries (gvc, cgraph, cdt, pathplan, the layout and render plugins), what they draw and
              encode with (cairo, pixman, pango, harfbuzz, freetype, fontconfig, glib, libpng, zlib, expat, gts),
              and Entente's own PNG device (CGraphvizPNG: entente_png_*)
  algorithms  EntenteAlgorithms (the measures, Network), and EntenteCore's snapshot queries (shown apart)
  loading     the YAML reader (EntenteIO's YAML and graph-building code, Yams, libyaml) and the core's Builder
  rest        everything else: Entente's own Swift outside those (the CLI, tables, exporters, the diagram
              builder and escaping in EntenteGraphviz), the Swift runtime, Foundation, ICU, libc, the kernel

Usage: perf script -i FILE -F comm,pid,period,ip,sym,dso | profile_shares.py TITLE
"""

import re
import sys
from collections import Counter

GRAPHVIZ_DSOS = re.compile(
    r"^(libgvc|libcgraph|libcdt|libpathplan|libgvplugin_|libxdot|libcairo|libpixman|libpng|libz\.|libpango|"
    r"libharfbuzz|libfreetype|libfontconfig|libfribidi|libgts|libexpat|libglib|libgobject|libgraphite|libthai|"
    r"libdatrie|libbrotli|libltdl|libgd|librsvg|libxcb|libX)"
)
RUNTIME_DSOS = re.compile(r"^(libswift|libFoundation|lib_FoundationICU|libicu|libdispatch|libBlocksRuntime)")
LIBC_DSOS = re.compile(r"^(libc\.|libc-|libm\.|libm-|ld-linux|libstdc\+\+|libgcc_s|libpthread)")
MODULES = {
    "17EntenteAlgorithms": "algorithms",
    "11EntenteCore": "core",
    "9EntenteIO": "io",
    "15EntenteGraphviz": "diagram",
    "7entente": "cli",
    "14ArgumentParser": "cli",
    "4Yams": "loading",
}
MODULE_PATTERN = re.compile("|".join(sorted(MODULES, key=len, reverse=True)))
LOADING_IO = re.compile(r"YAML|Yaml|GraphBuilder|DocumentReader|Diagnostic|GraphFile|Locat")

# Fine classes → (class, label in the breakdown).
FINE = {
    "graphviz": ("graphviz", "Graphviz (C libraries, cairo, zlib, libpng, CGraphvizPNG)"),
    "algorithms": ("algorithms", "EntenteAlgorithms"),
    "core": ("algorithms", "EntenteCore snapshots and queries"),
    "loading": ("loading", "YAML reader, Yams, libyaml, the core's Builder"),
    "io": ("rest", "EntenteIO (exporters, timeline page, tables' text)"),
    "diagram": ("rest", "EntenteGraphviz's Swift (diagram builder, escaping)"),
    "cli": ("rest", "the entente command (tables, printing)"),
    "entente-other": ("rest", "other code in the entente binary"),
    "runtime": ("rest", "Swift runtime, standard library, Foundation, ICU"),
    "libc": ("rest", "libc, libm, loader (malloc, memcpy, …)"),
    "kernel": ("rest", "kernel (page faults, I/O)"),
    "unknown": ("rest", "unresolved"),
}
NEUTRAL = {"runtime", "libc", "kernel", "unknown"}
CLASSES = ["graphviz", "algorithms", "loading", "rest"]
# Programs of the profiled command line other than entente (whose threads carry other names, as dispatch's
# `com.apple.root.default-qos`).
OTHER_PROGRAMS = {"bash", "sh", "dash", "perf", "perf-exec", "time", "env", "seq", "cat", "python3", "tee"}


def classify(sym, dso):
    """The fine class of one frame."""
    base = dso.rsplit("/", 1)[-1]
    if base.startswith("[kernel") or sym.startswith("[k]"):
        return "kernel"
    if GRAPHVIZ_DSOS.match(base):
        return "graphviz"
    if RUNTIME_DSOS.match(base):
        return "runtime"
    if LIBC_DSOS.match(base):
        return "libc"
    if base == "entente" or base.startswith("entente"):
        if sym.startswith("entente_png"):
            return "graphviz"
        if sym.startswith("yaml_") or sym.startswith("yaml"):
            return "loading"
        match = MODULE_PATTERN.search(sym)
        if not match:
            return "runtime" if sym.startswith("$s") or sym.startswith("swift") else "entente-other"
        fine = MODULES[match.group(0)]
        if fine == "core" and "7Builder" in sym:
            return "loading"
        if fine == "io" and LOADING_IO.search(sym):
            return "loading"
        return fine
    return "unknown"


def resolved(frames):
    """(sym, dso) frames; an inlined frame (DWARF call graphs) takes the object of the frame at its address."""
    result = []
    for index, (sym, dso, ip) in enumerate(frames):
        if dso == "inlined":
            dso = next((d for _, d, i in frames[index + 1 :] if i == ip and d != "inlined"), dso)
        result.append((sym, dso))
    return result


def samples(stream):
    """(comm, period, [(sym, dso), …] leaf first) for each sample."""
    head = None
    frames = []
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if head:
                yield head[0], head[1], resolved(frames)
            head, frames = None, []
            continue
        if not line[0].isspace():
            if head:
                yield head[0], head[1], resolved(frames)
            fields = line.split()
            period = next((int(f) for f in fields[2:] if f.isdigit()), 1)
            head, frames = (fields[0], period), []
            continue
        match = re.match(r"\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$", line)
        if match:
            sym = re.sub(r"\+0x[0-9a-f]+$", "", match.group(2))
            frames.append((sym, match.group(3), match.group(1)))
    if head:
        yield head[0], head[1], resolved(frames)


def main():
    title = sys.argv[1] if len(sys.argv) > 1 else "profile"
    self_fine = Counter()
    attributed = Counter()
    attributed_fine = Counter()
    total = 0
    for comm, period, frames in samples(sys.stdin):
        if comm in OTHER_PROGRAMS or not frames:
            continue
        total += period
        fine = [classify(sym, dso) for sym, dso in frames]
        self_fine[fine[0]] += period
        # Everything under the reader or the builder is loading, whatever it calls (the core's identifiers,
        # dates and checks included).
        if "loading" in fine:
            owner = "loading"
        else:
            owner = next((f for f in fine if f not in NEUTRAL), fine[0])
        attributed[FINE[owner][0]] += period
        attributed_fine[owner] += period
    if total == 0:
        print(f"{title}: no samples of entente")
        return
    self_classes = Counter()
    for fine, weight in self_fine.items():
        self_classes[FINE[fine][0]] += weight

    def pct(value, of=total):
        return f"{100.0 * value / of:5.1f} %" if of else "    —"

    print(f"{title}: {total / 1e9:.2f} s of samples (cpu-clock)")
    print(f"  {'class':<58} {'self':>8} {'attributed':>11}")
    for cls in CLASSES:
        print(f"  {cls:<58} {pct(self_classes[cls]):>8} {pct(attributed[cls]):>11}")
        for fine, (owner, label) in FINE.items():
            if owner == cls and (self_fine[fine] or attributed_fine[fine]) and cls != "graphviz":
                print(f"    {label:<56} {pct(self_fine[fine]):>8} {pct(attributed_fine[fine]):>11}")
    both = ("graphviz", "algorithms")
    print(
        f"  {'Graphviz + algorithms':<58} {pct(sum(self_classes[c] for c in both)):>8}"
        f" {pct(sum(attributed[c] for c in both)):>11}"
    )
    if self_classes["loading"] or attributed["loading"]:
        self_rest = total - self_classes["loading"]
        attr_rest = total - attributed["loading"]
        print(
            f"  {'Graphviz + algorithms, loading left out':<58}"
            f" {pct(sum(self_classes[c] for c in both), self_rest):>8}"
            f" {pct(sum(attributed[c] for c in both), attr_rest):>11}"
        )


if __name__ == "__main__":
    main()
