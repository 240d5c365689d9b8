/* Unit tests of lang_check (src/lang/checker.c): scripts that parse but break
 * a rule of the subset, each with its exact diagnostic, and valid scripts
 * that must pass. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"

typedef struct {
    const char *src;
    const char *want;      /* "L:C: MSG", or NULL when the script is fine */
} CheckCase;

static const CheckCase check_cases[] = {
    /* control flow */
    {"break\n", "1:1: 'break' outside loop"},
    {"continue\n", "1:1: 'continue' not properly in loop"},
    {"return 1\n", "1:1: 'return' outside function"},
    {"class C:\n  return 1\n", "2:3: 'return' outside function"},
    {"while 1:\n  def f():\n    break\n", "3:5: 'break' outside loop"},
    {"for x in y:\n  pass\nelse:\n  continue\n", "4:3: 'continue' not properly in loop"},
    {"while 1:\n  if x:\n    break\n  try:\n    continue\n  finally:\n    break\n", NULL},
    {"def f():\n  for x in y:\n    return [x for x in y]\n  return\n", NULL},
    /* global */
    {"def f():\n  x = 1\n  global x\n", "3:3: name 'x' is assigned to before global declaration"},
    {"def f():\n  print(x)\n  global x\n", "3:3: name 'x' is used prior to global declaration"},
    {"def f(a):\n  global a\n", "2:3: name 'a' is parameter and global"},
    {"x = 1; global x\n", "1:8: name 'x' is assigned to before global declaration"},
    {"def f():\n  global x\n  x += 1\n  global x\n", NULL},
    {"def f():\n  x += 1\n  global x\n", "3:3: name 'x' is assigned to before global declaration"},
    {"def f():\n  y = [x for x in range(3) if x]\n  global x\n", NULL},
    {"def f():\n  y = [z for z in x]\n  global x\n", "3:3: name 'x' is used prior to global declaration"},
    {"x = 0\ndef f():\n  global x\n  x = x + 1\ndef g():\n  x = 2\n", NULL},
    /* imports */
    {"import subprocess\n", "1:8: module 'subprocess' is not available in lesson scripts"},
    {"import time, sys\n", "1:14: module 'sys' is not available in lesson scripts"},
    {"import os.path\n", "1:8: module 'os.path' is not available in lesson scripts"},
    {"from socket import socket\n", "1:1: module 'socket' is not available in lesson scripts"},
    {"from os import system\n", "1:16: 'os.system' is not available in lesson scripts"},
    {"from os import getpid, environ\n", "1:24: 'os.environ' is not available in lesson scripts"},
    {"import os\nos.system('ls')\n", "2:1: 'os.system' is not available in lesson scripts"},
    {"import os as o\nprint(o.environ)\n", "2:7: 'os.environ' is not available in lesson scripts"},
    {"import time\ntime.os.system('x')\n", "2:1: 'time.os' is not available in lesson scripts"},
    {"import concurrent.futures\nconcurrent.futures.process\n",
     "2:1: 'concurrent.futures.process' is not available in lesson scripts"},
    {"import concurrent.futures\nconcurrent.futures.wait([])\n", NULL},
    {"import concurrent.futures\nconcurrent.thread\n", "2:1: 'concurrent.thread' is not available in lesson scripts"},
    {"from threading import Thread, Barrier\n", "1:31: 'threading.Barrier' is not available in lesson scripts"},
    {"import time, threading, _thread, multiprocessing, concurrent.futures, queue, os, parlab\n"
     "from time import sleep, time, perf_counter, monotonic\n"
     "from threading import Thread, Lock, RLock, Condition, Semaphore, Event, current_thread, "
     "get_ident, active_count\n"
     "from _thread import start_new_thread, allocate_lock\n"
     "from multiprocessing import Process, Lock, Value, Array, Queue, Pool, cpu_count, current_process\n"
     "from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, Future, as_completed\n"
     "from queue import Queue, LifoQueue, PriorityQueue, Empty, Full\n"
     "from os import getpid, getppid\n"
     "from parlab import work, pause\n"
     "import multiprocessing as mp\n"
     "with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:\n"
     "  f = ex.submit(os.getpid)\n"
     "l = mp.Lock(); t = threading.Thread(target=f); time.sleep(0.1); q = queue.Queue()\n", NULL},
    /* reaching files, commands, the interpreter */
    {"f = open('x')\n", "1:5: 'open' is not available: lesson scripts cannot reach files, commands or the interpreter"},
    {"eval('1')\n", "1:1: 'eval' is not available: lesson scripts cannot reach files, commands or the interpreter"},
    {"exec('1')\n", "1:1: 'exec' is not available: lesson scripts cannot reach files, commands or the interpreter"},
    {"x = input()\n", "1:5: 'input' is not available: lesson scripts cannot reach files, commands or the interpreter"},
    {"getattr(x, 'y')\n", "1:1: 'getattr' is not available: lesson scripts cannot reach files, commands or the interpreter"},
    {"g = globals\n", "1:5: 'globals' is not available: lesson scripts cannot reach files, commands or the interpreter"},
    {"def f():\n  print(f'{compile}')\n", "2:12: 'compile' is not available: lesson scripts cannot reach files, commands or the interpreter"},
    {"__import__('os')\n", "1:1: '__import__' is not available: lesson scripts cannot reach files, commands or the interpreter"},
    {"x = __builtins__\n", "1:5: '__builtins__' is not available in lesson scripts"},
    {"x = a.__class__\n", "1:5: attribute '__class__' is not available in lesson scripts"},
    {"print(f'{f.__globals__}')\n", "1:10: attribute '__globals__' is not available in lesson scripts"},
    {"print('{0.__class__}'.format(1))\n",
     "1:7: attribute names with '__' are not available in format fields of lesson scripts"},
    {"def input():\n  return 1\nprint(input())\n", NULL},
    {"class W(Thread):\n  def __init__(self):\n    super().__init__()\n    Thread.__init__(self)\n"
     "if __name__ == '__main__':\n  print(__name__)\n", NULL},
    {"print('{0} {x:>3} {{__x}}'.format(1, x=2))\n", NULL},
    /* classes */
    {"class C(int):\n  pass\n",
     "1:9: class 'C' cannot derive from this base: lesson classes derive from Thread, Process, Exception or nothing"},
    {"class C(Thread, Exception):\n  pass\n", "1:17: class 'C' may have only one base class in lesson scripts"},
    {"import threading\nm = threading.main_thread()\n", NULL},
    {"class C(os.Thread):\n  pass\n",
     "1:9: class 'C' cannot derive from this base: lesson classes derive from Thread, Process, Exception or nothing"},
    {"class A(Thread): pass\nclass B(threading.Thread): pass\nclass C(Process): pass\n"
     "class D(multiprocessing.Process): pass\nclass E(Exception): pass\nclass F(E): pass\n"
     "class G: pass\nclass H(): pass\nclass I(G): pass\nclass J(object): pass\n", NULL},
    {"class F(E): pass\nclass E(Exception): pass\n",
     "1:9: class 'F' cannot derive from this base: lesson classes derive from Thread, Process, Exception or nothing"},
};

static void test_check_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof check_cases / sizeof check_cases[0]; i++) {
        const CheckCase *c = &check_cases[i];
        Diag d;
        Module *m = lang_parse("c.py", c->src, strlen(c->src), &d);
        if (!m)
            print_error("case %zu does not parse: %d:%d: %s\n", i, d.line, d.col, d.msg);
        assert_non_null(m);
        char got[400] = "";
        if (lang_check(m, &d) < 0)
            snprintf(got, sizeof got, "%d:%d: %s", d.line, d.col, d.msg);
        lang_free(m);
        const char *want = c->want ? c->want : "";
        if (strcmp(got, want) != 0)
            print_error("case %zu: %s\n  want: %s\n  got:  %s\n", i, c->src, want, got);
        assert_string_equal(got, want);
    }
}

/* The message names the file given to lang_parse, and prints as compilers do. */
static void test_diag_print(void **state)
{
    (void)state;
    const char *src = "import sys\n";
    Diag d;
    Module *m = lang_parse("lessons/x.py", src, strlen(src), &d);
    assert_non_null(m);
    assert_int_equal(lang_check(m, &d), -1);
    assert_string_equal(d.file, "lessons/x.py");
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    FILE *saved = stderr;
    stderr = mem;
    lang_diag_print(&d);
    stderr = saved;
    fclose(mem);
    assert_string_equal(buf, "lessons/x.py:1:8: error: module 'sys' is not available in lesson scripts\n");
    free(buf);
    lang_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_cases),
        cmocka_unit_test(test_diag_print),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
