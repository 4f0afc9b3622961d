#include "reader_private.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlversion.h>
#include <libxml/dict.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// NONET: never fetch anything. No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR/DTDVALID,
// never HUGE (libxml2's own size and depth limits stay in force).
static const int vx_parse_options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;

static xmlParserInputPtr vx_refuse_entity(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void)url; (void)id; (void)context;
    return NULL; // no document may make this process open a file or a URL
}

static pthread_once_t vx_once = PTHREAD_ONCE_INIT;
static void vx_init_once(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(vx_refuse_entity);
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

static void vx_structured_error(void *context, xmlErrorPtr error) {
    vx_reader *r = (vx_reader *)context;
    if (error == NULL || error->level < XML_ERR_ERROR) return;
    if (r->error[0] == '\0') r->error_code = error->code;
    vx_set_error(r, error->line, error->message);
}

// libxml2's reader says "Extra content at the end of the document" when the input simply
// stops; say what happened instead.
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
    r->reader = xmlReaderForIO(vx_read, vx_close, r, name, NULL, vx_parse_options);
    if (r->reader == NULL) { free(r); return NULL; }
    xmlTextReaderSetStructuredErrorHandler(r->reader, vx_structured_error, r);
    return r;
}

vx_reader *vx_reader_from_memory(const char *bytes, size_t length, const char *name) {
    if (bytes == NULL) bytes = "";
    return vx_open(bytes, length, -1, name);
}

vx_reader *vx_reader_from_fd(int fd, const char *name) { return vx_open(NULL, 0, fd, name); }

void vx_reader_free(vx_reader *r) {
    if (r == NULL) return;
    xmlFreeTextReader(r->reader);
    xmlFree(r->attribute_copy);
    for (int i = 0; i < r->name_count; i++) free(r->names[i]);
    free(r->names);
    free(r);
}

// One xmlTextReaderRead with our error handling: 1 = a node, 0 = end, -1 = error.
static int vx_read_node(vx_reader *r) {
    int status = xmlTextReaderRead(r->reader);
    if (status < 0 || (status == 0 && r->error[0] != '\0')) {
        // (libxml2 may also end quietly after reporting an error: that still counts.)
        vx_set_error(r, xmlTextReaderGetParserLineNumber(r->reader), "document is not well-formed");
        vx_explain_end(r);
        return -1;
    }
    return status;
}

// A DTD or an entity reference has no place in the profile: refuse instead of expanding.
static int vx_refuse_type(vx_reader *r, int type) {
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
        vx_set_error(r, xmlTextReaderGetParserLineNumber(r->reader),
                     "DOCTYPE declarations are not accepted (no DTDs, no entities)");
        return -1;
    }
    if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_ENTITY) {
        vx_set_error(r, xmlTextReaderGetParserLineNumber(r->reader), "entity references are not accepted");
        return -1;
    }
    return 0;
}

int vx_reader_next(vx_reader *r) {
    int status = vx_read_node(r);
    if (status != 1) return status;
    if (vx_refuse_type(r, xmlTextReaderNodeType(r->reader)) < 0) return -1;
    return 1;
}

static int vx_is_blank(const xmlChar *text) {
    if (text == NULL) return 1;
    for (; *text; text++) {
        if (*text != ' ' && *text != '\n' && *text != '\t' && *text != '\r') return 0;
    }
    return 1;
}

int vx_reader_step(vx_reader *r, vx_node *node, int elements_only) {
    for (;;) {
        int status = vx_read_node(r);
        if (status != 1) return status;
        // Classify from the node itself: xmlTextReaderNodeType walks the ancestors of every
        // text node looking for xml:space, which costs more than the whole parse step.
        xmlNodePtr current = xmlTextReaderCurrentNode(r->reader);
        int raw = current ? (int)current->type : -1;
        if (raw == XML_TEXT_NODE || raw == XML_CDATA_SECTION_NODE) {
            if (elements_only) continue;
            node->kind = vx_is_blank(current->content) ? VX_NODE_WHITESPACE : VX_NODE_TEXT;
            node->value = current->content ? (const char *)current->content : "";
            node->is_empty = 0;
            node->has_attributes = 0;
            node->name = "";
            node->name_id = -1;
            node->depth = xmlTextReaderDepth(r->reader);
            return 1;
        }
        if (raw != XML_ELEMENT_NODE) {
            if (vx_refuse_type(r, xmlTextReaderNodeType(r->reader)) < 0) return -1;
            continue; // comments, processing instructions
        }
        if (xmlTextReaderNodeType(r->reader) == XML_READER_TYPE_END_ELEMENT) {
            node->kind = VX_NODE_END_ELEMENT;
            node->is_empty = 0;
            node->has_attributes = 0;
        } else {
            node->kind = VX_NODE_ELEMENT;
            node->is_empty = xmlTextReaderIsEmptyElement(r->reader) == 1;
            node->has_attributes = current->properties != NULL;
        }
        node->value = "";
        node->name = current->name ? (const char *)current->name : "";
        node->name_id = current->name ? vx_node_name_id(r, current) : -1;
        node->depth = xmlTextReaderDepth(r->reader);
        if (node->depth == 0) {
            r->root_seen = 1;
            if (node->kind == VX_NODE_END_ELEMENT || node->is_empty) r->root_closed = 1;
        }
        return 1;
    }
}

int vx_reader_attribute_value(vx_reader *r, const char *name, const char **value) {
    *value = NULL;
    xmlNodePtr current = xmlTextReaderCurrentNode(r->reader);
    if (current == NULL || current->type != XML_ELEMENT_NODE) return 0;
    for (xmlAttrPtr attribute = current->properties; attribute != NULL; attribute = attribute->next) {
        if (attribute->ns != NULL || strcmp((const char *)attribute->name, name) != 0) continue;
        xmlNodePtr child = attribute->children;
        if (child == NULL) {
            *value = "";
            return 1;
        }
        if (child->type == XML_TEXT_NODE && child->next == NULL) {
            *value = child->content ? (const char *)child->content : "";
            return 1;
        }
        return -1; // an unusual shape: use vx_reader_attribute
    }
    return 0;
}

int vx_reader_attribute_ns_value(vx_reader *r, const char *name, const char *namespace_uri, const char **value) {
    *value = NULL;
    xmlNodePtr current = xmlTextReaderCurrentNode(r->reader);
    if (current == NULL || current->type != XML_ELEMENT_NODE) return 0;
    for (xmlAttrPtr attribute = current->properties; attribute != NULL; attribute = attribute->next) {
        if (attribute->ns == NULL || attribute->ns->href == NULL) continue;
        if (strcmp((const char *)attribute->name, name) != 0) continue;
        if (strcmp((const char *)attribute->ns->href, namespace_uri) != 0) continue;
        // Entities are never expanded, so a value is one text node (or none when empty); the
        // list is joined only for the unusual shapes, which vx_reader_attribute handles too.
        xmlChar *joined = xmlNodeListGetString(current->doc, attribute->children, 1);
        if (joined == NULL) {
            *value = "";
            return 1;
        }
        // Keep the joined copy on the reader until the next call, so callers never free.
        xmlFree(r->attribute_copy);
        r->attribute_copy = joined;
        *value = (const char *)joined;
        return 1;
    }
    return 0;
}

const char *vx_reader_namespace(vx_reader *r) {
    xmlNodePtr current = xmlTextReaderCurrentNode(r->reader);
    if (current == NULL || current->type != XML_ELEMENT_NODE || current->ns == NULL || current->ns->href == NULL) return "";
    return (const char *)current->ns->href;
}

int vx_reader_namespace_is(vx_reader *r, const char *namespace_uri) {
    return strcmp(vx_reader_namespace(r), namespace_uri) == 0;
}

vx_node_kind vx_reader_kind(vx_reader *r) {
    switch (xmlTextReaderNodeType(r->reader)) {
    case XML_READER_TYPE_ELEMENT: return VX_NODE_ELEMENT;
    case XML_READER_TYPE_END_ELEMENT: return VX_NODE_END_ELEMENT;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: return VX_NODE_TEXT;
    case XML_READER_TYPE_WHITESPACE: return VX_NODE_WHITESPACE;
    default: return VX_NODE_OTHER;
    }
}

int vx_reader_depth(vx_reader *r) { return xmlTextReaderDepth(r->reader); }

int vx_reader_is_empty(vx_reader *r) { return xmlTextReaderIsEmptyElement(r->reader) == 1; }

const char *vx_reader_name(vx_reader *r) {
    const xmlChar *name = xmlTextReaderConstLocalName(r->reader);
    return name ? (const char *)name : "";
}

const char *vx_reader_value(vx_reader *r) {
    const xmlChar *value = xmlTextReaderConstValue(r->reader);
    return value ? (const char *)value : "";
}

char *vx_reader_attribute(vx_reader *r, const char *name) {
    return (char *)xmlTextReaderGetAttribute(r->reader, (const xmlChar *)name);
}

int vx_reader_line(vx_reader *r) {
    // The node's own line when known (the parser may already be further on); elements past
    // line 65535 fall back to the parser's position.
    xmlNodePtr node = xmlTextReaderCurrentNode(r->reader);
    if (node != NULL) {
        long line = xmlGetLineNo(node);
        if (line > 0 && line < 65535) return (int)line;
    }
    return xmlTextReaderGetParserLineNumber(r->reader);
}

const char *vx_reader_error(vx_reader *r) { return r->error[0] ? r->error : "unknown XML error"; }

int vx_reader_error_line(vx_reader *r) { return r->error_line; }
