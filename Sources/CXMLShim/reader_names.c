#include "reader_private.h"

#include <libxml/dict.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Names seen by one reader, numbered, so Swift compares small integers instead of strings.

static uint32_t vx_slot_of(const char *pointer) {
    // Dictionary strings sit next to each other, so mix every bit of the address.
    uint64_t p = (uint64_t)(uintptr_t)pointer * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(p >> 54) & (VX_SLOTS - 1);
}

static uint32_t vx_hash_text(const char *name) {
    uint32_t h = 2166136261u; // FNV-1a
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) h = (h ^ *c) * 16777619u;
    return h;
}

// The id of a name, adding it to the table when new; -1 when the table is full. `cacheable`
// says the pointer is a string of the parser's dictionary, which lives as long as the reader
// and never moves, so the same pointer always means the same name. Lookups by text go through
// a hash index and a full table's "no id" is cached too: a hostile body of many distinct or
// repeated unknown names once cost a strcmp against every known name per element (over ten
// seconds for a 2 MB body; see docs/reliability.md, Fuzzing).
static int vx_lookup_name(vx_reader *r, const char *name, int cacheable) {
    uint32_t slot = vx_slot_of(name);
    vx_slot *s = &r->slots[slot];
    if (cacheable && s->pointer == name) return s->id;
    uint32_t bucket = vx_hash_text(name) & (VX_NAME_BUCKETS - 1);
    int id = -1;
    while (r->name_index[bucket] != 0) {
        int candidate = r->name_index[bucket] - 1;
        if (strcmp(r->names[candidate], name) == 0) { id = candidate; break; }
        bucket = (bucket + 1) & (VX_NAME_BUCKETS - 1);
    }
    if (id < 0 && r->name_count < VX_MAX_NAMES) {
        if (r->name_count == r->name_capacity) {
            int capacity = r->name_capacity ? r->name_capacity * 2 : 64;
            char **grown = realloc(r->names, (size_t)capacity * sizeof *grown);
            if (grown == NULL) return -1;
            r->names = grown;
            r->name_capacity = capacity;
        }
        char *copy = strdup(name);
        if (copy == NULL) return -1;
        id = r->name_count++;
        r->names[id] = copy;
        r->name_index[bucket] = id + 1; // the empty bucket the probe stopped at
    }
    if (cacheable) {
        s->pointer = name;
        s->id = id;
    }
    return id;
}

int vx_name_id(vx_reader *r, const char *name) { return vx_lookup_name(r, name, 0); }

int vx_dict_name_id(vx_reader *r, const char *name) {
    uint32_t slot = vx_slot_of(name);
    if (r->slots[slot].pointer == name) return r->slots[slot].id; // only dictionary names are cached
    int cacheable = r->parser != NULL && r->parser->dict != NULL && xmlDictOwns(r->parser->dict, (const xmlChar *)name) == 1;
    return vx_lookup_name(r, name, cacheable);
}

int vx_reader_name_id(vx_reader *r, const char *name) { return vx_name_id(r, name); }

const char *vx_reader_name_of(vx_reader *r, int id) {
    return (id >= 0 && id < r->name_count) ? r->names[id] : "";
}
