/* libFuzzer target for the front end: lang_parse then lang_check on any
 * bytes.  Either a module or a diagnostic with a sane place must come back;
 * anything else (a crash, a sanitizer report, a hang) is a finding.
 * Invalid UTF-8 is refused up front, so such an input is also tried with its
 * high bits cleared, to reach the lexer and parser behind the check. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_one(const char *src, size_t size)
{
    Diag d;
    memset(&d, 0, sizeof d);
    Module *m = lang_parse("fuzz.py", src, size, &d);
    if (!m) {
        if (d.line < 1 || d.col < 1 || !d.msg[0] || !d.file || strlen(d.msg) >= sizeof d.msg)
            abort();
        return;
    }
    if (lang_check(m, &d) < 0 && (d.line < 1 || d.col < 1 || !d.msg[0]))
        abort();
    lang_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one((const char *)data, size);
    int ascii = 1;
    for (size_t i = 0; i < size && ascii; i++)
        ascii = data[i] < 0x80 && data[i] != 0;
    if (!ascii) {
        char *copy = malloc(size ? size : 1);
        for (size_t i = 0; i < size; i++)
            copy[i] = data[i] & 0x7F ? (char)(data[i] & 0x7F) : ' ';
        fuzz_one(copy, size);
        free(copy);
    }
    return 0;
}
