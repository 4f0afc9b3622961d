// The only door to libxml2. This header exposes our own C types alone, so Swift modules
// never load libxml2's headers (whose ICU types clash with Foundation's in a clean build).
#ifndef VTJDROP_CXMLSHIM_H
#define VTJDROP_CXMLSHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Initialise libxml2 once per process (safe to call repeatedly).
void vx_init(void);

/// The libxml2 version the process runs with, e.g. "20914".
const char *vx_version(void);

// MARK: - Streaming reader (xmlTextReader, always NONET, no entities, no DTD loading)

typedef struct vx_reader vx_reader;

/// Node kinds the reader reports (a subset of xmlReaderTypes, renumbered as our own).
typedef enum {
    VX_NODE_OTHER = 0,
    VX_NODE_ELEMENT = 1,
    VX_NODE_TEXT = 2,
    VX_NODE_END_ELEMENT = 3,
} vx_node_kind;

/// A reader over a memory buffer (the buffer must outlive the reader).
vx_reader *vx_reader_from_memory(const char *bytes, size_t length, const char *name);
/// A reader over an open file descriptor (not closed by the reader).
vx_reader *vx_reader_from_fd(int fd, const char *name);
void vx_reader_free(vx_reader *reader);

/// Advance to the next node: 1 = a node, 0 = end of document, -1 = error (see vx_reader_error).
int vx_reader_next(vx_reader *reader);
vx_node_kind vx_reader_kind(vx_reader *reader);
int vx_reader_depth(vx_reader *reader);
/// 1 when the current element is written as <x/> (no end element follows).
int vx_reader_is_empty(vx_reader *reader);
/// Local name of the current node (valid until the next call).
const char *vx_reader_name(vx_reader *reader);
/// Text of a text/CDATA/whitespace node (valid until the next call).
const char *vx_reader_value(vx_reader *reader);
/// Value of an attribute of the current element, or NULL (caller frees with vx_free).
char *vx_reader_attribute(vx_reader *reader, const char *name);
/// Line of the current node.
int vx_reader_line(vx_reader *reader);
/// After -1: the error message and line (valid until the reader is freed).
const char *vx_reader_error(vx_reader *reader);
int vx_reader_error_line(vx_reader *reader);

void vx_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
