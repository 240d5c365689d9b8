/* Unit tests of the parser (src/lang/parser*.c): precedence as in Python,
 * every node kind, line and column on nodes, and every syntax error with its
 * place.  Trees are compared as S-expressions (src/lang/dump.c).  Where
 * CPython 3.11 reports the same error, message and place are CPython's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/dump.h"
#include "lang/lang.h"

/* The module dump of src, or "error L:C: MSG". */
static char *parse_render(const char *src)
{
    Diag d;
    Module *m = lang_parse("t.py", src, strlen(src), &d);
    char *out;
    if (!m) {
        size_t n = strlen(d.msg) + 64;
        out = malloc(n);
        snprintf(out, n, "error %d:%d: %s", d.line, d.col, d.msg);
        return out;
    }
    out = ast_module_str(m);
    size_t len = strlen(out);
    if (len && out[len - 1] == '\n')
        out[len - 1] = '\0';
    lang_free(m);
    return out;
}

typedef struct {
    const char *src;
    const char *want;
} Case;

static void run_cases(const Case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *got = parse_render(cases[i].src);
        if (strcmp(got, cases[i].want) != 0)
            print_error("case %zu: %s\n  want: %s\n  got:  %s\n", i, cases[i].src, cases[i].want,
                        got);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
}

static const Case precedence[] = {
    {"-2**2", "(expr (- (** (int 2) (int 2))))"},
    {"2**-1", "(expr (** (int 2) (- (int 1))))"},
    {"2**3**2", "(expr (** (int 2) (** (int 3) (int 2))))"},
    {"-x**-y", "(expr (- (** (name x) (- (name y)))))"},
    {"--x + +y", "(expr (+ (- (- (name x))) (+ (name y))))"},
    {"not a == b", "(expr (not (cmp (name a) == (name b))))"},
    {"not not a", "(expr (not (not (name a))))"},
    {"a or b and not c", "(expr (or (name a) (and (name b) (not (name c)))))"},
    {"a and b or c and d", "(expr (or (and (name a) (name b)) (and (name c) (name d))))"},
    {"a or b or c", "(expr (or (or (name a) (name b)) (name c)))"},
    {"a < b <= c == d", "(expr (cmp (name a) < (name b) <= (name c) == (name d)))"},
    {"a not in b is not c in d is e != f >= g > h",
     "(expr (cmp (name a) not-in (name b) is-not (name c) in (name d) is (name e) != (name f) "
     ">= (name g) > (name h)))"},
    {"a + b < c * d", "(expr (cmp (+ (name a) (name b)) < (* (name c) (name d))))"},
    {"1 + 2 * 3 - 4 / 5 // 6 % 7",
     "(expr (- (+ (int 1) (* (int 2) (int 3))) (% (// (/ (int 4) (int 5)) (int 6)) (int 7))))"},
    {"a - b - c", "(expr (- (- (name a) (name b)) (name c)))"},
    {"a if b else c if d else e",
     "(expr (ifexp (name b) (name a) (ifexp (name d) (name c) (name e))))"},
    {"x if a or b else y", "(expr (ifexp (or (name a) (name b)) (name x) (name y)))"},
    {"-x.y[0](1)", "(expr (- (call (sub (attr (name x) y) (int 0)) (int 1))))"},
    {"a.b.c(d)(e)[f]", "(expr (sub (call (call (attr (attr (name a) b) c) (name d)) (name e)) (name f)))"},
    {"(a + b) * c", "(expr (* (+ (name a) (name b)) (name c)))"},
    {"-9223372036854775808", "(expr (int -9223372036854775808))"},
    {"9223372036854775807", "(expr (int 9223372036854775807))"},
    {"- 1", "(expr (- (int 1)))"},
};

static const Case atoms[] = {
    {"(1)", "(expr (int 1))"},
    {"()", "(expr (tuple))"},
    {"(1,)", "(expr (tuple (int 1)))"},
    {"1, 2,", "(expr (tuple (int 1) (int 2)))"},
    {"[]", "(expr (list))"},
    {"[1, [2], (3, 4),]", "(expr (list (int 1) (list (int 2)) (tuple (int 3) (int 4))))"},
    {"True, False, None", "(expr (tuple True False None))"},
    {"1.5e3, .5, 1.", "(expr (tuple (float 1500) (float 0.5) (float 1)))"},
    {"'a' \"b\" '''c'''", "(expr (str \"abc\"))"},
    {"'\\x41\\101\\u00e9'", "(expr (str \"AA\xc3\xa9\"))"},
    {"f'a{{b}}'", "(expr (str \"a{b}\"))"},
    {"f''", "(expr (str \"\"))"},
    {"rf'\\n{x}'", "(expr (fstr \"\\\\n\" {(name x)}))"},
    {"f'{x}' 'y' f'z'", "(expr (fstr {(name x)} \"yz\"))"},
    {"f'{x!r:>{w}.{p}f} {y!s} {z:05d} {a, b}'",
     "(expr (fstr {(name x) !r :(fstr \">\" {(name w)} \".\" {(name p)} \"f\")} \" \" {(name y) !s} "
     "\" \" {(name z) :(fstr \"05d\")} \" \" {(tuple (name a) (name b))}))"},
    {"f'{a[\"k\"]!a}{f\"{b}\"}'", "(expr (fstr {(sub (name a) (str \"k\")) !a} {(fstr {(name b)})}))"},
    {"f'{x == y}{x != y}{d[1:2]}'",
     "(expr (fstr {(cmp (name x) == (name y))} {(cmp (name x) != (name y))} "
     "{(sub (name d) (slice (int 1) (int 2) _))}))"},
    {"f'\\t{x}\\n'", "(expr (fstr \"\\x09\" {(name x)} \"\\n\"))"},
    {"f(a, b=1, c=d)", "(expr (call (name f) (name a) b=(int 1) c=(name d)))"},
    {"f(a,)", "(expr (call (name f) (name a)))"},
    {"f()", "(expr (call (name f)))"},
    {"a[1:2], a[:], a[::2], a[1:], a[:-1], a[i, j]",
     "(expr (tuple (sub (name a) (slice (int 1) (int 2) _)) (sub (name a) (slice _ _ _)) "
     "(sub (name a) (slice _ _ (int 2))) (sub (name a) (slice (int 1) _ _)) "
     "(sub (name a) (slice _ (- (int 1)) _)) (sub (name a) (tuple (name i) (name j)))))"},
    {"[x for x in y]", "(expr (listcomp (name x) (for (name x) (name y))))"},
    {"[x * y for x, y in z if x if y for w in x]",
     "(expr (listcomp (* (name x) (name y)) (for (tuple (name x) (name y)) (name z) (if (name x)) "
     "(if (name y))) (for (name w) (name x))))"},
    {"[a for a in b if c or d]", "(expr (listcomp (name a) (for (name a) (name b) (if (or (name c) (name d))))))"},
    {"super().__init__(self)", "(expr (call (attr (call (name super)) __init__) (name self)))"},
};

static const Case statements[] = {
    {"a = b = 1", "(assign (name a) (name b) (int 1))"},
    {"a, b = b, a", "(assign (tuple (name a) (name b)) (tuple (name b) (name a)))"},
    {"(a, b), c = x", "(assign (tuple (tuple (name a) (name b)) (name c)) (name x))"},
    {"[a, b] = x", "(assign (list (name a) (name b)) (name x))"},
    {"x.y = z[0] = 1", "(assign (attr (name x) y) (sub (name z) (int 0)) (int 1))"},
    {"x += 1; y -= 2; z *= 3", "(aug + (name x) (int 1))\n(aug - (name y) (int 2))\n(aug * (name z) (int 3))"},
    {"a /= 1\nb //= 2\nc %= 3\nd **= 4", "(aug / (name a) (int 1))\n(aug // (name b) (int 2))\n"
                                         "(aug % (name c) (int 3))\n(aug ** (name d) (int 4))"},
    {"if a:\n  pass\nelif b:\n  pass\nelse:\n  x = 1\n",
     "(if (name a) (body (pass)) (else (if (name b) (body (pass)) (else (assign (name x) (int 1))))))"},
    {"if a: b; c\n", "(if (name a) (body (expr (name b)) (expr (name c))))"},
    {"while x:\n  break\nelse:\n  continue\n", "(while (name x) (body (break)) (else (continue)))"},
    {"for i, x in enumerate(xs):\n  pass\nelse:\n  pass\n",
     "(for (tuple (name i) (name x)) (call (name enumerate) (name xs)) (body (pass)) (else (pass)))"},
    {"for x in 1, 2:\n  pass\n", "(for (name x) (tuple (int 1) (int 2)) (body (pass)))"},
    {"for (a, b) in c: pass\n", "(for (tuple (name a) (name b)) (name c) (body (pass)))"},
    {"def f(a, b=1, c=2,):\n  global g, h\n  return a, b\n",
     "(def f (a b=(int 1) c=(int 2)) (body (global g h) (return (tuple (name a) (name b)))))"},
    {"def f():\n  return\n", "(def f () (body (return _)))"},
    {"class C(Thread):\n  def run(self):\n    pass\n",
     "(class C ((name Thread)) (body (def run (self) (body (pass)))))"},
    {"class C:\n  x = 1\nclass D():\n  pass\n", "(class C () (body (assign (name x) (int 1))))\n(class D () (body (pass)))"},
    {"with a as b, c as d:\n  pass\n", "(with (name a) (name b) (body (with (name c) (name d) (body (pass)))))"},
    {"with (a as b, c):\n  pass\n", "(with (name a) (name b) (body (with (name c) _ (body (pass)))))"},
    {"with (a):\n  pass\n", "(with (name a) _ (body (pass)))"},
    {"try:\n  pass\nexcept ValueError as e:\n  raise\nexcept (A, B):\n  pass\nexcept:\n  pass\n"
     "else:\n  pass\nfinally:\n  pass\n",
     "(try (body (pass)) (except (name ValueError) e (body (raise _))) (except (tuple (name A) (name B)) _ "
     "(body (pass))) (except _ _ (body (pass))) (else (pass)) (finally (pass)))"},
    {"try:\n  pass\nfinally:\n  pass\n", "(try (body (pass)) (finally (pass)))"},
    {"raise ValueError('x')", "(raise (call (name ValueError) (str \"x\")))"},
    {"assert x, 'm'\nassert y", "(assert (name x) (str \"m\"))\n(assert (name y) _)"},
    {"del a[0], b.c, d", "(del (sub (name a) (int 0)) (attr (name b) c) (name d))"},
    {"import time, concurrent.futures, multiprocessing as mp",
     "(import time:time concurrent.futures:concurrent multiprocessing:mp)"},
    {"from threading import Thread, Lock as L", "(from threading.Thread:Thread threading.Lock:L)"},
    {"from queue import (Queue,\n  Empty,)", "(from queue.Queue:Queue queue.Empty:Empty)"},
    {"if __name__ == \"__main__\":\n  main()\n",
     "(if (cmp (name __name__) == (str \"__main__\")) (body (expr (call (name main)))))"},
    {"match = 1\nmatch(x)\n", "(assign (name match) (int 1))\n(expr (call (name match) (name x)))"},
    {"x = [\n  1,\n  2,\n]\n", "(assign (name x) (list (int 1) (int 2)))"},
    {"", ""},
    {"\n\n# nothing\n", ""},
    {"pass", "(pass)"},
    {"x = '''a\r\nb'''\r\nif x:\r\n  y = 1\r\n", "(assign (name x) (str \"a\\nb\"))\n(if (name x) (body (assign (name y) (int 1))))"},
    {"x = 1\ry = '''\r'''\r", "(assign (name x) (int 1))\n(assign (name y) (str \"\\n\"))"},
};

static void test_precedence(void **state)
{
    (void)state;
    run_cases(precedence, sizeof precedence / sizeof precedence[0]);
}

static void test_atoms(void **state)
{
    (void)state;
    run_cases(atoms, sizeof atoms / sizeof atoms[0]);
}

static void test_statements(void **state)
{
    (void)state;
    run_cases(statements, sizeof statements / sizeof statements[0]);
}

static void test_docstring(void **state)
{
    (void)state;
    const char *src = "\"\"\"\nsection: 2.3\ntitle: T\n\"\"\"\nx = 1\n";
    Diag d;
    Module *m = lang_parse("t.py", src, strlen(src), &d);
    assert_non_null(m);
    assert_string_equal(m->docstring, "\nsection: 2.3\ntitle: T\n");
    assert_int_equal(m->body.n, 2);
    assert_string_equal(m->file, "t.py");
    assert_ptr_equal(m->src, src);
    lang_free(m);
    src = "x = 1\n'not a docstring'\n";
    m = lang_parse("t.py", src, strlen(src), &d);
    assert_non_null(m);
    assert_null(m->docstring);
    lang_free(m);
    src = "\xef\xbb\xbf'bom'\n";
    m = lang_parse("t.py", src, strlen(src), &d);
    assert_non_null(m);
    assert_string_equal(m->docstring, "bom");
    lang_free(m);
}

/* Lines and columns of nodes, including inside f-strings and after UTF-8. */
static void test_positions(void **state)
{
    (void)state;
    const char *src = "s = '\xc3\xa9\xc3\xa9'; t = a + f(b)\n"
                      "if x:\n"
                      "    y = f'ab{c.d}'\n"
                      "def g(p, q=1):\n"
                      "    return p\n";
    Diag d;
    Module *m = lang_parse("t.py", src, strlen(src), &d);
    assert_non_null(m);
    assert_int_equal(m->body.n, 4);
    Stmt *s1 = m->body.items[1];
    assert_int_equal(s1->kind, S_ASSIGN);
    assert_int_equal(s1->line, 1);
    assert_int_equal(s1->col, 11);
    Expr *sum = s1->u.assign.value;
    assert_int_equal(sum->col, 15);
    assert_int_equal(sum->u.bin.r->kind, E_CALL);
    assert_int_equal(sum->u.bin.r->col, 19);
    assert_int_equal(sum->u.bin.r->u.call.args.items[0]->col, 21);
    assert_int_equal(sum->u.bin.r->u.call.args.items[0]->u.name.scope, SCOPE_UNRESOLVED);
    assert_int_equal(sum->u.bin.r->u.call.args.items[0]->u.name.slot, -1);
    Stmt *iff = m->body.items[2];
    assert_int_equal(iff->line, 2);
    Stmt *y = iff->u.if_.body.items[0];
    assert_int_equal(y->line, 3);
    assert_int_equal(y->col, 5);
    Expr *fs = y->u.assign.value;
    assert_int_equal(fs->kind, E_FSTRING);
    assert_int_equal(fs->col, 9);
    Expr *cd = fs->u.fstr.parts[1].expr;
    assert_int_equal(cd->kind, E_ATTR);
    assert_int_equal(cd->line, 3);
    assert_int_equal(cd->col, 14);
    assert_int_equal(cd->u.attr.obj->col, 14);
    Stmt *def = m->body.items[3];
    assert_int_equal(def->u.def.target->line, 4);
    assert_int_equal(def->u.def.target->col, 5);
    assert_int_equal(def->u.def.params.n, 2);
    assert_int_equal(def->u.def.params.ndefaults, 1);
    assert_int_equal(def->u.def.body.items[0]->line, 5);
    assert_int_equal(def->u.def.body.items[0]->col, 5);
    lang_free(m);
}

/* Names are interned per module: equal names, one pointer. */
static void test_interning(void **state)
{
    (void)state;
    const char *src = "abc = 1\nprint(abc)\n";
    Diag d;
    Module *m = lang_parse("t.py", src, strlen(src), &d);
    assert_non_null(m);
    Expr *t = m->body.items[0]->u.assign.targets[0];
    Expr *u = m->body.items[1]->u.expr->u.call.args.items[0];
    assert_ptr_equal(t->u.name.id, u->u.name.id);
    assert_ptr_equal(ast_intern(m, "abc"), t->u.name.id);
    assert_ptr_equal(ast_intern(m, "print"), m->body.items[1]->u.expr->u.call.func->u.name.id);
    lang_free(m);
}

static const Case syntax_errors[] = {
    {"if x\n    pass\n", "error 1:5: expected ':'"},
    {"for x in y\n  pass\n", "error 1:11: expected ':'"},
    {"class A\n  pass\n", "error 1:8: expected ':'"},
    {"if x:\npass\n", "error 2:1: expected an indented block after 'if' statement on line 1"},
    {"def f():\nx=1\n", "error 2:1: expected an indented block after function definition on line 1"},
    {"class C:\n\nx=1\n", "error 3:1: expected an indented block after class definition on line 1"},
    {"if a:\n  pass\nelif b:\nx\n", "error 4:1: expected an indented block after 'elif' statement on line 3"},
    {"while a:\n  pass\nelse:\nx\n", "error 4:1: expected an indented block after 'else' statement on line 3"},
    {"for a in b:\nx\n", "error 2:1: expected an indented block after 'for' statement on line 1"},
    {"try:\nx\n", "error 2:1: expected an indented block after 'try' statement on line 1"},
    {"try:\n  x\nexcept:\ny\n", "error 4:1: expected an indented block after 'except' statement on line 3"},
    {"try:\n  x\nfinally:\ny\n", "error 4:1: expected an indented block after 'finally' statement on line 3"},
    {"with a:\ny\n", "error 2:1: expected an indented block after 'with' statement on line 1"},
    {"  x=1\n", "error 1:2: unexpected indent"},
    {"x=1\n    y=2\n", "error 2:4: unexpected indent"},
    {"x = (1,\n2\n", "error 1:5: '(' was never closed"},
    {"foo(1, 2\nx = 3\n", "error 1:4: '(' was never closed"},
    {"def f(:\n  pass\n", "error 1:7: invalid syntax"},
    {"x = 1 +\n", "error 1:8: invalid syntax"},
    {"a b\n", "error 1:3: invalid syntax"},
    {"while\n", "error 1:6: invalid syntax"},
    {"else:\n  pass\n", "error 1:1: invalid syntax"},
    {"x.1\n", "error 1:2: invalid syntax"},
    {"x = 5 +* 3\n", "error 1:8: invalid syntax"},
    {"x = (1 2)\n", "error 1:6: invalid syntax. Perhaps you forgot a comma?"},
    {"x = [1, 2 3]\n", "error 1:9: invalid syntax. Perhaps you forgot a comma?"},
    {"x = 1 if 2\n", "error 1:5: expected 'else' after 'if' expression"},
    {"f() = 3\n", "error 1:1: cannot assign to function call here. Maybe you meant '==' instead of '='?"},
    {"a + 1 = 2\n", "error 1:1: cannot assign to expression here. Maybe you meant '==' instead of '='?"},
    {"None = 1\n", "error 1:1: cannot assign to None"},
    {"for 1 in x: pass\n", "error 1:5: cannot assign to literal"},
    {"(a, 1) = x\n", "error 1:5: cannot assign to literal"},
    {"del 1\n", "error 1:5: cannot delete literal"},
    {"del f()\n", "error 1:5: cannot delete function call"},
    {"a, b += 1\n", "error 1:1: 'tuple' is an illegal expression for augmented assignment"},
    {"def f(a=1, b):\n  pass\n", "error 1:12: non-default argument follows default argument"},
    {"def f(a, a): pass\n", "error 1:10: duplicate argument 'a' in function definition"},
    {"f(x=1, 2)\n", "error 1:8: positional argument follows keyword argument"},
    {"f(x=1, x=2)\n", "error 1:8: keyword argument repeated: x"},
    {"f(a.b=1)\n", "error 1:3: expression cannot contain assignment, perhaps you meant \"==\"?"},
    {"try:\n  pass\nx=1\n", "error 3:1: expected 'except' or 'finally' block"},
    {"try:\n  pass\nexcept:\n  pass\nexcept ValueError:\n  pass\n", "error 3:1: default 'except:' must be last"},
    {"try:\n  pass\nexcept A, B:\n  pass\n", "error 3:8: multiple exception types must be parenthesized"},
    {"from os import a,\n", "error 1:18: trailing comma not allowed without surrounding parentheses"},
    {"print \"a\"\n", "error 1:1: Missing parentheses in call to 'print'. Did you mean print(...)?"},
    {"x = f'{}'\n", "error 1:7: f-string: empty expression not allowed"},
    {"x = f'{x'\n", "error 1:7: f-string: expecting '}'"},
    {"x = f'}'\n", "error 1:7: f-string: single '}' is not allowed"},
    {"x = f'{x!z}'\n", "error 1:10: f-string: invalid conversion character: expected 's', 'r', or 'a'"},
    {"x = f'{x:{y:{z}}}'\n", "error 1:13: f-string: expressions nested too deeply"},
    {"x = f'{a)}'\n", "error 1:9: f-string: unmatched ')'"},
    {"x = f'{#}'\n", "error 1:8: f-string expression part cannot include '#'"},
    {"x = f'{\"\\n\"}'\n", "error 1:9: f-string expression part cannot include a backslash"},
    {"x = f'{1 +}'\n", "error 1:11: invalid syntax"},
    {"x = f'{9223372036854775808}'\n", "error 1:8: integer literal too large: lesson scripts use "
                                        "64-bit integers (at most 9223372036854775807)"},
    {"x = 9223372036854775808\n", "error 1:5: integer literal too large: lesson scripts use "
                                  "64-bit integers (at most 9223372036854775807)"},
    {"x = -9223372036854775808 ** 2\n", "error 1:6: integer literal too large: lesson scripts use "
                                        "64-bit integers (at most 9223372036854775807)"},
    {"x = '\xff'\n", "error 1:6: invalid UTF-8 (byte 0xff); save the script as UTF-8 text"},
    {"if x:\n  if y: if z: pass\n", "error 2:9: invalid syntax"},
    {"while x: for y in z: pass\n", "error 1:10: invalid syntax"},
    {"class C: def f(self): pass\n", "error 1:10: invalid syntax"},
};

static const Case unsupported[] = {
    {"x = lambda: 1\n", "error 1:5: 'lambda' is not supported in lesson scripts"},
    {"def f():\n  yield 1\n", "error 2:3: 'yield' is not supported in lesson scripts"},
    {"x = yield\n", "error 1:5: 'yield' is not supported in lesson scripts"},
    {"async def f(): pass\n", "error 1:1: 'async' is not supported in lesson scripts"},
    {"x = await y\n", "error 1:5: 'await' is not supported in lesson scripts"},
    {"def f():\n  nonlocal x\n", "error 2:3: 'nonlocal' is not supported in lesson scripts"},
    {"@dec\ndef f(): pass\n", "error 1:1: decorators ('@') are not supported in lesson scripts"},
    {"x = {}\n", "error 1:5: dict literals are not supported in lesson scripts"},
    {"x = {1: 2}\n", "error 1:5: dict literals are not supported in lesson scripts"},
    {"x = {1, 2}\n", "error 1:5: set literals are not supported in lesson scripts"},
    {"x = {a: b for a in c}\n", "error 1:5: dict comprehensions are not supported in lesson scripts"},
    {"x = {a for a in c}\n", "error 1:5: set comprehensions are not supported in lesson scripts"},
    {"x = (a for a in c)\n", "error 1:5: generator expressions are not supported in lesson scripts"},
    {"sum(a for a in c)\n", "error 1:5: generator expressions are not supported in lesson scripts"},
    {"f(*a)\n", "error 1:3: '*' argument unpacking is not supported in lesson scripts"},
    {"f(**k)\n", "error 1:3: '**' argument unpacking is not supported in lesson scripts"},
    {"def f(*a): pass\n", "error 1:7: '*args' parameters are not supported in lesson scripts"},
    {"def f(**k): pass\n", "error 1:7: '**kwargs' parameters are not supported in lesson scripts"},
    {"def f(a, *, b): pass\n", "error 1:10: keyword-only parameters ('*') are not supported in lesson scripts"},
    {"def f(a, /): pass\n", "error 1:10: positional-only parameters ('/') are not supported in lesson scripts"},
    {"a, *b = c\n", "error 1:4: '*' unpacking is not supported in lesson scripts"},
    {"x = [*a]\n", "error 1:6: '*' unpacking is not supported in lesson scripts"},
    {"if (n := 10) > 5: pass\n", "error 1:7: ':=' (assignment expression) is not supported in lesson scripts"},
    {"match x:\n  case 1:\n    pass\n", "error 1:1: 'match' is not supported in lesson scripts"},
    {"class C(Thread, metaclass=M): pass\n",
     "error 1:17: class keyword arguments ('metaclass=') are not supported in lesson scripts"},
    {"x: int = 5\n", "error 1:2: type annotations are not supported in lesson scripts"},
    {"def f(a: int): pass\n", "error 1:8: type annotations are not supported in lesson scripts"},
    {"def f() -> int: pass\n", "error 1:9: type annotations are not supported in lesson scripts"},
    {"x = a | b\n", "error 1:7: bitwise operator '|' is not supported in lesson scripts"},
    {"x = a ^ b\n", "error 1:7: bitwise operator '^' is not supported in lesson scripts"},
    {"x = a & b\n", "error 1:7: bitwise operator '&' is not supported in lesson scripts"},
    {"x = ~a\n", "error 1:5: bitwise operator '~' is not supported in lesson scripts"},
    {"x = a >> 2\n", "error 1:7: bitwise operator '>>' is not supported in lesson scripts"},
    {"x = a @ b\n", "error 1:7: '@' (matrix multiplication) is not supported in lesson scripts"},
    {"x |= 1\n", "error 1:3: operator '|=' is not supported in lesson scripts"},
    {"x = ...\n", "error 1:5: '...' (Ellipsis) is not supported in lesson scripts"},
    {"from . import x\n", "error 1:6: relative import is not supported in lesson scripts"},
    {"from os import *\n", "error 1:16: 'from ... import *' is not supported in lesson scripts"},
    {"raise X from Y\n", "error 1:9: 'raise ... from' is not supported in lesson scripts"},
    {"try:\n  pass\nexcept* E:\n  pass\n", "error 3:7: 'except*' is not supported in lesson scripts"},
    {"x = f'{x=}'\n", "error 1:9: '=' in f-string fields (f'{x=}') is not supported in lesson scripts"},
    {"x = a[1:2, 3]\n", "error 1:6: multi-dimensional slices are not supported in lesson scripts"},
    {"x = 1j\n", "error 1:5: complex numbers are not supported in lesson scripts"},
    {"x = b''\n", "error 1:5: bytes literals are not supported in lesson scripts"},
};

static void test_syntax_errors(void **state)
{
    (void)state;
    run_cases(syntax_errors, sizeof syntax_errors / sizeof syntax_errors[0]);
}

static void test_unsupported(void **state)
{
    (void)state;
    run_cases(unsupported, sizeof unsupported / sizeof unsupported[0]);
}

static char *repeat(const char *head, const char *unit, int n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * (size_t)n + tl + 1), *o = s;
    memcpy(o, head, hl);
    o += hl;
    for (int i = 0; i < n; i++, o += ul)
        memcpy(o, unit, ul);
    memcpy(o, tail, tl + 1);
    return s;
}

/* Hostile depth: an error, never a stack overflow. */
static void test_depth_limits(void **state)
{
    (void)state;
    static const struct {
        const char *head, *unit;
        int n;
        const char *tail, *want;
    } deep[] = {
        {"x = ", "(", 10000, "1", "error 1:205: too many nested parentheses"},
        {"x = ", "-", 100000, "1", "too deeply nested"},
        {"x = ", "not ", 100000, "1", "too deeply nested"},
        {"x = 1", " + 1", 100000, "", "too deeply nested"},
        {"x = 2", "**2", 100000, "", "too deeply nested"},
        {"x = a", ".b", 100000, "", "too deeply nested"},
        {"x = a", "(1)", 100000, "", "too deeply nested"},
        {"x = ", "1 if y else ", 100000, "2", "too deeply nested"},
        {"if x:\n  pass\n", "elif x:\n  pass\n", 10000, "", "too deeply nested"},
        {"with ", "a, ", 10000, "b:\n  pass\n", "too deeply nested"},
        {"x = 1", " < 1", 100000, "", NULL},
        {"x = [", "1, ", 100000, "]", NULL},
    };
    for (size_t i = 0; i < sizeof deep / sizeof deep[0]; i++) {
        char *src = repeat(deep[i].head, deep[i].unit, deep[i].n, deep[i].tail);
        char *got = parse_render(src);
        if (deep[i].want)
            assert_non_null(strstr(got, deep[i].want));
        else
            assert_null(strstr(got, "error"));
        free(got);
        free(src);
    }
}

/* Garbage in: an error or a module, never a crash. */
static void test_garbage(void **state)
{
    (void)state;
    unsigned seed = 12345;
    char buf[512];
    static const char alphabet[] = "()[]{}:;,.'\"\\\n\t #fxr0123456789abif else for in def=+-*/%<>!";
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)(round % 200) + 1;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = round % 3 ? alphabet[(seed >> 16) % (sizeof alphabet - 1)] : (char)(seed >> 16);
        }
        Diag d;
        Module *m = lang_parse("g.py", buf, n, &d);
        if (m) {
            lang_check(m, &d);
            lang_free(m);
        } else {
            assert_true(d.line >= 1 && d.col >= 1 && d.msg[0]);
        }
    }
    Diag d;
    assert_null(lang_parse("n.py", "x = 1\n  \0\n", 9, &d));
    assert_string_equal(d.msg, "NUL byte in the script; is this a text file?");
    assert_int_equal(d.line, 2);
    assert_int_equal(d.col, 3);
    assert_string_equal(d.file, "n.py");
    Module *m = lang_parse("e.py", "", 0, &d);
    assert_non_null(m);
    assert_int_equal(m->body.n, 0);
    assert_int_equal(lang_check(m, &d), 0);
    lang_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_atoms),
        cmocka_unit_test(test_statements),
        cmocka_unit_test(test_docstring),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_interning),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_unsupported),
        cmocka_unit_test(test_depth_limits),
        cmocka_unit_test(test_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
