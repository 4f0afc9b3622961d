#include "CXMLShim.h"

#include <libxml/xmlIO.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>

struct vx_writer {
    xmlTextWriterPtr writer;
    xmlBufferPtr buffer; // memory writers only
};

static vx_writer *vx_writer_wrap(xmlTextWriterPtr writer, xmlBufferPtr buffer, int indent) {
    if (writer == NULL) {
        if (buffer) xmlBufferFree(buffer);
        return NULL;
    }
    vx_writer *w = calloc(1, sizeof *w);
    if (w == NULL) {
        xmlFreeTextWriter(writer);
        if (buffer) xmlBufferFree(buffer);
        return NULL;
    }
    w->writer = writer;
    w->buffer = buffer;
    if (indent) {
        xmlTextWriterSetIndent(writer, 1);
        xmlTextWriterSetIndentString(writer, (const xmlChar *)"  ");
    }
    return w;
}

vx_writer *vx_writer_to_memory(int indent) {
    vx_init();
    xmlBufferPtr buffer = xmlBufferCreate();
    if (buffer == NULL) return NULL;
    return vx_writer_wrap(xmlNewTextWriterMemory(buffer, 0), buffer, indent);
}

vx_writer *vx_writer_to_fd(int fd, int indent) {
    vx_init();
    xmlOutputBufferPtr out = xmlOutputBufferCreateFd(fd, NULL);
    if (out == NULL) return NULL;
    xmlTextWriterPtr writer = xmlNewTextWriter(out); // owns `out` from here on
    if (writer == NULL) {
        xmlOutputBufferClose(out);
        return NULL;
    }
    return vx_writer_wrap(writer, NULL, indent);
}

int vx_writer_free(vx_writer *w) {
    if (w == NULL) return 0;
    int status = xmlTextWriterFlush(w->writer) < 0 ? -1 : 0;
    xmlFreeTextWriter(w->writer);
    if (w->buffer) xmlBufferFree(w->buffer);
    free(w);
    return status;
}

static int vx_status(int result) { return result < 0 ? -1 : result; }

int vx_writer_start_document(vx_writer *w) {
    return vx_status(xmlTextWriterStartDocument(w->writer, "1.0", "UTF-8", NULL));
}

int vx_writer_end_document(vx_writer *w) {
    int status = xmlTextWriterEndDocument(w->writer);
    if (status < 0) return -1;
    return vx_status(xmlTextWriterFlush(w->writer));
}

int vx_writer_start_element(vx_writer *w, const char *name) {
    return vx_status(xmlTextWriterStartElement(w->writer, (const xmlChar *)name));
}

int vx_writer_end_element(vx_writer *w) {
    // Full end tags keep <x></x> for an empty text, which reads back as the empty string.
    return vx_status(xmlTextWriterFullEndElement(w->writer));
}

int vx_writer_attribute(vx_writer *w, const char *name, const char *value) {
    return vx_status(xmlTextWriterWriteAttribute(w->writer, (const xmlChar *)name, (const xmlChar *)value));
}

int vx_writer_text(vx_writer *w, const char *text) {
    return vx_status(xmlTextWriterWriteString(w->writer, (const xmlChar *)text));
}

int vx_writer_comment(vx_writer *w, const char *text) {
    return vx_status(xmlTextWriterWriteComment(w->writer, (const xmlChar *)text));
}

int vx_writer_flush(vx_writer *w) { return vx_status(xmlTextWriterFlush(w->writer)); }

const unsigned char *vx_writer_content(vx_writer *w, size_t *length) {
    if (w->buffer == NULL) {
        *length = 0;
        return NULL;
    }
    xmlTextWriterFlush(w->writer);
    *length = (size_t)xmlBufferLength(w->buffer);
    return xmlBufferContent(w->buffer);
}
