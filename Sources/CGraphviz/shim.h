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

/// Reseeds the C library's random numbers, which Graphviz's layouts and its spline router draw from (neato's
/// `makeObstacle` turns each ellipse obstacle by `drand48() * .01`): called before every layout, so a layout's
/// result does not depend on the layouts before it in the process.
static inline void entente_reset_random(void) {
  srand48(1);
  srand(1);
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

// cgraph gives a named object the address of its interned name as id, and keeps subgraphs (clusters) ordered by
// id: with malloc, the order of clusters (and so fdp's layout, and the order of the SVG's groups) depends on the
// heap's state and changes from one render (or process) to the next. With `entente_use_arena_everywhere()`,
// every graph (opened with a NULL discipline, which means cgraph's `AgMemDisc`) takes its memory from a region of
// address space reserved for it alone (`mmap`, pages committed only when touched): blocks are handed out upwards
// from its start, so addresses, and ids, grow in creation order whatever else the process has allocated. The
// region is zeroed (as cgraph expects) and never reuses freed blocks while its graph is open. Should
// the reservation fail or fill up, blocks come from zeroed heap chunks instead (order then as before).

#include <sys/mman.h>

typedef struct entente_chunk {
  struct entente_chunk *next;
} entente_chunk;

typedef struct entente_arena {
  char *base;          /* the reserved region, or NULL */
  size_t used;         /* bytes handed out from it */
  size_t reserved;     /* its size */
  entente_chunk *heap; /* fallback blocks, each freed at close */
  void *first;         /* the first block handed out: cgraph's Agclos_t, the last block agclose frees */
} entente_arena;

#define ENTENTE_RESERVE ((size_t)1 << 34) /* 16 GiB of address space, not of memory */
#define ENTENTE_ALIGN ((size_t)16)
#define ENTENTE_HEADER ((sizeof(entente_chunk) + ENTENTE_ALIGN - 1) & ~(ENTENTE_ALIGN - 1))

// Closed regions are kept (their pages given back with MADV_DONTNEED, which also zeroes them) and handed to the
// next graph opened, last closed first: the n-th graph open at a time always gets the same region, so a graph
// drawn twice in one process gets the same addresses both times, and the same drawing.
#define ENTENTE_POOL 64
typedef struct entente_region_pool {
  char *regions[ENTENTE_POOL];
  int count;
} entente_region_pool;

/// The process's pool of closed regions (one, as every call comes from the one Graphviz executor).
static inline entente_region_pool *entente_pool(void) {
  static entente_region_pool pool;
  return &pool;
}

static inline void *entente_arena_open(Agdisc_t *disc) {
  (void)disc;
  entente_arena *arena = (entente_arena *)calloc(1, sizeof(entente_arena));
  if (arena == NULL) return NULL;
  entente_region_pool *pool = entente_pool();
  if (pool->count > 0) {
    arena->base = pool->regions[--pool->count];
    arena->reserved = ENTENTE_RESERVE;
    return arena;
  }
  void *base = mmap(NULL, ENTENTE_RESERVE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                    -1, 0);
  if (base != MAP_FAILED) {
    arena->base = (char *)base;
    arena->reserved = ENTENTE_RESERVE;
  }
  return arena;
}

static inline void *entente_arena_alloc(void *state, size_t request) {
  entente_arena *arena = (entente_arena *)state;
  size_t size = (request + ENTENTE_ALIGN - 1) & ~(ENTENTE_ALIGN - 1);
  if (size == 0) size = ENTENTE_ALIGN;
  void *block = NULL;
  if (arena->base != NULL && arena->used + size <= arena->reserved) {
    block = arena->base + arena->used;
    arena->used += size;
  } else {
    entente_chunk *chunk = (entente_chunk *)calloc(1, ENTENTE_HEADER + size);
    if (chunk == NULL) return NULL;
    chunk->next = arena->heap;
    arena->heap = chunk;
    block = (char *)chunk + ENTENTE_HEADER;
  }
  if (arena->first == NULL) arena->first = block;
  return block;
}

static inline void *entente_arena_resize(void *state, void *ptr, size_t old, size_t request) {
  void *block = entente_arena_alloc(state, request);
  if (block != NULL && ptr != NULL) memcpy(block, ptr, old < request ? old : request);
  return block;
}

/// Releases the arena: its region back to the pool (or unmapped), its fallback chunks, itself.
static inline void entente_arena_release(void *state) {
  entente_arena *arena = (entente_arena *)state;
  if (arena->base != NULL) {
    size_t used = (arena->used + 4095) & ~(size_t)4095;
    entente_region_pool *pool = entente_pool();
    if (pool->count < ENTENTE_POOL && madvise(arena->base, used, MADV_DONTNEED) == 0) {
      pool->regions[pool->count++] = arena->base;
    } else {
      munmap(arena->base, arena->reserved);
    }
  }
  entente_chunk *chunk = arena->heap;
  while (chunk != NULL) {
    entente_chunk *next = chunk->next;
    free(chunk);
    chunk = next;
  }
  free(arena);
}

/// Frees a block. Blocks from the region or the fallback chunks are released with the whole arena, when cgraph
/// frees the graph's `Agclos_t` (the arena's first block, and the last thing `agclose` frees). Any other block
/// came from `malloc`: cgraph opens a graph's dictionaries with its allocator (`agdtopen`), but cdt grows their
/// hash tables later, where cgraph's `agdictobjmem` falls back to `malloc`, and `agdtclose` frees them through
/// this discipline; they are freed here.
static inline void entente_arena_free(void *state, void *ptr) {
  entente_arena *arena = (entente_arena *)state;
  if (ptr == NULL) return;
  if (ptr == arena->first) {
    entente_arena_release(arena);
    return;
  }
  char *p = (char *)ptr;
  if (arena->base != NULL && p >= arena->base && p < arena->base + arena->reserved) return;
  for (entente_chunk *chunk = arena->heap; chunk != NULL; chunk = chunk->next) {
    if (p == (char *)chunk + ENTENTE_HEADER) return;
  }
  free(ptr);
}

/// Makes every graph Graphviz opens, including the ones layouts open internally (fdp's derived graphs),
/// use the arena. Call once, before any graph exists.
static inline void entente_use_arena_everywhere(void) {
  AgMemDisc.open = entente_arena_open;
  AgMemDisc.alloc = entente_arena_alloc;
  AgMemDisc.resize = entente_arena_resize;
  AgMemDisc.free = entente_arena_free;
  // No `close`: with one, `agclose` skips closing the graph's dictionaries ("free entire heap") and the
  // dictionary headers cdt allocates with `malloc` leak (about 1.2 KB per graph). Without it, `agclose` closes
  // every dictionary and frees the graph's `Agclos_t` last, which releases the arena (`entente_arena_free`).
  AgMemDisc.close = NULL;
}

#endif
