#include "reader_private.h"

#include <libxml/parserInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libxml2's SAX2 callbacks, turned into a queue of compact events that vx_reader_step hands
// out one at a time. This is what xmlTextReader does too, but it builds (and then frees) a
// tree node for every element, text and attribute on the way, which cost more than the parse
// itself; here an element is one small struct and its text a few bytes in an arena.

static int vx_line_now(vx_reader *r) {
    return (r->parser != NULL && r->parser->input != NULL) ? r->parser->input->line : r->prolog_line;
}

// Out of memory (or over a limit): the parse ends with `reason`.
static void vx_halt(vx_reader *r, const char *reason) {
    vx_set_error(r, vx_line_now(r), reason);
    xmlStopParser(r->parser);
}

static int vx_reserve_arena(vx_reader *r, size_t more) {
    if (r->arena_capacity - r->arena_length >= more) return 0;
    size_t capacity = r->arena_capacity ? r->arena_capacity : 2 * VX_CHUNK;
    while (capacity - r->arena_length < more) capacity *= 2;
    char *grown = realloc(r->arena, capacity);
    if (grown == NULL) return -1;
    r->arena = grown;
    r->arena_capacity = capacity;
    return 0;
}

// A new event at the end of the queue (the caller sets every field); NULL when out of memory
// (the parse is halted).
static vx_event *vx_new_event(vx_reader *r) {
    if (r->event_count == r->event_capacity) {
        size_t capacity = r->event_capacity ? r->event_capacity * 2 : 1024;
        vx_event *grown = realloc(r->events, capacity * sizeof *grown);
        if (grown == NULL) {
            vx_halt(r, "out of memory while reading the document");
            return NULL;
        }
        r->events = grown;
        r->event_capacity = capacity;
    }
    return &r->events[r->event_count++];
}

static const unsigned char vx_blank[256] = {[' '] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1};

static int vx_is_blank(const xmlChar *text, size_t length) {
    for (size_t i = 0; i < length; i++) {
        if (!vx_blank[text[i]]) return 0;
    }
    return 1;
}

// (A text event's kind is kept up to date as its pieces arrive.)
void vx_close_text(vx_reader *r) { r->text_open = 0; }

void vx_compact(vx_reader *r) {
    r->current = -1;
    if (r->text_open && r->next_event == r->event_count - 1) {
        // Keep the text still being read: it moves to the front of the arena.
        vx_event open = r->events[r->event_count - 1];
        memmove(r->arena, r->arena + open.text, open.text_length + 1);
        open.text = 0;
        r->events[0] = open;
        r->event_count = 1;
        r->arena_length = open.text_length + 1;
    } else if (r->next_event == r->event_count) {
        r->event_count = 0;
        r->arena_length = 0;
    } else {
        return; // events not handed out yet: nothing may move
    }
    r->next_event = 0;
    r->attribute_count = 0;
}

static void vx_characters(void *context, const xmlChar *text, int length) {
    vx_reader *r = (vx_reader *)context;
    if (length <= 0) return;
    size_t count = (size_t)length;
    vx_event *event = r->text_open ? &r->events[r->event_count - 1] : NULL;
    size_t so_far = event ? event->text_length : 0;
    // xmlTextReader's tree builder refuses text nodes over XML_MAX_TEXT_LENGTH; so do we.
    if (so_far + count > XML_MAX_TEXT_LENGTH) {
        vx_halt(r, "a text node longer than 10,000,000 bytes (xmlSAX2Characters: huge text node)");
        return;
    }
    if (vx_reserve_arena(r, count + 1) < 0) {
        vx_halt(r, "out of memory while reading the document");
        return;
    }
    int blank = vx_is_blank(text, count);
    if (event == NULL) {
        event = vx_new_event(r);
        if (event == NULL) return;
        event->kind = blank ? VX_NODE_WHITESPACE : VX_NODE_TEXT;
        event->depth = r->depth;
        event->is_empty = 0;
        event->name_id = -1;
        event->line = vx_line_now(r);
        event->attribute_count = 0;
        event->name = "";
        event->text = r->arena_length;
        event->text_length = 0;
        event->attributes = 0;
        r->text_open = 1;
        r->arena_length++; // (room for the NUL, which the copy below moves over)
    } else if (!blank) {
        event->kind = VX_NODE_TEXT;
    }
    // The open text is the arena's last string: extend it over its NUL.
    char *end = r->arena + r->arena_length - 1;
    memcpy(end, text, count);
    end[count] = '\0';
    r->arena_length += count;
    event->text_length += count;
}

// The name libxml2's tree gives a name whose prefix is bound to no namespace: "prefix:local".
static const char *vx_qualified(vx_reader *r, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
    if (prefix == NULL || uri != NULL) return (const char *)local;
    const xmlChar *name = xmlDictQLookup(r->parser->dict, prefix, local);
    return name ? (const char *)name : (const char *)local;
}

// An attribute value as the parser hands it over, with "&#38;" back to "&": without entity
// substitution, libxml2 re-escapes every '&' (from &amp; or &#38;) that way for its tree
// builder to re-parse, and no other '&' can reach a value (undeclared entities are fatal).
static size_t vx_store_value(vx_reader *r, const xmlChar *value, const xmlChar *end, size_t *length) {
    size_t count = (size_t)(end - value);
    if (vx_reserve_arena(r, count + 1) < 0) return (size_t)-1;
    size_t offset = r->arena_length;
    char *out = r->arena + offset;
    size_t n = 0;
    const xmlChar *c = value;
    while (c < end) {
        const xmlChar *amp = memchr(c, '&', (size_t)(end - c));
        size_t plain = (size_t)((amp ? amp : end) - c);
        memcpy(out + n, c, plain);
        n += plain;
        c += plain;
        if (amp == NULL) break;
        out[n++] = '&';
        c += (end - c >= 5 && memcmp(c, "&#38;", 5) == 0) ? 5 : 1;
    }
    out[n] = '\0';
    r->arena_length += n + 1;
    *length = n;
    return offset;
}

static void vx_start_element(void *context, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                             int namespace_count, const xmlChar **namespaces, int attribute_count,
                             int defaulted_count, const xmlChar **attributes) {
    (void)namespace_count; (void)namespaces; (void)defaulted_count;
    vx_reader *r = (vx_reader *)context;
    vx_close_text(r);
    // libxml2's tree builder (nodePush) caps the depth, not its push parser: keep the cap.
    if ((unsigned int)r->depth > xmlParserMaxDepth) {
        char reason[96];
        snprintf(reason, sizeof reason, "Excessive depth in document: %u use XML_PARSE_HUGE option", xmlParserMaxDepth);
        vx_halt(r, reason);
        return;
    }
    if (r->depth >= r->start_lines_capacity) {
        int capacity = r->start_lines_capacity ? r->start_lines_capacity * 2 : 64;
        int *grown = realloc(r->start_lines, (size_t)capacity * sizeof *grown);
        if (grown == NULL) { vx_halt(r, "out of memory while reading the document"); return; }
        r->start_lines = grown;
        r->start_lines_capacity = capacity;
    }
    if (r->attribute_count + (size_t)attribute_count > r->attribute_capacity) {
        size_t capacity = r->attribute_capacity ? r->attribute_capacity : 256;
        while (capacity < r->attribute_count + (size_t)attribute_count) capacity *= 2;
        vx_attribute *grown = realloc(r->attributes, capacity * sizeof *grown);
        if (grown == NULL) { vx_halt(r, "out of memory while reading the document"); return; }
        r->attributes = grown;
        r->attribute_capacity = capacity;
    }
    const char *name = vx_qualified(r, local, prefix, uri);
    int id = vx_dict_name_id(r, name);
    int line = vx_line_now(r);
    size_t first = r->attribute_count;
    for (int i = 0; i < attribute_count; i++) {
        const xmlChar **a = attributes + 5 * i; // local name, prefix, URI, value, value end
        vx_attribute *attribute = &r->attributes[r->attribute_count];
        attribute->name = vx_qualified(r, a[0], a[1], a[2]);
        attribute->uri = (const char *)a[2];
        attribute->value = vx_store_value(r, a[3], a[4], &attribute->value_length);
        if (attribute->value == (size_t)-1) { vx_halt(r, "out of memory while reading the document"); return; }
        r->attribute_count++;
    }
    vx_event *event = vx_new_event(r);
    if (event == NULL) return;
    event->kind = VX_NODE_ELEMENT;
    event->depth = r->depth;
    event->is_empty = 0;
    event->name = name;
    event->uri = (const char *)uri;
    event->name_id = id;
    event->line = line;
    event->attributes = first;
    event->attribute_count = attribute_count;
    event->text = 0;
    event->text_length = 0;
    r->start_lines[r->depth] = line;
    if (r->depth == 0) r->root_seen = 1;
    r->depth++;
}

static void vx_end_element(void *context, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
    vx_reader *r = (vx_reader *)context;
    vx_close_text(r);
    if (r->depth == 0) return; // (never: the parser pairs its callbacks)
    r->depth--;
    if (r->depth == 0) r->root_closed = 1;
    // `<x/>` is reported as one empty element, as xmlTextReader does: the parser calls us right
    // after skipping its "/>" (an end tag `</x>` always ends in a name character or a blank).
    const xmlParserInputPtr input = r->parser->input;
    vx_event *last = r->event_count > 0 ? &r->events[r->event_count - 1] : NULL;
    if (last != NULL && last->kind == VX_NODE_ELEMENT && last->depth == r->depth && input != NULL &&
        input->cur - input->base >= 2 && input->cur[-2] == '/' && input->cur[-1] == '>') {
        last->is_empty = 1;
        return;
    }
    const char *name = vx_qualified(r, local, prefix, uri);
    int id = vx_dict_name_id(r, name);
    vx_event *event = vx_new_event(r);
    if (event == NULL) return;
    event->kind = VX_NODE_END_ELEMENT;
    event->depth = r->depth;
    event->is_empty = 0;
    event->attribute_count = 0;
    event->attributes = 0;
    event->text = 0;
    event->text_length = 0;
    event->name = name;
    event->uri = (const char *)uri;
    event->name_id = id;
    event->line = r->start_lines[r->depth]; // an end reports its element's line, as libxml2's nodes do
}

// Comments and processing instructions are skipped, but they end a text run (as they end a
// text node in libxml2's tree).
static void vx_comment(void *context, const xmlChar *text) {
    (void)text;
    vx_close_text((vx_reader *)context);
}

static void vx_instruction(void *context, const xmlChar *target, const xmlChar *data) {
    (void)target; (void)data;
    vx_close_text((vx_reader *)context);
}

// Never reached (the input guard refuses a DOCTYPE before the parser sees it); kept so that no
// DTD could ever be read if the guard were bypassed.
static void vx_internal_subset(void *context, const xmlChar *name, const xmlChar *external, const xmlChar *system) {
    (void)name; (void)external; (void)system;
    vx_halt((vx_reader *)context, "DOCTYPE declarations are not accepted (no DTDs, no entities)");
}

static void vx_structured_error(void *context, xmlErrorPtr error) {
    vx_reader *r = (vx_reader *)context;
    if (error == NULL || error->level < XML_ERR_ERROR) return;
    if (r->error[0] == '\0') r->error_code = error->code;
    vx_set_error(r, error->line, error->message);
}

void vx_install_handlers(xmlSAXHandler *handler) {
    memset(handler, 0, sizeof *handler);
    handler->initialized = XML_SAX2_MAGIC;
    handler->startElementNs = vx_start_element;
    handler->endElementNs = vx_end_element;
    handler->characters = vx_characters;
    handler->ignorableWhitespace = vx_characters;
    handler->cdataBlock = vx_characters;
    handler->comment = vx_comment;
    handler->processingInstruction = vx_instruction;
    handler->internalSubset = vx_internal_subset;
    handler->serror = vx_structured_error;
    // No getEntity, entityDecl, reference, …: no entity but the five predefined ones exists.
}
