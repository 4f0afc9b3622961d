// Private to CXMLShim: the reader's state, shared by its source files.
#ifndef VTJDROP_CXMLSHIM_READER_PRIVATE_H
#define VTJDROP_CXMLSHIM_READER_PRIVATE_H

#include "CXMLShim.h"

#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stddef.h>

#define VX_SLOTS 1024        // pointer → id cache (open addressing, power of two)
#define VX_MAX_NAMES 4096    // beyond this, names are reported without an id (hostile input)
#define VX_NAME_BUCKETS 8192 // name text → id index (open addressing, at most half full)

typedef struct { const char *pointer; int id; } vx_slot;

struct vx_reader {
    xmlTextReaderPtr reader;
    // Input: either memory or a file descriptor, read through our guard.
    const char *bytes;
    size_t length, offset;
    int fd;
    // Prolog guard: refuses <!DOCTYPE before libxml2 parses a single declaration.
    int prolog_done;
    int prolog_line;
    char carry[16];
    size_t carry_length;
    // Name table.
    vx_slot slots[VX_SLOTS];
    char **names;
    int name_count, name_capacity;
    // id + 1 of each name by its text's hash (0 = empty), so a lookup never scans every name.
    int name_index[VX_NAME_BUCKETS];
    // What the reader has seen, to explain libxml2's terse end-of-input messages.
    int eof, root_seen, root_closed;
    // The last namespaced attribute value handed out (freed at the next lookup or with the reader).
    xmlChar *attribute_copy;
    char error[512];
    int error_line, error_code;
};

// NONET: never fetch anything. No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR/DTDVALID,
/// Keeps the first error (the most precise reason) with its line.
void vx_set_error(vx_reader *r, int line, const char *message);
/// xmlInputReadCallback over memory or a descriptor, refusing a DOCTYPE before libxml2 sees it.
int vx_read(void *context, char *buffer, int length);
int vx_close(void *context);
/// The number of a name (not cached); -1 when the table is full.
int vx_name_id(vx_reader *r, const char *name);
/// The number of an element's name, cached by the dictionary pointer.
int vx_node_name_id(vx_reader *r, xmlNodePtr node);

#endif
