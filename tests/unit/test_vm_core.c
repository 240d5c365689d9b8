/* Unit tests of the interpreter core (src/vm): scripts are parsed with the
 * real front end, then resolved and run on an Interp of their own with the
 * output captured in memory, without the concurrency runtime.  Also checks
 * that the state really is per interpreter: two interpreters on two
 * pthreads at once, and one continued in a fork()ed child. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lang/lang.h"
#include "vm/format.h"
#include "vm/interp.h"

typedef struct {
    char *out;             /* what print() wrote */
    char *exc;             /* "TypeName: message" of an uncaught exception, or NULL */
} RunResult;

static void run_free(RunResult *r)
{
    free(r->out);
    free(r->exc);
}

/* Parses src, runs it on a fresh interpreter with a memory cap of cap_mb
 * (0: default) and returns its output and uncaught exception. */
static RunResult run_src(const char *src, long cap_mb)
{
    RunResult r = { NULL, NULL };
    Diag d;
    Module *m = lang_parse("t.py", src, strlen(src), &d);
    if (!m) {
        fprintf(stderr, "parse error %d:%d: %s\n", d.line, d.col, d.msg);
        r.exc = strdup("SyntaxError");
        return r;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    Interp *in = interp_create(m);
    in->out = mem;
    if (cap_mb)
        in->mem_cap = (int64_t)cap_mb << 20;
    char err[256];
    assert_int_equal(resolve_module(in, m, err, sizeof err), 0);
    VmThread *ts = in->main_ts;
    in->s_main->h.rc++;
    in->globals[0] = vobj(in->s_main);
    FuncInfo *info = m->scope_info;
    Value *locals = frame_alloc_locals(ts, info->nlocals);
    Frame fr = { .info = info, .locals = locals, .line = 1, .ret = VNONE };
    ts->frame = &fr;
    ts->depth = 1;
    if (exec_block(ts, &fr, &m->body) == X_EXC) {
        StrBuf sb;
        sb_init(&sb);
        InstObj *e = (InstObj *)ts->exc.u.o;
        sb_puts(&sb, e->cls->name->s);
        Value s = v_str(ts, ts->exc);
        if (s.tag != V_EXC && V_STR(s)->len) {
            sb_puts(&sb, ": ");
            sb_puts(&sb, V_STR(s)->s);
        }
        v_decref(in, s);
        r.exc = sb_detach(&sb);
    }
    frame_free_locals(ts, locals, info->nlocals);
    ts->frame = NULL;
    interp_destroy(in);
    fclose(mem);
    r.out = buf;
    lang_free(m);
    return r;
}

static void expect(const char *src, const char *out, const char *exc)
{
    RunResult r = run_src(src, 0);
    assert_string_equal(r.out, out);
    if (exc) {
        assert_non_null(r.exc);
        assert_string_equal(r.exc, exc);
    } else if (r.exc) {
        fail_msg("unexpected exception %s", r.exc);
    }
    run_free(&r);
}

static void test_arith(void **state)
{
    expect("print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 2 ** 10, 7 / 2, 1 + 2.5, True + 1)\n",
           "3 -4 -2 2 1024 3.5 3.5 2\n", NULL);
    expect("print(0.1 + 0.2, 1e16, 1 == 1.0, 2 < 2.5, -0.0, 10 ** -1)\n",
           "0.30000000000000004 1e+16 True True -0.0 0.1\n", NULL);
}

static void test_int_overflow(void **state)
{
    const char *cases[] = {
        "x = 9223372036854775807\ny = x + 1\n",
        "x = 2 ** 63\n",
        "x = -9223372036854775807 - 1\ny = -x\n",
        "x = 3037000500 * 3037000500\n",
        "x = (-9223372036854775807 - 1) // -1\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        RunResult r = run_src(cases[i], 0);
        assert_non_null(r.exc);
        assert_true(strncmp(r.exc, "OverflowError: ", 15) == 0);
        assert_non_null(strstr(r.exc, "64-bit"));
        run_free(&r);
    }
}

static void test_errors(void **state)
{
    expect("print(1)\nprint(y)\n", "1\n", "NameError: name 'y' is not defined");
    expect("def f():\n    print(x)\n    x = 1\nf()\n", "",
           "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
    expect("x = 1 + 'a'\n", "", "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
    expect("x = [1][3]\n", "", "IndexError: list index out of range");
    expect("x = 1 / 0\n", "", "ZeroDivisionError: division by zero");
    expect("x = 'a' < 1\n", "", "TypeError: '<' not supported between instances of 'str' and 'int'");
    expect("def f(a, b=1):\n    pass\nf()\n", "",
           "TypeError: f() missing 1 required positional argument: 'a'");
    expect("a, b = [1, 2, 3]\n", "", "ValueError: too many values to unpack (expected 2)");
}

static void test_exceptions(void **state)
{
    expect("class E(Exception):\n    pass\n"
           "try:\n    raise E('boom', 2)\n"
           "except (KeyError, E) as e:\n    print('caught', e, e.args)\n"
           "else:\n    print('else')\n"
           "finally:\n    print('finally')\n",
           "caught ('boom', 2) ('boom', 2)\nfinally\n", NULL);
    expect("def f():\n    for i in range(3):\n        try:\n            if i == 1:\n                return i\n"
           "        finally:\n            print('f', i)\nprint(f())\n",
           "f 0\nf 1\n1\n", NULL);
    expect("try:\n    [].pop()\nexcept LookupError as e:\n    print(type(e).__name__, str(e))\n",
           "IndexError pop from empty list\n", NULL);
    expect("try:\n    raise ValueError\nexcept Exception as e:\n    print(repr(e), isinstance(e, ValueError))\n",
           "ValueError() True\n", NULL);
}

static void test_classes(void **state)
{
    expect("class A:\n    n = 10\n    def __init__(self, v):\n        self.v = v\n"
           "    def get(self):\n        return self.v + self.n\n"
           "class B(A):\n    def __init__(self, v):\n        super().__init__(v * 2)\n"
           "class C(A):\n    def __init__(self, v):\n        A.__init__(self, v + 1)\n"
           "print(B(1).get(), C(1).get(), type(B(1)).__name__, isinstance(B(1), A))\n",
           "12 12 B True\n", NULL);
}

static void test_closures_and_comprehensions(void **state)
{
    expect("def outer():\n    n = 5\n    def mid():\n        def inner():\n            return n * 2\n"
           "        return inner()\n    return mid()\nprint(outer())\n",
           "10\n", NULL);
    expect("x = 'keep'\nys = [x * 2 for x in range(4) if x != 2]\nprint(ys, x)\n",
           "[0, 2, 6] keep\n", NULL);
}

static void test_strings(void **state)
{
    expect("print(repr(\"it's\"), repr('say \"hi\"'), repr('a\\nb'), len('h\\u00e9llo'), 'h\\u00e9llo'[1])\n",
           "\"it's\" 'say \"hi\"' 'a\\nb' 5 \xc3\xa9\n", NULL);
    expect("print('{} {:>4} {name}'.format('a', 2, name='n'), '{0!r}{0}'.format('a'), f'{3.14159:.2f}|{7:03d}|{\"s\":^5}|')\n",
           "a    2 n 'a'a 3.14|007|  s  |\n", NULL);
    expect("print('{} {0}'.format(1))\n", "",
           "ValueError: cannot switch from automatic field numbering to manual field specification");
    expect("print(','.join(['a', 'b']), 'a b  c'.split(), ' x '.strip(), 'abc'.upper(), 'ab'.center(6, '*'))\n",
           "a,b ['a', 'b', 'c'] x ABC **ab**\n", NULL);
}

static void test_percent_format(void **state)
{
    expect("print('%d|%5.2f|%-4s|%05d|%x|%r|%%' % (3, 3.14159, 'ab', -42, 255, 'q'), '%s' % [1])\n",
           "3| 3.14|ab  |-0042|ff|'q'|% [1]\n", NULL);
    expect("x = '%d %d' % (1,)\n", "", "TypeError: not enough arguments for format string");
    expect("x = '%d' % (1, 2)\n", "", "TypeError: not all arguments converted during string formatting");
}

static void test_class_in_function(void **state)
{
    expect("def make(start):\n    class C:\n        base = start\n        def get(self):\n            return start + 1\n"
           "    return C\nc = make(5)()\nprint(c.get(), c.base)\n",
           "6 5\n", NULL);
}

static void test_self_containing(void **state)
{
    expect("a = [1]\na.append(a)\nb = [1]\nb.append(b)\nprint(a, a == a)\nprint(a == b)\n",
           "[1, [...]] True\n", "RecursionError: maximum recursion depth exceeded in comparison");
}

static void test_lists(void **state)
{
    expect("a = [3, 1, 2]\na.append(5)\na.insert(0, 9)\nprint(a, a.pop(), a.index(1), a[1:3], a[::-1])\n"
           "print(sorted([(1, 'b'), (0, 'z'), (1, 'a')]))\n",
           "[9, 3, 1, 2] 5 2 [3, 1] [2, 1, 3, 9]\n[(0, 'z'), (1, 'a'), (1, 'b')]\n", NULL);
    expect("words = ['bb', 'a', 'ccc', 'dd']\nprint(sorted(words, key=len, reverse=True))\n"
           "b = a = [1]\na += [2]\nprint(b, [0] * 3, (1,), 2 in a)\n",
           "['ccc', 'bb', 'dd', 'a']\n[1, 2] [0, 0, 0] (1,) True\n", NULL);
}

static void test_recursion_limit(void **state)
{
    RunResult r = run_src("def f(n):\n    return f(n + 1)\nf(0)\n", 0);
    assert_non_null(r.exc);
    assert_string_equal(r.exc, "RecursionError: maximum recursion depth exceeded");
    run_free(&r);
}

static void test_memory_cap(void **state)
{
    RunResult r = run_src("a = []\nwhile True:\n    a.append([0] * 10000)\n", 16);
    assert_non_null(r.exc);
    assert_true(strncmp(r.exc, "MemoryError: ", 13) == 0);
    run_free(&r);
}

static void *thread_main(void *arg)
{
    RunResult *r = arg;
    *r = run_src("t = 0\nfor i in range(200000):\n    t += i\nprint(t)\n", 0);
    return NULL;
}

/* Two interpreters running at once on two threads must not share state. */
static void test_two_threads(void **state)
{
    RunResult a, b;
    pthread_t ta, tb;
    pthread_create(&ta, NULL, thread_main, &a);
    pthread_create(&tb, NULL, thread_main, &b);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    assert_string_equal(a.out, "19999900000\n");
    assert_string_equal(b.out, "19999900000\n");
    run_free(&a);
    run_free(&b);
}

/* A fork()ed child runs a script of its own from the parent's state. */
static void test_fork(void **state)
{
    pid_t pid = fork();
    if (pid == 0) {
        RunResult r = run_src("xs = [i * i for i in range(10)]\nprint(sum(xs))\n", 0);
        int bad = r.exc || strcmp(r.out, "285\n") != 0;
        run_free(&r);
        _exit(bad ? 3 : 0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arith),
        cmocka_unit_test(test_int_overflow),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_exceptions),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_closures_and_comprehensions),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_percent_format),
        cmocka_unit_test(test_class_in_function),
        cmocka_unit_test(test_self_containing),
        cmocka_unit_test(test_recursion_limit),
        cmocka_unit_test(test_memory_cap),
        cmocka_unit_test(test_two_threads),
        cmocka_unit_test(test_fork),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
