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
#include <string.h>

/// A copy of `Agdirected` (non-strict directed graph).
static inline Agdesc_t entente_agdirected(void) { return Agdirected; }
/// A copy of `Agundirected` (non-strict undirected graph).
static inline Agdesc_t entente_agundirected(void) { return Agundirected; }

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

// MARK: Laid-out geometry (read after gvLayout, before gvFreeLayout)

/// The outer outline of a node's shape, relative to its centre, in points: copies at most `capacity`
/// vertices into `out` and returns how many there are. 2 vertices mean an ellipse given by its box corners
/// (how Graphviz's `poly_init` stores ellipses); 0 means the shape is not a polygon (records, images).
static inline int entente_node_outline(Agnode_t *n, pointf *out, int capacity) {
  shape_desc *shape = ND_shape(n);
  if (shape == NULL || shape->polygon == NULL || ND_shape_info(n) == NULL) return 0;
  polygon_t *poly = (polygon_t *)ND_shape_info(n);
  if (poly->vertices == NULL || poly->sides < 2) return 0;
  int sides = poly->sides;
  int outer = poly->peripheries > 0 ? poly->peripheries - 1 : 0;
  for (int i = 0; i < sides && i < capacity; i++) out[i] = poly->vertices[outer * sides + i];
  return sides;
}

/// The size of a node's label in points (0,0 when it has none).
static inline pointf entente_node_label_size(Agnode_t *n) {
  pointf none = {0, 0};
  return ND_label(n) ? ND_label(n)->dimen : none;
}

/// The number of Bézier pieces of an edge's route (0 when it has none).
static inline int entente_edge_piece_count(Agedge_t *e) { return ED_spl(e) ? ED_spl(e)->size : 0; }

/// One Bézier piece of an edge's route: copies at most `capacity` control points, returns how many there are,
/// and the arrow points (`sflag`/`eflag` non-zero when an arrowhead is drawn at the start/end).
static inline int entente_edge_piece(Agedge_t *e, int index, pointf *out, int capacity, int *sflag, pointf *sp,
                                     int *eflag, pointf *ep) {
  if (ED_spl(e) == NULL || index < 0 || index >= ED_spl(e)->size) return 0;
  bezier *piece = &ED_spl(e)->list[index];
  for (int i = 0; i < piece->size && i < capacity; i++) out[i] = piece->list[i];
  *sflag = piece->sflag;
  *sp = piece->sp;
  *eflag = piece->eflag;
  *ep = piece->ep;
  return piece->size;
}

/// The size of an edge's label (or external label, as `dot` runs use) in points, as Graphviz measured it
/// (0,0 when it has none).
static inline pointf entente_edge_label_size(Agedge_t *e) {
  pointf none = {0, 0};
  if (ED_label(e)) return ED_label(e)->dimen;
  return ED_xlabel(e) ? ED_xlabel(e)->dimen : none;
}

/// The laid-out centre of an edge's label (meaningful only when it has one).
static inline pointf entente_edge_label_position(Agedge_t *e) {
  pointf none = {0, 0};
  return ED_label(e) ? ED_label(e)->pos : none;
}

// MARK: Deterministic memory

// cgraph gives a named object the address of its interned name as id, and keeps subgraphs ordered by
// id: with malloc, the order of clusters (and so the layout) depends on the heap's state and changes
// from one render to the next in one process. With `entente_use_arena_everywhere()`, every graph (opened with
// a NULL discipline, which means cgraph's `AgMemDisc`) takes its memory from a bump arena instead, so addresses (and ids) grow in creation order. The arena is zeroed (as
// cgraph expects), never reuses freed blocks, and is released when the graph is closed.

typedef struct entente_chunk {
  struct entente_chunk *next;
  size_t used;
  size_t size;
} entente_chunk;

#define ENTENTE_CHUNK_SIZE ((size_t)1 << 16)
#define ENTENTE_FIRST_CHUNK_SIZE ((size_t)1 << 12)
#define ENTENTE_ALIGN ((size_t)16)
#define ENTENTE_HEADER ((sizeof(entente_chunk) + ENTENTE_ALIGN - 1) & ~(ENTENTE_ALIGN - 1))

static inline void *entente_arena_open(Agdisc_t *disc) {
  (void)disc;
  return calloc(1, sizeof(entente_chunk *));
}

static inline void *entente_arena_alloc(void *state, size_t request) {
  entente_chunk **head = (entente_chunk **)state;
  size_t size = (request + ENTENTE_ALIGN - 1) & ~(ENTENTE_ALIGN - 1);
  if (size == 0) size = ENTENTE_ALIGN;
  entente_chunk *chunk = *head;
  if (chunk == NULL || chunk->used + size > chunk->size) {
    // Chunks grow from 4 KB to 64 KB, so small graphs stay small.
    size_t capacity = chunk == NULL ? ENTENTE_FIRST_CHUNK_SIZE : chunk->size * 2;
    if (capacity > ENTENTE_CHUNK_SIZE) capacity = ENTENTE_CHUNK_SIZE;
    if (capacity < size) capacity = size;
    entente_chunk *fresh = (entente_chunk *)calloc(1, ENTENTE_HEADER + capacity);
    if (fresh == NULL) return NULL;
    fresh->size = capacity;
    fresh->next = chunk;
    *head = fresh;
    chunk = fresh;
  }
  void *block = (char *)chunk + ENTENTE_HEADER + chunk->used;
  chunk->used += size;
  return block;
}

static inline void *entente_arena_resize(void *state, void *ptr, size_t old, size_t request) {
  void *block = entente_arena_alloc(state, request);
  if (block != NULL && ptr != NULL) memcpy(block, ptr, old < request ? old : request);
  return block;
}

static inline void entente_arena_free(void *state, void *ptr) {
  (void)state;
  (void)ptr;
}

static inline void entente_arena_close(void *state) {
  entente_chunk **head = (entente_chunk **)state;
  entente_chunk *chunk = *head;
  while (chunk != NULL) {
    entente_chunk *next = chunk->next;
    free(chunk);
    chunk = next;
  }
  free(head);
}

/// Makes every graph Graphviz opens, including the ones layouts open internally (fdp's derived graphs),
/// use the arena. Call once, before any graph exists.
static inline void entente_use_arena_everywhere(void) {
  AgMemDisc.open = entente_arena_open;
  AgMemDisc.alloc = entente_arena_alloc;
  AgMemDisc.resize = entente_arena_resize;
  AgMemDisc.free = entente_arena_free;
  AgMemDisc.close = entente_arena_close;
}

#endif
