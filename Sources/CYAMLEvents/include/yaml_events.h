#ifndef ENTENTE_YAML_EVENTS_H
#define ENTENTE_YAML_EVENTS_H

#include <stddef.h>
#include <stdint.h>

/// What a record stands for: libyaml's event types (`yaml_event_type_t`), kept as one byte.
enum {
  ENTENTE_YAML_NO_EVENT = 0,
  ENTENTE_YAML_STREAM_START = 1,
  ENTENTE_YAML_STREAM_END = 2,
  ENTENTE_YAML_DOCUMENT_START = 3,
  ENTENTE_YAML_DOCUMENT_END = 4,
  ENTENTE_YAML_ALIAS = 5,
  ENTENTE_YAML_SCALAR = 6,
  ENTENTE_YAML_SEQUENCE_START = 7,
  ENTENTE_YAML_SEQUENCE_END = 8,
  ENTENTE_YAML_MAPPING_START = 9,
  ENTENTE_YAML_MAPPING_END = 10,
};

/// Record flags.
enum {
  /// The node has an anchor (`anchor_*` name it); for an alias, `anchor_*` name the anchor it refers to.
  ENTENTE_YAML_HAS_ANCHOR = 1,
  /// The node's tag is explicit and kept (`tag_*`): a collection not implicit, a scalar not quoted-implicit.
  ENTENTE_YAML_HAS_TAG = 2,
};

/// One libyaml event as a compact record: its kind, its start, and byte ranges into the reader's arena.
typedef struct {
  uint8_t kind;
  /// A scalar's style (`yaml_scalar_style_t`).
  uint8_t style;
  uint8_t flags;
  uint8_t reserved;
  /// The event's start, from 0 (libyaml's mark; columns count characters).
  uint32_t line;
  uint32_t column;
  /// A scalar's value in the arena.
  uint32_t value_offset;
  uint32_t value_length;
  uint32_t anchor_offset;
  uint32_t anchor_length;
  uint32_t tag_offset;
  uint32_t tag_length;
  /// For a collection start: the index of its end record in the same batch.
  uint32_t end;
} entente_yaml_record;

/// libyaml's parser over one text, with the batch of records it read last.
typedef struct entente_yaml_reader entente_yaml_reader;

/// A parser over `length` bytes at `text` (UTF-8; not copied: it must outlive the reader), reading batches of at
/// least `minimum` events, each going on until no collection deeper than `depth` is open (so that no node below
/// that depth is cut between two batches), or to the stream's end, or an error.
///
/// With `threaded`, libyaml parses on a thread of its own, a few batches ahead of the reader, while the reader's
/// caller works on the batch it holds; the batches, their records and every error are the same as without.
/// NULL when out of memory, or when the thread cannot start (`threaded` 2, for tests, fails as if it could not).
entente_yaml_reader *entente_yaml_reader_create(
    const unsigned char *text, size_t length, size_t minimum, size_t depth, int threaded);

/// Stops the parser (and its thread) and frees everything.
void entente_yaml_reader_destroy(entente_yaml_reader *reader);

/// Replaces the batch with the next one. Returns the number of records (0 only at an error with no record
/// before it, or after the last batch).
size_t entente_yaml_reader_fill(entente_yaml_reader *reader);

/// The batch's records, and the arena their byte ranges point into (valid until the next fill).
const entente_yaml_record *entente_yaml_reader_records(const entente_yaml_reader *reader);
const unsigned char *entente_yaml_reader_arena(const entente_yaml_reader *reader);

/// Whether the batch stopped at a libyaml error (after its records); `entente_yaml_reader_error` describes it.
int entente_yaml_reader_failed(const entente_yaml_reader *reader);

/// libyaml's error: its type (`yaml_error_type_t`), context and problem (may be NULL), and problem mark from 0.
typedef struct {
  int type;
  const char *context;
  const char *problem;
  size_t line;
  size_t column;
} entente_yaml_error;

entente_yaml_error entente_yaml_reader_error(const entente_yaml_reader *reader);

#endif
