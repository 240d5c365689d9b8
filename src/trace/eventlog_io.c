/* Saving and loading an event log (--record / --replay): a small binary
 * file, "PLEVLOG1", the event count, then each event (32 bytes, host byte
 * order) followed by its payload length and bytes when TF_PAYLOAD is set. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/eventlog_io.h"

static const char io_magic[8] = { 'P', 'L', 'E', 'V', 'L', 'O', 'G', '1' };

int eventlog_save(const EventLog *log, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    uint64_t n = eventlog_count(log);
    fwrite(io_magic, 1, sizeof io_magic, f);
    fwrite(&n, sizeof n, 1, f);
    for (size_t k = 0; k < n; k++) {
        const TraceEvent *e = eventlog_get(log, k);
        fwrite(e, sizeof *e, 1, f);
        if (e->flags & TF_PAYLOAD) {
            uint32_t len;
            const char *t = eventlog_text(log, k, &len);
            fwrite(&len, sizeof len, 1, f);
            fwrite(t, 1, len, f);
        }
    }
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return -1;
    return 0;
}

int eventlog_load(EventLog *log, const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char magic[8];
    uint64_t n = 0;
    char *buf = malloc(TRACE_MAX_TEXT + 1);
    int rc = -1;
    if (!buf) {
        snprintf(err, errsize, "%s: out of memory", path);
        goto out;
    }
    if (fread(magic, 1, sizeof magic, f) != sizeof magic || memcmp(magic, io_magic, sizeof magic) != 0 ||
        fread(&n, sizeof n, 1, f) != 1) {
        snprintf(err, errsize, "%s: not a parlab recording", path);
        goto out;
    }
    for (uint64_t k = 0; k < n; k++) {
        TraceEvent e;
        uint32_t len = 0;
        if (fread(&e, sizeof e, 1, f) != 1) {
            snprintf(err, errsize, "%s: cut short at event %llu of %llu", path,
                     (unsigned long long)k, (unsigned long long)n);
            goto out;
        }
        if (e.kind >= TK_COUNT) {
            snprintf(err, errsize, "%s: event %llu has unknown kind %u", path, (unsigned long long)k, e.kind);
            goto out;
        }
        if (e.flags & TF_PAYLOAD) {
            if (fread(&len, sizeof len, 1, f) != 1 || len > TRACE_MAX_TEXT || fread(buf, 1, len, f) != len) {
                snprintf(err, errsize, "%s: bad payload at event %llu", path, (unsigned long long)k);
                goto out;
            }
        }
        eventlog_append(log, &e, (e.flags & TF_PAYLOAD) ? buf : NULL, len);
    }
    rc = 0;
out:
    free(buf);
    fclose(f);
    return rc;
}
