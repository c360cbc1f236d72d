#include "yaml_events.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct entente_yaml_reader {
  yaml_parser_t parser;
  entente_yaml_record *records;
  size_t count;
  size_t capacity;
  unsigned char *arena;
  size_t arena_length;
  size_t arena_capacity;
  /// Open collections (record indices in the batch, or UINT32_MAX for one opened in an earlier batch).
  uint32_t *open;
  size_t depth;
  size_t open_capacity;
  int failed;
  int memory_failed;
};

entente_yaml_reader *entente_yaml_reader_create(const unsigned char *text, size_t length) {
  entente_yaml_reader *reader = calloc(1, sizeof(entente_yaml_reader));
  if (!reader) return NULL;
  if (!yaml_parser_initialize(&reader->parser)) {
    free(reader);
    return NULL;
  }
  yaml_parser_set_encoding(&reader->parser, YAML_UTF8_ENCODING);
  yaml_parser_set_input_string(&reader->parser, text, length);
  return reader;
}

void entente_yaml_reader_destroy(entente_yaml_reader *reader) {
  if (!reader) return;
  yaml_parser_delete(&reader->parser);
  free(reader->records);
  free(reader->arena);
  free(reader->open);
  free(reader);
}

/// Copies `length` bytes into the arena; its offset, or UINT32_MAX when out of memory or past 4 GB.
static uint32_t keep(entente_yaml_reader *reader, const unsigned char *bytes, size_t length) {
  if (reader->arena_length + length > reader->arena_capacity) {
    size_t capacity = reader->arena_capacity ? reader->arena_capacity : 4096;
    while (capacity < reader->arena_length + length) capacity *= 2;
    if (capacity >= UINT32_MAX) return UINT32_MAX;
    unsigned char *arena = realloc(reader->arena, capacity);
    if (!arena) return UINT32_MAX;
    reader->arena = arena;
    reader->arena_capacity = capacity;
  }
  uint32_t offset = (uint32_t)reader->arena_length;
  if (length) memcpy(reader->arena + offset, bytes, length);
  reader->arena_length += length;
  return offset;
}

static int keep_text(entente_yaml_reader *reader, const unsigned char *text, size_t length, uint32_t *offset,
                     uint32_t *kept_length) {
  uint32_t at = keep(reader, text, length);
  if (at == UINT32_MAX) return 0;
  *offset = at;
  *kept_length = (uint32_t)length;
  return 1;
}

static int keep_name(entente_yaml_reader *reader, const yaml_char_t *name, uint32_t *offset, uint32_t *length) {
  return keep_text(reader, name, strlen((const char *)name), offset, length);
}

/// The record of `event`; 0 when out of memory.
static int record(entente_yaml_reader *reader, const yaml_event_t *event, entente_yaml_record *out) {
  memset(out, 0, sizeof(*out));
  out->kind = (uint8_t)event->type;
  out->line = (uint32_t)event->start_mark.line;
  out->column = (uint32_t)event->start_mark.column;
  switch (event->type) {
    case YAML_ALIAS_EVENT:
      out->flags = ENTENTE_YAML_HAS_ANCHOR;
      return keep_name(reader, event->data.alias.anchor, &out->anchor_offset, &out->anchor_length);
    case YAML_SCALAR_EVENT:
      out->style = (uint8_t)event->data.scalar.style;
      if (!keep_text(reader, event->data.scalar.value, event->data.scalar.length, &out->value_offset,
                     &out->value_length))
        return 0;
      if (event->data.scalar.anchor) {
        out->flags |= ENTENTE_YAML_HAS_ANCHOR;
        if (!keep_name(reader, event->data.scalar.anchor, &out->anchor_offset, &out->anchor_length)) return 0;
      }
      if (event->data.scalar.tag && !event->data.scalar.quoted_implicit) {
        out->flags |= ENTENTE_YAML_HAS_TAG;
        if (!keep_name(reader, event->data.scalar.tag, &out->tag_offset, &out->tag_length)) return 0;
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
        if (!keep_name(reader, anchor, &out->anchor_offset, &out->anchor_length)) return 0;
      }
      if (tag && !implicit) {
        out->flags |= ENTENTE_YAML_HAS_TAG;
        if (!keep_name(reader, tag, &out->tag_offset, &out->tag_length)) return 0;
      }
      out->end = UINT32_MAX;
      return 1;
    }
    default:
      return 1;
  }
}

size_t entente_yaml_reader_fill(entente_yaml_reader *reader, size_t minimum, size_t depth) {
  reader->count = 0;
  reader->arena_length = 0;
  // Collections still open from the last batch have no start record in this one.
  for (size_t level = 0; level < reader->depth; level++) reader->open[level] = UINT32_MAX;
  if (reader->failed) return 0;
  while (reader->count < minimum || reader->depth > depth) {
    if (reader->count == reader->capacity) {
      size_t capacity = reader->capacity ? reader->capacity * 2 : 256;
      entente_yaml_record *records = realloc(reader->records, capacity * sizeof(entente_yaml_record));
      if (!records || capacity >= UINT32_MAX) {
        reader->failed = reader->memory_failed = 1;
        break;
      }
      reader->records = records;
      reader->capacity = capacity;
    }
    yaml_event_t event;
    if (!yaml_parser_parse(&reader->parser, &event)) {
      reader->failed = 1;
      break;
    }
    entente_yaml_record *out = &reader->records[reader->count];
    int kept = record(reader, &event, out);
    yaml_event_type_t type = event.type;
    yaml_event_delete(&event);
    if (!kept) {
      reader->failed = reader->memory_failed = 1;
      break;
    }
    if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
      if (reader->depth == reader->open_capacity) {
        size_t capacity = reader->open_capacity ? reader->open_capacity * 2 : 64;
        uint32_t *open = realloc(reader->open, capacity * sizeof(uint32_t));
        if (!open) {
          reader->failed = reader->memory_failed = 1;
          break;
        }
        reader->open = open;
        reader->open_capacity = capacity;
      }
      reader->open[reader->depth++] = (uint32_t)reader->count;
    } else if ((type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) && reader->depth > 0) {
      uint32_t start = reader->open[--reader->depth];
      if (start != UINT32_MAX) reader->records[start].end = (uint32_t)reader->count;
    }
    reader->count++;
    if (type == YAML_STREAM_END_EVENT) break;
  }
  return reader->count;
}

const entente_yaml_record *entente_yaml_reader_records(const entente_yaml_reader *reader) { return reader->records; }

const unsigned char *entente_yaml_reader_arena(const entente_yaml_reader *reader) { return reader->arena; }

int entente_yaml_reader_failed(const entente_yaml_reader *reader) { return reader->failed; }

entente_yaml_error entente_yaml_reader_error(const entente_yaml_reader *reader) {
  entente_yaml_error error;
  if (reader->memory_failed) {
    error.type = YAML_MEMORY_ERROR;
    error.context = NULL;
    error.problem = NULL;
    error.line = 0;
    error.column = 0;
    return error;
  }
  error.type = reader->parser.error;
  error.context = reader->parser.context;
  error.problem = reader->parser.problem;
  error.line = reader->parser.problem_mark.line;
  error.column = reader->parser.problem_mark.column;
  return error;
}
