#include "reader_private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Scans the bytes before the root element for "<!DOCTYPE" (the carry bridges chunk borders).
// Returns 0 to go on, -1 to refuse.
static int vx_guard_prolog(vx_reader *r, const char *chunk, size_t length) {
    static const char marker[] = "<!DOCTYPE";
    const size_t marker_length = sizeof marker - 1;
    for (size_t i = 0; i < length && !r->prolog_done; i++) {
        char c = chunk[i];
        if (c == '\n') r->prolog_line++;
        if (r->carry_length == sizeof r->carry) {
            memmove(r->carry, r->carry + 1, sizeof r->carry - 1);
            r->carry_length--;
        }
        r->carry[r->carry_length++] = c;
        if (r->carry_length >= marker_length &&
            memcmp(r->carry + r->carry_length - marker_length, marker, marker_length) == 0) {
            vx_set_error(r, r->prolog_line, "DOCTYPE declarations are not accepted (no DTDs, no entities)");
            return -1;
        }
        // '<' followed by a name start: the root element begins, the prolog is over.
        if (r->carry_length >= 2 && r->carry[r->carry_length - 2] == '<') {
            unsigned char n = (unsigned char)c;
            if (n == '_' || n == ':' || (n >= 'A' && n <= 'Z') || (n >= 'a' && n <= 'z') || n >= 0x80)
                r->prolog_done = 1;
        }
    }
    return 0;
}

int vx_input(vx_reader *r, const char **data, size_t *count) {
    ssize_t n;
    if (r->bytes != NULL) {
        size_t left = r->length - r->offset;
        n = (ssize_t)(left < VX_CHUNK ? left : VX_CHUNK);
        *data = r->bytes + r->offset; // no copy: the parser copies what it keeps
        r->offset += (size_t)n;
    } else {
        do { n = read(r->fd, r->chunk, VX_CHUNK); } while (n < 0 && errno == EINTR);
        if (n < 0) {
            char message[160];
            snprintf(message, sizeof message, "cannot read the document: %s", strerror(errno));
            vx_set_error(r, (r->parser && r->parser->input) ? r->parser->input->line : r->prolog_line, message);
            return -1;
        }
        *data = r->chunk;
    }
    *count = (size_t)n;
    if (n == 0) {
        r->eof = 1;
        return 0;
    }
    if (!r->prolog_done && vx_guard_prolog(r, *data, (size_t)n) < 0) return -1;
    return 1;
}
