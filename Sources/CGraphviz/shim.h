// Wrappers for the parts of Graphviz's C API that Swift cannot import directly:
// mutable globals (Agdirected, …), function-like macros (AGID, ND_coord, GD_bb)
// and signatures that differ between Graphviz versions (gvRenderData's length).
#ifndef ENTENTE_CGRAPHVIZ_SHIM_H
#define ENTENTE_CGRAPHVIZ_SHIM_H

#include <graphviz/graphviz_version.h>
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stdio.h>
#include <stdlib.h>

/// A copy of `Agdirected` (non-strict directed graph).
static inline Agdesc_t entente_agdirected(void) { return Agdirected; }
/// A copy of `Agundirected` (non-strict undirected graph).
static inline Agdesc_t entente_agundirected(void) { return Agundirected; }

/// `AGID(obj)`: the object's numeric id, unique per kind inside a root graph.
static inline unsigned long entente_agid(void *obj) { return (unsigned long)AGID(obj); }

/// `gvRenderData` with a `size_t` length whatever this Graphviz uses
/// (`unsigned int *` up to Graphviz 13, `size_t *` from 14).
static inline int entente_gvRenderData(GVC_t *gvc, Agraph_t *g, const char *format,
                                       char **result, size_t *length) {
#if defined(GRAPHVIZ_VERSION_MAJOR) && GRAPHVIZ_VERSION_MAJOR >= 14
  return gvRenderData(gvc, g, format, result, length);
#else
  unsigned int n = 0;
  int rc = gvRenderData(gvc, g, format, result, &n);
  *length = (size_t)n;
  return rc;
#endif
}

/// The laid-out centre of a node, in points (y up): `ND_coord(n)`.
static inline pointf entente_node_coord(Agnode_t *n) { return ND_coord(n); }
/// The laid-out width of a node, in inches: `ND_width(n)`.
static inline double entente_node_width(Agnode_t *n) { return ND_width(n); }
/// The laid-out height of a node, in inches: `ND_height(n)`.
static inline double entente_node_height(Agnode_t *n) { return ND_height(n); }
/// The laid-out bounding box of a graph, in points: `GD_bb(g)`.
static inline boxf entente_graph_bb(Agraph_t *g) { return GD_bb(g); }

/// Writes `g` as DOT text into a malloc'ed buffer (free with `free`). Returns 0 on success.
static inline int entente_agwrite_memory(Agraph_t *g, char **buffer, size_t *length) {
  *buffer = NULL;
  *length = 0;
  FILE *stream = open_memstream(buffer, length);
  if (stream == NULL) return -1;
  int rc = agwrite(g, stream);
  if (fclose(stream) != 0 && rc == 0) rc = -1;
  return rc;
}

#endif
