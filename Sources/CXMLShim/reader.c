#include "reader_private.h"

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlversion.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// A pull reader over libxml2's push parser: bytes go in a chunk at a time, the SAX callbacks
// queue the chunk's nodes (reader_events.c), vx_reader_step hands them out one by one.
//
// NONET: never fetch anything. No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR/DTDVALID,
// never HUGE (libxml2's own size and depth limits stay in force).
static const int vx_parse_options = XML_PARSE_NONET | XML_PARSE_NOCDATA;

static xmlParserInputPtr vx_refuse_entity(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void)url; (void)id; (void)context;
    return NULL; // no document may make this process open a file or a URL
}

static pthread_once_t vx_once = PTHREAD_ONCE_INIT;
static xmlSAXHandler vx_handler;
static void vx_init_once(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(vx_refuse_entity);
    vx_install_handlers(&vx_handler);
}

void vx_init(void) { pthread_once(&vx_once, vx_init_once); }

const char *vx_version(void) { return xmlParserVersion; }

void vx_free(void *pointer) { xmlFree(pointer); }

void vx_set_error(vx_reader *r, int line, const char *message) {
    if (r->error[0] != '\0') return; // keep the first, most precise reason
    snprintf(r->error, sizeof r->error, "%s", message ? message : "unknown XML error");
    size_t n = strlen(r->error);
    while (n > 0 && (r->error[n - 1] == '\n' || r->error[n - 1] == ' ')) r->error[--n] = '\0';
    r->error_line = line;
}

static int vx_parser_line(vx_reader *r) {
    return (r->parser != NULL && r->parser->input != NULL) ? r->parser->input->line : r->prolog_line;
}

// libxml2 says "Extra content at the end of the document" when the input simply stops; say
// what happened instead.
static void vx_explain_end(vx_reader *r) {
    if (!r->eof || r->root_closed) return;
    if (r->error_code != XML_ERR_DOCUMENT_END && r->error_code != XML_ERR_DOCUMENT_EMPTY) return;
    char detail[256];
    snprintf(detail, sizeof detail, "%s", r->error);
    snprintf(r->error, sizeof r->error, "%s (libxml2: %s)",
             r->root_seen ? "the document ends before its root element is closed (cut short?)"
                          : "the document ends before its root element (empty or cut short?)",
             detail);
    r->error_code = 0;
}

static vx_reader *vx_open(const char *bytes, size_t length, int fd, const char *name) {
    vx_init();
    vx_reader *r = calloc(1, sizeof *r);
    if (r == NULL) return NULL;
    r->bytes = bytes;
    r->length = length;
    r->fd = fd;
    r->prolog_line = 1;
    r->current = -1;
    r->document_name = strdup(name ? name : "");
    r->chunk = bytes == NULL ? malloc(VX_CHUNK) : NULL;
    if (r->document_name == NULL || (bytes == NULL && r->chunk == NULL)) {
        vx_reader_free(r);
        return NULL;
    }
    return r;
}

vx_reader *vx_reader_from_memory(const char *bytes, size_t length, const char *name) {
    if (bytes == NULL) bytes = "";
    return vx_open(bytes, length, -1, name);
}

vx_reader *vx_reader_from_fd(int fd, const char *name) { return vx_open(NULL, 0, fd, name); }

void vx_reader_free(vx_reader *r) {
    if (r == NULL) return;
    if (r->parser != NULL) xmlFreeParserCtxt(r->parser);
    free(r->document_name);
    free(r->chunk);
    free(r->events);
    free(r->attributes);
    free(r->arena);
    free(r->start_lines);
    for (int i = 0; i < r->name_count; i++) free(r->names[i]);
    free(r->names);
    free(r);
}

static int vx_fail(vx_reader *r) {
    r->failed = 1;
    vx_close_text(r);
    // (libxml2 may also end quietly after reporting an error: that still counts.)
    vx_set_error(r, vx_parser_line(r), "document is not well-formed");
    vx_explain_end(r);
    return -1;
}

// Parses the next bytes of input into events: 0 = go on, -1 = failed (the reason recorded).
static int vx_pump(vx_reader *r) {
    const char *data = NULL;
    size_t count = 0;
    int status = vx_input(r, &data, &count);
    if (status < 0) return vx_fail(r);
    if (r->parser == NULL) {
        // The first four bytes pick the encoding (a byte order mark, UTF-16), as xmlTextReader
        // does; a pipe may deliver fewer at first.
        while (r->head_length < sizeof r->head && count > 0) {
            r->head[r->head_length++] = *data++;
            count--;
        }
        if (r->head_length < sizeof r->head && status == 1) return 0;
        // A document shorter than that is pushed as data (as xmlTextReader does), so that
        // libxml2 calls it what it is: empty or cut short.
        int whole = r->head_length == sizeof r->head;
        r->parser = xmlCreatePushParserCtxt(&vx_handler, r, whole ? r->head : NULL, whole ? (int)r->head_length : 0,
                                            r->document_name);
        if (r->parser == NULL) {
            vx_set_error(r, 0, "cannot start the XML parser (out of memory?)");
            return vx_fail(r);
        }
        xmlCtxtUseOptions(r->parser, vx_parse_options);
        r->parser->linenumbers = 1;
        if (!whole && r->head_length > 0 && xmlParseChunk(r->parser, r->head, (int)r->head_length, 0) != 0) return vx_fail(r);
        if (count == 0 && status == 1) return 0; // parse once more bytes or the end are known
    }
    int terminate = status == 0;
    int result = xmlParseChunk(r->parser, count ? data : NULL, (int)count, terminate);
    if (terminate) {
        r->finished = 1;
        vx_close_text(r);
    }
    if (result != 0 || r->parser->wellFormed == 0 || r->error[0] != '\0') return vx_fail(r);
    return 0;
}

int vx_reader_step(vx_reader *r, vx_node *node, int elements_only) {
    for (;;) {
        while (r->next_event < r->event_count) {
            if (r->text_open && r->next_event == r->event_count - 1) break; // more of it may follow
            size_t index = r->next_event++;
            const vx_event *event = &r->events[index];
            if (elements_only && (event->kind == VX_NODE_TEXT || event->kind == VX_NODE_WHITESPACE)) continue;
            r->current = (long)index;
            node->kind = event->kind;
            node->depth = event->depth;
            node->is_empty = event->is_empty;
            node->has_attributes = event->attribute_count > 0;
            node->name = event->name;
            node->name_id = event->name_id;
            if (event->kind == VX_NODE_TEXT || event->kind == VX_NODE_WHITESPACE) {
                node->value = r->arena + event->text;
                node->value_length = event->text_length;
            } else {
                node->value = "";
                node->value_length = 0;
            }
            return 1;
        }
        // Nodes parsed before an error are handed out first: they were well-formed.
        if (r->failed) return -1;
        if (r->finished) {
            r->current = -1;
            return 0;
        }
        vx_compact(r);
        vx_pump(r);
    }
}

static const vx_event *vx_current_element(vx_reader *r) {
    if (r->current < 0) return NULL;
    const vx_event *event = &r->events[r->current];
    return event->kind == VX_NODE_ELEMENT ? event : NULL;
}

int vx_reader_attribute_value(vx_reader *r, const char *name, const char **value, size_t *length) {
    *value = NULL;
    *length = 0;
    const vx_event *event = vx_current_element(r);
    if (event == NULL) return 0;
    for (int i = 0; i < event->attribute_count; i++) {
        const vx_attribute *attribute = &r->attributes[event->attributes + (size_t)i];
        if (attribute->uri != NULL || strcmp(attribute->name, name) != 0) continue;
        *value = r->arena + attribute->value;
        *length = attribute->value_length;
        return 1;
    }
    return 0;
}

int vx_reader_attribute_ns_value(vx_reader *r, const char *name, const char *namespace_uri, const char **value,
                                 size_t *length) {
    *value = NULL;
    *length = 0;
    const vx_event *event = vx_current_element(r);
    if (event == NULL) return 0;
    for (int i = 0; i < event->attribute_count; i++) {
        const vx_attribute *attribute = &r->attributes[event->attributes + (size_t)i];
        if (attribute->uri == NULL || strcmp(attribute->name, name) != 0) continue;
        if (strcmp(attribute->uri, namespace_uri) != 0) continue;
        *value = r->arena + attribute->value;
        *length = attribute->value_length;
        return 1;
    }
    return 0;
}

const char *vx_reader_namespace(vx_reader *r) {
    if (r->current < 0) return "";
    const vx_event *event = &r->events[r->current];
    if (event->kind != VX_NODE_ELEMENT && event->kind != VX_NODE_END_ELEMENT) return "";
    return event->uri ? event->uri : "";
}

int vx_reader_namespace_is(vx_reader *r, const char *namespace_uri) {
    return strcmp(vx_reader_namespace(r), namespace_uri) == 0;
}

int vx_reader_line(vx_reader *r) {
    // The node's own line (kept whole, past 65535 too); after the last node, the parser's.
    if (r->current >= 0) return r->events[r->current].line;
    return vx_parser_line(r);
}

const char *vx_reader_error(vx_reader *r) { return r->error[0] ? r->error : "unknown XML error"; }

int vx_reader_error_line(vx_reader *r) { return r->error_line; }
