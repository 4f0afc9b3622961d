#include "CXMLShim.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vx_schema {
    xmlSchemaPtr schema;
};

typedef struct {
    char *text;
    size_t size;
} vx_message;

static void vx_schema_parse_error(void *context, xmlErrorPtr error) {
    vx_message *m = (vx_message *)context;
    if (error == NULL || error->level < XML_ERR_ERROR || m->text[0] != '\0') return;
    snprintf(m->text, m->size, "line %d: %s", error->line, error->message ? error->message : "schema error");
    size_t n = strlen(m->text);
    while (n > 0 && m->text[n - 1] == '\n') m->text[--n] = '\0';
}

vx_schema *vx_schema_from_memory(const char *bytes, size_t length, const char *name, char *error, size_t error_size) {
    vx_init();
    if (error_size > 0) error[0] = '\0';
    vx_message message = {error, error_size};
    if (length > (size_t)0x7fffffff) {
        snprintf(error, error_size, "schema too large");
        return NULL;
    }
    xmlSchemaParserCtxtPtr context = xmlSchemaNewMemParserCtxt(bytes, (int)length);
    if (context == NULL) {
        snprintf(error, error_size, "cannot create a schema parser");
        return NULL;
    }
    (void)name;
    xmlSchemaSetParserStructuredErrors(context, vx_schema_parse_error, &message);
    xmlSchemaPtr schema = xmlSchemaParse(context);
    xmlSchemaFreeParserCtxt(context);
    if (schema == NULL) {
        if (error_size > 0 && error[0] == '\0') snprintf(error, error_size, "the schema cannot be compiled");
        return NULL;
    }
    vx_schema *s = calloc(1, sizeof *s);
    if (s == NULL) {
        xmlSchemaFree(schema);
        return NULL;
    }
    s->schema = schema;
    return s;
}

void vx_schema_free(vx_schema *s) {
    if (s == NULL) return;
    xmlSchemaFree(s->schema);
    free(s);
}

typedef struct {
    vx_problem_callback callback;
    void *context;
    int count;
} vx_problems;

static void vx_report(void *context, xmlErrorPtr error) {
    vx_problems *p = (vx_problems *)context;
    if (error == NULL || error->level < XML_ERR_ERROR) return;
    char text[1024];
    snprintf(text, sizeof text, "%s", error->message ? error->message : "invalid");
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == '\n') text[--n] = '\0';
    p->count++;
    p->callback(p->context, error->line, text);
}

int vx_schema_validate_memory(vx_schema *s, const char *bytes, size_t length, const char *name,
                              vx_problem_callback callback, void *context) {
    vx_init();
    vx_problems problems = {callback, context, 0};
    if (length > (size_t)0x7fffffff) {
        callback(context, 0, "document too large to validate in memory");
        return 1;
    }
    // Parse errors go to this thread's structured handler (libxml2 keeps it per thread).
    xmlSetStructuredErrorFunc(&problems, vx_report);
    // The same safe options as the reader: no network, no entity substitution, no DTD loading.
    xmlDocPtr document = xmlReadMemory(bytes, (int)length, name, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (document == NULL) {
        if (problems.count == 0) {
            problems.count++;
            callback(context, 0, "the document is not well-formed");
        }
        return problems.count;
    }
    if (document->intSubset != NULL || document->extSubset != NULL) {
        problems.count++;
        callback(context, 1, "DOCTYPE declarations are not accepted (no DTDs, no entities)");
        xmlFreeDoc(document);
        return problems.count;
    }
    xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(s->schema);
    if (validator == NULL) {
        xmlFreeDoc(document);
        problems.count++;
        callback(context, 0, "cannot create a schema validator");
        return problems.count;
    }
    xmlSchemaSetValidStructuredErrors(validator, vx_report, &problems);
    int result = xmlSchemaValidateDoc(validator, document);
    if (result != 0 && problems.count == 0) {
        problems.count++;
        callback(context, 0, "the document does not validate against the schema");
    }
    xmlSchemaFreeValidCtxt(validator);
    xmlFreeDoc(document);
    return problems.count;
}
