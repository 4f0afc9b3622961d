#include "CXMLShim.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlversion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vx_reader {
    xmlTextReaderPtr reader;
    char error[512];
    int error_line;
};

// NONET: never fetch anything. No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR/DTDVALID.
static const int vx_parse_options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;

void vx_init(void) { xmlInitParser(); }

const char *vx_version(void) { return xmlParserVersion; }

void vx_free(void *pointer) { xmlFree(pointer); }

static void vx_set_error(vx_reader *r, int line, const char *message) {
    if (r->error[0] != '\0') return; // keep the first, most precise reason
    snprintf(r->error, sizeof r->error, "%s", message ? message : "unknown XML error");
    size_t n = strlen(r->error);
    while (n > 0 && (r->error[n - 1] == '\n' || r->error[n - 1] == ' ')) r->error[--n] = '\0';
    r->error_line = line;
}

static void vx_structured_error(void *context, xmlErrorPtr error) {
    vx_reader *r = (vx_reader *)context;
    if (error == NULL || error->level < XML_ERR_ERROR) return;
    vx_set_error(r, error->line, error->message);
}

static vx_reader *vx_wrap(xmlTextReaderPtr reader) {
    if (reader == NULL) return NULL;
    vx_reader *r = calloc(1, sizeof *r);
    if (r == NULL) { xmlFreeTextReader(reader); return NULL; }
    r->reader = reader;
    xmlTextReaderSetStructuredErrorHandler(reader, vx_structured_error, r);
    return r;
}

vx_reader *vx_reader_from_memory(const char *bytes, size_t length, const char *name) {
    if (length > (size_t)0x7fffffff) return NULL;
    return vx_wrap(xmlReaderForMemory(bytes, (int)length, name, NULL, vx_parse_options));
}

vx_reader *vx_reader_from_fd(int fd, const char *name) {
    return vx_wrap(xmlReaderForFd(fd, name, NULL, vx_parse_options));
}

void vx_reader_free(vx_reader *r) {
    if (r == NULL) return;
    xmlFreeTextReader(r->reader);
    free(r);
}

int vx_reader_next(vx_reader *r) {
    int status = xmlTextReaderRead(r->reader);
    if (status < 0) {
        vx_set_error(r, xmlTextReaderGetParserLineNumber(r->reader), "document is not well-formed");
        return -1;
    }
    if (status == 0) return 0;
    int type = xmlTextReaderNodeType(r->reader);
    // A DTD or an entity reference has no place in the profile: refuse instead of expanding.
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
        vx_set_error(r, xmlTextReaderGetParserLineNumber(r->reader), "DOCTYPE declarations are not accepted");
        return -1;
    }
    if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_ENTITY) {
        vx_set_error(r, xmlTextReaderGetParserLineNumber(r->reader), "entity references are not accepted");
        return -1;
    }
    return 1;
}

vx_node_kind vx_reader_kind(vx_reader *r) {
    switch (xmlTextReaderNodeType(r->reader)) {
    case XML_READER_TYPE_ELEMENT: return VX_NODE_ELEMENT;
    case XML_READER_TYPE_END_ELEMENT: return VX_NODE_END_ELEMENT;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: return VX_NODE_TEXT;
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

int vx_reader_line(vx_reader *r) { return xmlTextReaderGetParserLineNumber(r->reader); }

const char *vx_reader_error(vx_reader *r) { return r->error[0] ? r->error : "unknown XML error"; }

int vx_reader_error_line(vx_reader *r) { return r->error_line; }
