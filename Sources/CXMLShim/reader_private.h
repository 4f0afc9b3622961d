// Private to CXMLShim: the reader's state, shared by its source files.
#ifndef VTJDROP_CXMLSHIM_READER_PRIVATE_H
#define VTJDROP_CXMLSHIM_READER_PRIVATE_H

#include "CXMLShim.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stddef.h>

#define VX_SLOTS 1024        // pointer → id cache (open addressing, power of two)
#define VX_MAX_NAMES 4096    // beyond this, names are reported without an id (hostile input)
#define VX_NAME_BUCKETS 8192 // name text → id index (open addressing, at most half full)
// Bytes handed to the parser at a time: the events they hold are queued, so the queue and the text
// arena grow with it. 16 KiB, not 64: each reader's queue and arena held about 1 MiB at 64, and four
// answers are read at once (issue 15's memory bound).
#define VX_CHUNK (16 * 1024)

typedef struct { const char *pointer; int id; } vx_slot;

// One node parsed but not yet handed out. Strings of the parser's dictionary live as long as
// the parser; text and attribute values live in the arena until the queue is emptied.
typedef struct {
    vx_node_kind kind;
    int depth, is_empty, name_id, line, attribute_count;
    const char *name;          // dictionary string; "" for text
    const char *uri;           // an element's namespace URI (dictionary string) or NULL
    size_t text, text_length;  // text: arena offset and length
    size_t attributes;         // index of the element's first attribute
} vx_event;

typedef struct {
    const char *name;          // local name (prefix:name when the prefix is unbound), dictionary string
    const char *uri;           // namespace URI (dictionary string) or NULL
    size_t value, value_length; // arena offset and length (NUL-terminated there)
} vx_attribute;

struct vx_reader {
    xmlParserCtxtPtr parser;   // libxml2's push parser, created on the first bytes
    char *document_name;
    // Input: either memory or a file descriptor, read through our guard.
    const char *bytes;
    size_t length, offset;
    int fd;
    char *chunk;               // read buffer for a descriptor
    char head[4];              // the first bytes, which pick the encoding
    size_t head_length;
    // Prolog guard: refuses <!DOCTYPE before libxml2 parses a single declaration.
    int prolog_done;
    int prolog_line;
    char carry[16];
    size_t carry_length;
    // Events parsed from the bytes pushed so far, handed out in order (reader_events.c).
    vx_event *events;
    size_t event_count, event_capacity, next_event;
    long current;              // the event handed out last; -1 when none
    vx_attribute *attributes;
    size_t attribute_count, attribute_capacity;
    char *arena;
    size_t arena_length, arena_capacity;
    int text_open;             // the last event is text that the next bytes may continue
    int depth;
    int *start_lines;          // line of each open element's start tag, by depth
    int start_lines_capacity;
    int finished, failed;
    // Name table.
    vx_slot slots[VX_SLOTS];
    char **names;
    int name_count, name_capacity;
    // id + 1 of each name by its text's hash (0 = empty), so a lookup never scans every name.
    int name_index[VX_NAME_BUCKETS];
    // What the reader has seen, to explain libxml2's terse end-of-input messages.
    int eof, root_seen, root_closed;
    char error[512];
    int error_line, error_code;
};

/// Keeps the first error (the most precise reason) with its line.
void vx_set_error(vx_reader *r, int line, const char *message);
/// The next bytes of the document, passed through the DOCTYPE guard: 1 = bytes (`*data`,
/// `*count`), 0 = end of input, -1 = error (recorded).
int vx_input(vx_reader *r, const char **data, size_t *count);
/// The number of a name (not cached); -1 when the table is full.
int vx_name_id(vx_reader *r, const char *name);
/// The number of an element name of the parser's dictionary, cached by its pointer.
int vx_dict_name_id(vx_reader *r, const char *name);
/// The SAX callbacks that queue events (reader_events.c).
void vx_install_handlers(xmlSAXHandler *handler);
/// Ends the open text run, if any, so it can be handed out.
void vx_close_text(vx_reader *r);
/// Drops the events already handed out (keeping an open text run) so the arena stays small.
void vx_compact(vx_reader *r);

#endif
