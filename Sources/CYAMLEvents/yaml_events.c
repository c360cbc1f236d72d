#include "yaml_events.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/// One batch of records and the arena their byte ranges point into.
typedef struct {
  entente_yaml_record *records;
  size_t count;
  size_t capacity;
  unsigned char *arena;
  size_t arena_length;
  size_t arena_capacity;
  /// Whether the batch stopped at an error (described by `error`), and whether it was the last one.
  int failed;
  int last;
  entente_yaml_error error;
} batch;

/// Batches in flight when threaded: the one the reader holds, and those parsed ahead of it.
enum { THREADED_BATCHES = 4 };

struct entente_yaml_reader {
  /// The parser and what it alone touches (on its thread when threaded).
  yaml_parser_t parser;
  size_t minimum;
  size_t max_depth;
  /// Open collections (record indices in the batch, or UINT32_MAX for one opened in an earlier batch).
  uint32_t *open;
  size_t depth;
  size_t open_capacity;
  /// Whether the parser has read its last batch (the stream's end or an error).
  int finished;

  batch batches[THREADED_BATCHES];
  size_t slots;
  /// The batch the reader holds (NULL before the first fill).
  batch *current;

  /// Threaded: batches parsed and batches given back, counted from the start (batch n lives in slot n % slots).
  int threaded;
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t changed;
  size_t produced;
  size_t released;
  int cancelled;
};

/// Copies `length` bytes into the batch's arena; its offset, or UINT32_MAX when out of memory or past 4 GB.
static uint32_t keep(batch *out, const unsigned char *bytes, size_t length) {
  if (out->arena_length + length > out->arena_capacity) {
    size_t capacity = out->arena_capacity ? out->arena_capacity : 4096;
    while (capacity < out->arena_length + length) capacity *= 2;
    if (capacity >= UINT32_MAX) return UINT32_MAX;
    unsigned char *arena = realloc(out->arena, capacity);
    if (!arena) return UINT32_MAX;
    out->arena = arena;
    out->arena_capacity = capacity;
  }
  uint32_t offset = (uint32_t)out->arena_length;
  if (length) memcpy(out->arena + offset, bytes, length);
  out->arena_length += length;
  return offset;
}

static int keep_text(batch *out, const unsigned char *text, size_t length, uint32_t *offset, uint32_t *kept_length) {
  uint32_t at = keep(out, text, length);
  if (at == UINT32_MAX) return 0;
  *offset = at;
  *kept_length = (uint32_t)length;
  return 1;
}

static int keep_name(batch *out, const yaml_char_t *name, uint32_t *offset, uint32_t *length) {
  return keep_text(out, name, strlen((const char *)name), offset, length);
}

/// The record of `event`; 0 when out of memory.
static int record(batch *batch, const yaml_event_t *event, entente_yaml_record *out) {
  memset(out, 0, sizeof(*out));
  out->kind = (uint8_t)event->type;
  out->line = (uint32_t)event->start_mark.line;
  out->column = (uint32_t)event->start_mark.column;
  switch (event->type) {
    case YAML_ALIAS_EVENT:
      out->flags = ENTENTE_YAML_HAS_ANCHOR;
      return keep_name(batch, event->data.alias.anchor, &out->anchor_offset, &out->anchor_length);
    case YAML_SCALAR_EVENT:
      out->style = (uint8_t)event->data.scalar.style;
      if (!keep_text(batch, event->data.scalar.value, event->data.scalar.length, &out->value_offset,
                     &out->value_length))
        return 0;
      if (event->data.scalar.anchor) {
        out->flags |= ENTENTE_YAML_HAS_ANCHOR;
        if (!keep_name(batch, event->data.scalar.anchor, &out->anchor_offset, &out->anchor_length)) return 0;
      }
      if (event->data.scalar.tag && !event->data.scalar.quoted_implicit) {
        out->flags |= ENTENTE_YAML_HAS_TAG;
        if (!keep_name(batch, event->data.scalar.tag, &out->tag_offset, &out->tag_length)) return 0;
      }
      return 1;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      const yaml_char_t *anchor = event->type == YAML_SEQUENCE_START_EVENT ? event->data.sequence_start.anchor
                                                                           : event->data.mapping_start.anchor;
      const yaml_char_t *tag = event->type == YAML_SEQUENCE_START_EVENT ? event->data.sequence_start.tag
                                                                        : event->data.mapping_start.tag;
      int implicit = event->type == YAML_SEQUENCE_START_EVENT ? event->data.sequence_start.implicit
                                                              : event->data.mapping_start.implicit;
      if (anchor) {
        out->flags |= ENTENTE_YAML_HAS_ANCHOR;
        if (!keep_name(batch, anchor, &out->anchor_offset, &out->anchor_length)) return 0;
      }
      if (tag && !implicit) {
        out->flags |= ENTENTE_YAML_HAS_TAG;
        if (!keep_name(batch, tag, &out->tag_offset, &out->tag_length)) return 0;
      }
      out->end = UINT32_MAX;
      return 1;
    }
    default:
      return 1;
  }
}

/// The error of a batch that ran out of memory, or libyaml's.
static void fail(entente_yaml_reader *reader, batch *out, int memory) {
  out->failed = 1;
  if (memory) {
    out->error.type = YAML_MEMORY_ERROR;
    out->error.context = NULL;
    out->error.problem = NULL;
    out->error.line = 0;
    out->error.column = 0;
  } else {
    out->error.type = reader->parser.error;
    // libyaml's context and problem are string literals: they outlive the parser.
    out->error.context = reader->parser.context;
    out->error.problem = reader->parser.problem;
    out->error.line = reader->parser.problem_mark.line;
    out->error.column = reader->parser.problem_mark.column;
  }
}

/// Parses the next batch into `out`: at least `minimum` events, then on until every collection deeper than
/// `max_depth` has ended, or the stream's end, or an error (which ends the reading).
static void parse_batch(entente_yaml_reader *reader, batch *out) {
  out->count = 0;
  out->arena_length = 0;
  out->failed = 0;
  out->last = 0;
  // Collections still open from the last batch have no start record in this one.
  for (size_t level = 0; level < reader->depth; level++) reader->open[level] = UINT32_MAX;
  if (reader->finished) {
    // Nothing after the last batch: read as an error with no record.
    out->last = 1;
    fail(reader, out, reader->parser.error == YAML_NO_ERROR);
    return;
  }
  while (out->count < reader->minimum || reader->depth > reader->max_depth) {
    if (out->count == out->capacity) {
      size_t capacity = out->capacity ? out->capacity * 2 : 256;
      entente_yaml_record *records = realloc(out->records, capacity * sizeof(entente_yaml_record));
      if (!records || capacity >= UINT32_MAX) {
        if (records) out->records = records;
        fail(reader, out, 1);
        break;
      }
      out->records = records;
      out->capacity = capacity;
    }
    yaml_event_t event;
    if (!yaml_parser_parse(&reader->parser, &event)) {
      fail(reader, out, 0);
      break;
    }
    entente_yaml_record *record_out = &out->records[out->count];
    int kept = record(out, &event, record_out);
    yaml_event_type_t type = event.type;
    yaml_event_delete(&event);
    if (!kept) {
      fail(reader, out, 1);
      break;
    }
    if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
      if (reader->depth == reader->open_capacity) {
        size_t capacity = reader->open_capacity ? reader->open_capacity * 2 : 64;
        uint32_t *open = realloc(reader->open, capacity * sizeof(uint32_t));
        if (!open) {
          fail(reader, out, 1);
          break;
        }
        reader->open = open;
        reader->open_capacity = capacity;
      }
      reader->open[reader->depth++] = (uint32_t)out->count;
    } else if ((type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) && reader->depth > 0) {
      uint32_t start = reader->open[--reader->depth];
      if (start != UINT32_MAX) out->records[start].end = (uint32_t)out->count;
    }
    out->count++;
    if (type == YAML_STREAM_END_EVENT) {
      out->last = 1;
      break;
    }
  }
  if (out->failed) out->last = 1;
  if (out->last) reader->finished = 1;
}

/// The parser's thread: parses batches into free slots until the last one, or until the reader is destroyed.
static void *produce(void *argument) {
  entente_yaml_reader *reader = argument;
  for (;;) {
    pthread_mutex_lock(&reader->lock);
    while (!reader->cancelled && reader->produced - reader->released >= reader->slots)
      pthread_cond_wait(&reader->changed, &reader->lock);
    int stop = reader->cancelled;
    batch *out = &reader->batches[reader->produced % reader->slots];
    pthread_mutex_unlock(&reader->lock);
    if (stop) return NULL;
    parse_batch(reader, out);
    pthread_mutex_lock(&reader->lock);
    reader->produced++;
    pthread_cond_broadcast(&reader->changed);
    pthread_mutex_unlock(&reader->lock);
    if (out->last) return NULL;
  }
}

entente_yaml_reader *entente_yaml_reader_create(
    const unsigned char *text, size_t length, size_t minimum, size_t depth, int threaded) {
  entente_yaml_reader *reader = calloc(1, sizeof(entente_yaml_reader));
  if (!reader) return NULL;
  if (!yaml_parser_initialize(&reader->parser)) {
    free(reader);
    return NULL;
  }
  yaml_parser_set_encoding(&reader->parser, YAML_UTF8_ENCODING);
  yaml_parser_set_input_string(&reader->parser, text, length);
  reader->minimum = minimum;
  reader->max_depth = depth;
  reader->slots = threaded ? THREADED_BATCHES : 1;
  if (threaded) {
    if (pthread_mutex_init(&reader->lock, NULL) != 0) {
      yaml_parser_delete(&reader->parser);
      free(reader);
      return NULL;
    }
    if (pthread_cond_init(&reader->changed, NULL) != 0) {
      pthread_mutex_destroy(&reader->lock);
      yaml_parser_delete(&reader->parser);
      free(reader);
      return NULL;
    }
    // `threaded` 2 (tests only) fails here as a process at its thread limit would.
    if (threaded == 2 || pthread_create(&reader->thread, NULL, produce, reader) != 0) {
      pthread_cond_destroy(&reader->changed);
      pthread_mutex_destroy(&reader->lock);
      yaml_parser_delete(&reader->parser);
      free(reader);
      return NULL;
    }
    reader->threaded = 1;
  }
  return reader;
}

void entente_yaml_reader_destroy(entente_yaml_reader *reader) {
  if (!reader) return;
  if (reader->threaded) {
    pthread_mutex_lock(&reader->lock);
    reader->cancelled = 1;
    pthread_cond_broadcast(&reader->changed);
    pthread_mutex_unlock(&reader->lock);
    pthread_join(reader->thread, NULL);
    pthread_cond_destroy(&reader->changed);
    pthread_mutex_destroy(&reader->lock);
  }
  yaml_parser_delete(&reader->parser);
  for (size_t slot = 0; slot < reader->slots; slot++) {
    free(reader->batches[slot].records);
    free(reader->batches[slot].arena);
  }
  free(reader->open);
  free(reader);
}

size_t entente_yaml_reader_fill(entente_yaml_reader *reader) {
  if (!reader->threaded) {
    reader->current = &reader->batches[0];
    parse_batch(reader, reader->current);
    return reader->current->count;
  }
  pthread_mutex_lock(&reader->lock);
  if (reader->current) {
    int last = reader->current->last;
    if (last) {
      // The parser has stopped: nothing comes after the last batch.
      pthread_mutex_unlock(&reader->lock);
      reader->current->count = 0;
      if (!reader->current->failed) fail(reader, reader->current, 1);
      return 0;
    }
    // Give the batch back to the parser.
    reader->released++;
    pthread_cond_broadcast(&reader->changed);
  }
  while (reader->produced == reader->released) pthread_cond_wait(&reader->changed, &reader->lock);
  reader->current = &reader->batches[reader->released % reader->slots];
  pthread_mutex_unlock(&reader->lock);
  return reader->current->count;
}

const entente_yaml_record *entente_yaml_reader_records(const entente_yaml_reader *reader) {
  return reader->current ? reader->current->records : NULL;
}

const unsigned char *entente_yaml_reader_arena(const entente_yaml_reader *reader) {
  return reader->current ? reader->current->arena : NULL;
}

int entente_yaml_reader_failed(const entente_yaml_reader *reader) {
  return reader->current ? reader->current->failed : 0;
}

entente_yaml_error entente_yaml_reader_error(const entente_yaml_reader *reader) {
  entente_yaml_error none = {YAML_MEMORY_ERROR, NULL, NULL, 0, 0};
  return reader->current ? reader->current->error : none;
}
