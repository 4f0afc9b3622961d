// The only door to libxml2. This header exposes our own C types alone, so Swift modules
// never load libxml2's headers (whose ICU types clash with Foundation's in a clean build).
#ifndef VTJDROP_CXMLSHIM_H
#define VTJDROP_CXMLSHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Initialise libxml2 once per process (safe to call repeatedly). Also installs an external
/// entity loader that refuses every load, so no parse in this process ever opens a file or URL
/// named by a document.
void vx_init(void);

/// The libxml2 version the process runs with, e.g. "20914".
const char *vx_version(void);

// MARK: - Streaming reader (libxml2's push parser; always NONET, no entities, no DTD loading)

typedef struct vx_reader vx_reader;

/// Node kinds the reader reports.
typedef enum {
    VX_NODE_OTHER = 0,
    VX_NODE_ELEMENT = 1,
    VX_NODE_TEXT = 2,
    VX_NODE_END_ELEMENT = 3,
    /// Text made of blanks only (between elements, or a blank field value).
    VX_NODE_WHITESPACE = 4,
} vx_node_kind;

/// One node, filled by vx_reader_step (pointers valid until the next step).
typedef struct {
    vx_node_kind kind;
    int depth;
    /// 1 when the element is written as <x/> (no end element follows).
    int is_empty;
    /// 1 when the element carries attributes.
    int has_attributes;
    /// Local name of an element (valid until the reader is freed); "" for text.
    const char *name;
    /// The name's number in this reader (see vx_reader_name_id); -1 for text or when the
    /// reader's name table is full.
    int name_id;
    /// Text of a text or blank node, UTF-8, NUL-terminated (valid until the next step); "" for elements.
    const char *value;
    /// The text's length in bytes.
    size_t value_length;
} vx_node;

/// A reader over a memory buffer (the buffer must outlive the reader).
vx_reader *vx_reader_from_memory(const char *bytes, size_t length, const char *name);
/// A reader over an open file descriptor (not closed by the reader).
vx_reader *vx_reader_from_fd(int fd, const char *name);
void vx_reader_free(vx_reader *reader);

/// Advance to the next element, end element, text or blank node (skipping comments and
/// processing instructions; with `elements_only`, text too) and describe it:
/// 1 = a node, 0 = end of document, -1 = error (see vx_reader_error). An element written as
/// `<x/>` is one node with `is_empty` set; adjacent text (character references, CDATA) is one node.
int vx_reader_step(vx_reader *reader, vx_node *node, int elements_only);
/// The number of an element name in this reader (the same name always gets the same number,
/// so callers compare integers); -1 when the table is full.
int vx_reader_name_id(vx_reader *reader, const char *name);
/// The name with a number handed out by this reader ("" for an unknown number).
const char *vx_reader_name_of(vx_reader *reader, int id);
/// Value of an attribute (without namespace) of the current element, without copying, valid
/// until the next step: 1 = found (`*value`, `*length` set), 0 = absent.
int vx_reader_attribute_value(vx_reader *reader, const char *name, const char **value, size_t *length);
/// Value of an attribute in a namespace (`namespace_uri`, matched by URI, never by prefix) of
/// the current element without copying, valid until the next step: 1 = found, 0 = absent.
/// Office packages name their relationships `r:id`, but any prefix may be bound to the URI.
int vx_reader_attribute_ns_value(vx_reader *reader, const char *name, const char *namespace_uri, const char **value,
                                 size_t *length);
/// 1 when the current element (start or end) is in the namespace `namespace_uri`, matched by
/// URI, never by prefix; "" asks for no namespace. SOAP answers bind their namespaces to any
/// prefix, or to none (a default namespace), so only the URI tells a `Body` from someone else's.
int vx_reader_namespace_is(vx_reader *reader, const char *namespace_uri);
/// The current element's namespace URI ("" for none or for text), valid while the reader lives.
const char *vx_reader_namespace(vx_reader *reader);
/// Line of the current node (of an end element: its start tag's line).
int vx_reader_line(vx_reader *reader);
/// After -1: the error message and line (valid until the reader is freed).
const char *vx_reader_error(vx_reader *reader);
int vx_reader_error_line(vx_reader *reader);

void vx_free(void *pointer);

// MARK: - Writer (xmlTextWriter, UTF-8)

typedef struct vx_writer vx_writer;

/// A writer into memory; read the result with vx_writer_content.
vx_writer *vx_writer_to_memory(int indent);
/// A writer onto an open file descriptor (not closed by the writer).
vx_writer *vx_writer_to_fd(int fd, int indent);
/// Flushes what is buffered and frees the writer. Returns -1 when the final flush failed.
int vx_writer_free(vx_writer *writer);

// Every call returns >= 0 on success and -1 on failure.
int vx_writer_start_document(vx_writer *writer);
int vx_writer_end_document(vx_writer *writer);
int vx_writer_start_element(vx_writer *writer, const char *name);
int vx_writer_end_element(vx_writer *writer);
int vx_writer_attribute(vx_writer *writer, const char *name, const char *value);
/// Text content, escaped (&, <, >, and CR as a character reference so it survives a re-read).
int vx_writer_text(vx_writer *writer, const char *text);
int vx_writer_comment(vx_writer *writer, const char *text);
int vx_writer_flush(vx_writer *writer);
/// The bytes written so far by a memory writer (valid until the next call); NULL for fd writers.
const unsigned char *vx_writer_content(vx_writer *writer, size_t *length);

// MARK: - XML Schema validation (xmlSchema)

typedef struct vx_schema vx_schema;

/// Compiles a schema held in memory. On failure returns NULL and writes the reason to `error`.
vx_schema *vx_schema_from_memory(const char *bytes, size_t length, const char *name, char *error, size_t error_size);
void vx_schema_free(vx_schema *schema);

/// Receives one validation problem: its line (0 when unknown) and message.
typedef void (*vx_problem_callback)(void *context, int line, const char *message);

/// Parses a document (same safe options as the reader; DOCTYPE refused) and validates it.
/// Returns the number of problems reported through `callback` (0 = valid).
int vx_schema_validate_memory(vx_schema *schema, const char *bytes, size_t length, const char *name,
                              vx_problem_callback callback, void *context);

#ifdef __cplusplus
}
#endif

#endif
