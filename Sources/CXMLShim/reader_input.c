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

int vx_read(void *context, char *buffer, int length) {
    vx_reader *r = (vx_reader *)context;
    if (length <= 0) return 0;
    ssize_t count;
    if (r->bytes != NULL) {
        size_t left = r->length - r->offset;
        count = (ssize_t)(left < (size_t)length ? left : (size_t)length);
        memcpy(buffer, r->bytes + r->offset, (size_t)count);
        r->offset += (size_t)count;
    } else {
        do { count = read(r->fd, buffer, (size_t)length); } while (count < 0 && errno == EINTR);
        if (count < 0) {
            char message[160];
            snprintf(message, sizeof message, "cannot read the document: %s", strerror(errno));
            vx_set_error(r, xmlTextReaderGetParserLineNumber(r->reader), message);
            return -1;
        }
    }
    if (count == 0) r->eof = 1;
    if (!r->prolog_done && vx_guard_prolog(r, buffer, (size_t)count) < 0) return -1;
    return (int)count;
}

int vx_close(void *context) { (void)context; return 0; }
