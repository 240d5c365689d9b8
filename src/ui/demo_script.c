/* The demo's script and its scripted run (see demo_source.h).  The run is
 * a table of events in lesson time; each names the line of the script it
 * happens on by a piece of that line's text, so the table stays right when
 * the script is edited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/demo_source.h"

static const char demo_text[] =
    "\"\"\"\n"
    "section: 0\n"
    "title: Demo: a bank with tellers and a back office\n"
    "title.vi: Minh hoạ: ngân hàng, giao dịch viên và phòng hậu cần\n"
    "\n"
    "This run is synthetic: parlab plays recorded events to show what each pane\n"
    "means. Two tellers, alice and bob, are threads of the main process; both\n"
    "need the ledger, a Lock. alice takes it first, so bob waits in the lock's\n"
    "queue of waiters until she lets go.\n"
    "\n"
    "A second process, the back office, gets jobs from a multiprocessing Queue\n"
    "(first in, first out) and adds them into a shared Array. The list `notes`\n"
    "is an ordinary list: after the fork each process has its own copy, so an\n"
    "append in one copy never shows in the other.\n"
    "\n"
    "[vi]\n"
    "Lượt chạy này là giả lập: parlab phát lại các sự kiện đã ghi để cho thấy\n"
    "ý nghĩa của từng khung. Hai giao dịch viên alice và bob là hai luồng của\n"
    "tiến trình chính; cả hai cần sổ cái, một Lock. alice lấy trước, nên bob\n"
    "phải xếp hàng chờ cho đến khi cô ấy trả lại.\n"
    "\n"
    "Tiến trình thứ hai, phòng hậu cần, lấy việc từ một Queue (vào trước ra\n"
    "trước) và cộng vào một Array dùng chung. Danh sách `notes` là list thường:\n"
    "sau khi fork mỗi tiến trình có bản riêng của nó.\n"
    "\"\"\"\n"
    "import time\n"
    "from threading import Thread, Lock\n"
    "from multiprocessing import Process, Queue, Array\n"
    "from queue import LifoQueue\n"
    "from parlab import pause\n"
    "\n"
    "ledger = Lock()\n"
    "jobs = Queue()\n"
    "receipts = LifoQueue()\n"
    "totals = Array(\"i\", 4)\n"
    "notes = [\"open\"]\n"
    "\n"
    "\n"
    "def teller(name, slot):\n"
    "    with ledger:\n"
    "        print(f\"{name} has the ledger\")\n"
    "        totals[slot] += 10\n"
    "        time.sleep(2)\n"
    "    receipts.put(name)\n"
    "\n"
    "\n"
    "def back_office(jobs, totals):\n"
    "    notes.append(\"office\")\n"
    "    while True:\n"
    "        job = jobs.get()\n"
    "        if job is None:\n"
    "            break\n"
    "        totals[3] += job\n"
    "        print(f\"office: job {job} done\")\n"
    "\n"
    "\n"
    "if __name__ == \"__main__\":\n"
    "    office = Process(target=back_office, args=(jobs, totals))\n"
    "    office.start()\n"
    "    alice = Thread(target=teller, args=(\"alice\", 0), name=\"alice\")\n"
    "    bob = Thread(target=teller, args=(\"bob\", 1), name=\"bob\")\n"
    "    alice.start()\n"
    "    bob.start()\n"
    "    for job in (1, 2, 3):\n"
    "        jobs.put(job)\n"
    "    pause(\"alice holds the ledger and bob waits for it. Who gets it next?\")\n"
    "    with ledger:\n"
    "        notes.append(\"main\")\n"
    "        print(\"main has the ledger\")\n"
    "    jobs.put(None)\n"
    "    alice.join()\n"
    "    bob.join()\n"
    "    office.join()\n"
    "    print(\"last receipt:\", receipts.get())\n"
    "    print(\"totals:\", totals[:])\n";

const char *demo_script_text(void)
{
    return demo_text;
}

enum { W_MAIN, W_ALICE, W_BOB, W_OFFICE };
enum { O_GIL_MAIN = 1, O_GIL_OFFICE = 2, O_LEDGER = 10, O_JOBS = 20, O_RECEIPTS = 21,
       O_TOTALS = 30, O_NOTES = 40 };
#define PID_MAIN 4100u
#define PID_OFFICE 4107u
#define PT(p, t) ((uint64_t)(p) << 32 | (t))
#define N TRACE_NONE

typedef struct DemoStep {
    unsigned ms;            /* lesson time */
    unsigned worker, kind, flags;
    uint32_t obj, aux;
    uint64_t a;
    const char *text;       /* payload text; for writes the old value is `old` */
    const char *line;       /* a piece of the source line, "" for none */
    int64_t old;
} DemoStep;

static const DemoStep demo_steps[] = {
    { 0, W_MAIN, TK_WORKER_STARTED, TF_PROCESS, N, 0, PT(PID_MAIN, PID_MAIN), "MainProcess", "import time", 0 },
    { 1, W_MAIN, TK_OBJ_CREATED, 0, O_GIL_MAIN, TO_GIL, 0, "GIL", "", 0 },
    { 2, W_MAIN, TK_GIL_ACQUIRE, 0, O_GIL_MAIN, 0, 0, NULL, "import time", 0 },
    { 40, W_MAIN, TK_OBJ_CREATED, 0, O_LEDGER, TO_LOCK, 0, "ledger", "ledger = Lock()", 0 },
    { 60, W_MAIN, TK_OBJ_CREATED, TF_SHARED, O_JOBS, TO_QUEUE, 0, "jobs", "jobs = Queue()", 0 },
    { 80, W_MAIN, TK_OBJ_CREATED, 0, O_RECEIPTS, TO_LIFO, 0, "receipts", "receipts = LifoQueue()", 0 },
    { 100, W_MAIN, TK_OBJ_CREATED, TF_SHARED, O_TOTALS, TO_ARRAY, 4, "totals", "totals = Array", 0 },
    { 120, W_MAIN, TK_OBJ_CREATED, 0, O_NOTES, TO_LIST, 0, "notes", "notes = [", 0 },
    { 121, W_MAIN, TK_LIST_APPEND, 0, O_NOTES, 0, 0, "'open'", "notes = [", 0 },
    { 200, W_MAIN, TK_WORKER_CREATED, TF_PROCESS, W_OFFICE, 0, 0, "office", "office = Process(", 0 },
    { 260, W_MAIN, TK_WORKER_CREATED, 0, W_ALICE, 0, 0, "alice", "alice = Thread(", 0 },
    { 300, W_MAIN, TK_WORKER_CREATED, 0, W_BOB, 0, 0, "bob", "bob = Thread(", 0 },
    { 330, W_OFFICE, TK_WORKER_STARTED, TF_PROCESS, W_MAIN, 0, PT(PID_OFFICE, PID_OFFICE), "office", "def back_office", 0 },
    { 331, W_OFFICE, TK_OBJ_CREATED, 0, O_GIL_OFFICE, TO_GIL, 0, "GIL", "", 0 },
    { 332, W_OFFICE, TK_GIL_ACQUIRE, 0, O_GIL_OFFICE, 0, 0, NULL, "def back_office", 0 },
    { 360, W_OFFICE, TK_LIST_APPEND, 0, O_NOTES, 0, 0, "'open'", "def back_office", 0 },
    { 380, W_OFFICE, TK_LIST_APPEND, 0, O_NOTES, 0, 0, "'office'", "notes.append(\"office\")", 0 },
    { 400, W_OFFICE, TK_GIL_RELEASE, 0, O_GIL_OFFICE, 0, 0, NULL, "job = jobs.get()", 0 },
    { 401, W_OFFICE, TK_QUEUE_EMPTY, 0, O_JOBS, 0, 0, NULL, "job = jobs.get()", 0 },
    { 420, W_ALICE, TK_WORKER_STARTED, 0, W_MAIN, 0, PT(PID_MAIN, PID_MAIN + 1), "alice", "def teller", 0 },
    { 421, W_ALICE, TK_GIL_WAIT, 0, O_GIL_MAIN, 0, 0, NULL, "def teller", 0 },
    { 440, W_MAIN, TK_GIL_RELEASE, 0, O_GIL_MAIN, 0, 0, NULL, "alice.start()", 0 },
    { 441, W_ALICE, TK_GIL_ACQUIRE, 0, O_GIL_MAIN, 0, 0, NULL, "def teller", 0 },
    { 442, W_MAIN, TK_GIL_WAIT, 0, O_GIL_MAIN, 0, 0, NULL, "bob.start()", 0 },
    { 480, W_ALICE, TK_LOCK_WAIT, 0, O_LEDGER, 0, 0, NULL, "    with ledger:", 0 },
    { 481, W_ALICE, TK_LOCK_ACQUIRE, 0, O_LEDGER, 0, 0, NULL, "    with ledger:", 0 },
    { 520, W_ALICE, TK_PRINT, 0, N, 0, 0, "alice has the ledger\n", "has the ledger\")", 0 },
    { 560, W_ALICE, TK_ARRAY_WRITE, TF_SHARED, O_TOTALS, 0, 10, NULL, "totals[slot] += 10", 0 },
    { 600, W_ALICE, TK_GIL_RELEASE, 0, O_GIL_MAIN, 0, 0, NULL, "time.sleep(2)", 0 },
    { 601, W_ALICE, TK_SLEEP_BEGIN, 0, N, 0, 2000000000ull, NULL, "time.sleep(2)", 0 },
    { 602, W_MAIN, TK_GIL_ACQUIRE, 0, O_GIL_MAIN, 0, 0, NULL, "bob.start()", 0 },
    { 640, W_BOB, TK_WORKER_STARTED, 0, W_MAIN, 0, PT(PID_MAIN, PID_MAIN + 2), "bob", "def teller", 0 },
    { 641, W_BOB, TK_GIL_WAIT, 0, O_GIL_MAIN, 0, 0, NULL, "def teller", 0 },
    { 680, W_MAIN, TK_QUEUE_PUT, 0, O_JOBS, 1, 0, "1", "jobs.put(job)", 0 },
    { 700, W_MAIN, TK_QUEUE_PUT, 0, O_JOBS, 2, 0, "2", "jobs.put(job)", 0 },
    { 701, W_OFFICE, TK_QUEUE_GET, 0, O_JOBS, 1, 0, "1", "job = jobs.get()", 0 },
    { 702, W_OFFICE, TK_GIL_WAIT, 0, O_GIL_OFFICE, 0, 0, NULL, "job = jobs.get()", 0 },
    { 703, W_OFFICE, TK_GIL_ACQUIRE, 0, O_GIL_OFFICE, 0, 0, NULL, "if job is None", 0 },
    { 720, W_MAIN, TK_QUEUE_PUT, 0, O_JOBS, 2, 0, "3", "jobs.put(job)", 0 },
    { 740, W_MAIN, TK_GIL_RELEASE, 0, O_GIL_MAIN, 0, 0, NULL, "pause(", 0 },
    { 741, W_BOB, TK_GIL_ACQUIRE, 0, O_GIL_MAIN, 0, 0, NULL, "def teller", 0 },
    { 742, W_MAIN, TK_GIL_WAIT, 0, O_GIL_MAIN, 0, 0, NULL, "pause(", 0 },
    { 760, W_OFFICE, TK_ARRAY_WRITE, TF_SHARED, O_TOTALS, 3, 1, NULL, "totals[3] += job", 0 },
    { 780, W_BOB, TK_LOCK_WAIT, 0, O_LEDGER, 0, 0, NULL, "    with ledger:", 0 },
    { 781, W_BOB, TK_GIL_RELEASE, 0, O_GIL_MAIN, 0, 0, NULL, "    with ledger:", 0 },
    { 782, W_MAIN, TK_GIL_ACQUIRE, 0, O_GIL_MAIN, 0, 0, NULL, "pause(", 0 },
    { 800, W_OFFICE, TK_PRINT, 0, N, 0, 0, "office: job 1 done\n", "office: job", 0 },
    { 820, W_OFFICE, TK_QUEUE_GET, 0, O_JOBS, 1, 0, "2", "job = jobs.get()", 0 },
    { 840, W_OFFICE, TK_ARRAY_WRITE, TF_SHARED, O_TOTALS, 3, 3, NULL, "totals[3] += job", 1 },
    { 860, W_MAIN, TK_PAUSE, 0, N, 0, 0, "alice holds the ledger and bob waits for it. Who gets it next?",
      "pause(", 0 },
    { 900, W_OFFICE, TK_PRINT, 0, N, 0, 0, "office: job 2 done\n", "office: job", 0 },
    { 940, W_MAIN, TK_LOCK_WAIT, 0, O_LEDGER, 0, 0, NULL, "    with ledger:\n        notes", 0 },
    { 941, W_MAIN, TK_GIL_RELEASE, 0, O_GIL_MAIN, 0, 0, NULL, "    with ledger:\n        notes", 0 },
    { 960, W_OFFICE, TK_QUEUE_GET, 0, O_JOBS, 0, 0, "3", "job = jobs.get()", 0 },
    { 980, W_OFFICE, TK_ARRAY_WRITE, TF_SHARED, O_TOTALS, 3, 6, NULL, "totals[3] += job", 3 },
    { 1000, W_OFFICE, TK_PRINT, 0, N, 0, 0, "office: job 3 done\n", "office: job", 0 },
    { 1020, W_OFFICE, TK_GIL_RELEASE, 0, O_GIL_OFFICE, 0, 0, NULL, "job = jobs.get()", 0 },
    { 1021, W_OFFICE, TK_QUEUE_EMPTY, 0, O_JOBS, 0, 0, NULL, "job = jobs.get()", 0 },
    { 2601, W_ALICE, TK_SLEEP_END, 0, N, 0, 0, NULL, "time.sleep(2)", 0 },
    { 2602, W_ALICE, TK_GIL_WAIT, 0, O_GIL_MAIN, 0, 0, NULL, "time.sleep(2)", 0 },
    { 2603, W_ALICE, TK_GIL_ACQUIRE, 0, O_GIL_MAIN, 0, 0, NULL, "time.sleep(2)", 0 },
    { 2640, W_ALICE, TK_LOCK_RELEASE, 0, O_LEDGER, 0, 0, NULL, "    receipts.put(name)", 0 },
    { 2641, W_BOB, TK_LOCK_ACQUIRE, 0, O_LEDGER, 0, 0, NULL, "    with ledger:", 0 },
    { 2642, W_BOB, TK_GIL_WAIT, 0, O_GIL_MAIN, 0, 0, NULL, "    with ledger:", 0 },
    { 2680, W_ALICE, TK_QUEUE_PUT, 0, O_RECEIPTS, 1, 0, "'alice'", "    receipts.put(name)", 0 },
    { 2700, W_ALICE, TK_GIL_RELEASE, 0, O_GIL_MAIN, 0, 0, NULL, "    receipts.put(name)", 0 },
    { 2701, W_ALICE, TK_WORKER_ENDED, 0, N, 0, 0, NULL, "", 0 },
    { 2702, W_BOB, TK_GIL_ACQUIRE, 0, O_GIL_MAIN, 0, 0, NULL, "    with ledger:", 0 },
    { 2740, W_BOB, TK_PRINT, 0, N, 0, 0, "bob has the ledger\n", "has the ledger\")", 0 },
    { 2780, W_BOB, TK_ARRAY_WRITE, TF_SHARED, O_TOTALS, 1, 10, NULL, "totals[slot] += 10", 0 },
    { 2800, W_BOB, TK_GIL_RELEASE, 0, O_GIL_MAIN, 0, 0, NULL, "time.sleep(2)", 0 },
    { 2801, W_BOB, TK_SLEEP_BEGIN, 0, N, 0, 2000000000ull, NULL, "time.sleep(2)", 0 },
    { 4801, W_BOB, TK_SLEEP_END, 0, N, 0, 0, NULL, "time.sleep(2)", 0 },
    { 4802, W_BOB, TK_GIL_WAIT, 0, O_GIL_MAIN, 0, 0, NULL, "time.sleep(2)", 0 },
    { 4803, W_BOB, TK_GIL_ACQUIRE, 0, O_GIL_MAIN, 0, 0, NULL, "time.sleep(2)", 0 },
    { 4840, W_BOB, TK_LOCK_RELEASE, 0, O_LEDGER, 0, 0, NULL, "    receipts.put(name)", 0 },
    { 4841, W_MAIN, TK_LOCK_ACQUIRE, 0, O_LEDGER, 0, 0, NULL, "    with ledger:\n        notes", 0 },
    { 4842, W_MAIN, TK_GIL_WAIT, 0, O_GIL_MAIN, 0, 0, NULL, "    with ledger:\n        notes", 0 },
    { 4880, W_BOB, TK_QUEUE_PUT, 0, O_RECEIPTS, 2, 0, "'bob'", "    receipts.put(name)", 0 },
    { 4900, W_BOB, TK_GIL_RELEASE, 0, O_GIL_MAIN, 0, 0, NULL, "    receipts.put(name)", 0 },
    { 4901, W_BOB, TK_WORKER_ENDED, 0, N, 0, 0, NULL, "", 0 },
    { 4902, W_MAIN, TK_GIL_ACQUIRE, 0, O_GIL_MAIN, 0, 0, NULL, "notes.append(\"main\")", 0 },
    { 4940, W_MAIN, TK_LIST_APPEND, 0, O_NOTES, 0, 0, "'main'", "notes.append(\"main\")", 0 },
    { 4980, W_MAIN, TK_PRINT, 0, N, 0, 0, "main has the ledger\n", "print(\"main has", 0 },
    { 5020, W_MAIN, TK_LOCK_RELEASE, 0, O_LEDGER, 0, 0, NULL, "jobs.put(None)", 0 },
    { 5060, W_MAIN, TK_QUEUE_PUT, 0, O_JOBS, 1, 0, "None", "jobs.put(None)", 0 },
    { 5080, W_OFFICE, TK_QUEUE_GET, 0, O_JOBS, 0, 0, "None", "job = jobs.get()", 0 },
    { 5081, W_OFFICE, TK_GIL_WAIT, 0, O_GIL_OFFICE, 0, 0, NULL, "job = jobs.get()", 0 },
    { 5082, W_OFFICE, TK_GIL_ACQUIRE, 0, O_GIL_OFFICE, 0, 0, NULL, "break", 0 },
    { 5100, W_MAIN, TK_JOIN_WAIT, 0, W_ALICE, 0, 0, NULL, "alice.join()", 0 },
    { 5101, W_MAIN, TK_JOIN_END, 0, W_ALICE, 0, 0, NULL, "alice.join()", 0 },
    { 5120, W_MAIN, TK_JOIN_WAIT, 0, W_BOB, 0, 0, NULL, "bob.join()", 0 },
    { 5121, W_MAIN, TK_JOIN_END, 0, W_BOB, 0, 0, NULL, "bob.join()", 0 },
    { 5140, W_MAIN, TK_JOIN_WAIT, 0, W_OFFICE, 0, 0, NULL, "office.join()", 0 },
    { 5160, W_OFFICE, TK_WORKER_ENDED, TF_PROCESS, N, 0, 0, NULL, "", 0 },
    { 5180, W_MAIN, TK_JOIN_END, 0, W_OFFICE, 0, 0, NULL, "office.join()", 0 },
    { 5220, W_MAIN, TK_QUEUE_GET, 0, O_RECEIPTS, 1, 0, "'bob'", "receipts.get()", 0 },
    { 5221, W_MAIN, TK_PRINT, 0, N, 0, 0, "last receipt: bob\n", "receipts.get()", 0 },
    { 5260, W_MAIN, TK_PRINT, 0, N, 0, 0, "totals: [10, 10, 0, 6]\n", "print(\"totals:\"", 0 },
    { 5300, W_MAIN, TK_WORKER_ENDED, TF_PROCESS, N, 0, 0, NULL, "", 0 },
};

/* The 1-based line where `piece` first occurs in the script, 0 if none. */
static uint32_t demo_line(const char *piece)
{
    if (!*piece)
        return 0;
    const char *p = strstr(demo_text, piece);
    if (!p)
        return 0;
    uint32_t line = 1;
    for (const char *q = demo_text; q < p; q++)
        line += *q == '\n';
    /* A piece that starts with a line's indentation names that line; one
     * that starts with "\n" would name the next. */
    return line;
}

void demo_build_log(EventLog *log)
{
    for (size_t i = 0; i < sizeof demo_steps / sizeof demo_steps[0]; i++) {
        const DemoStep *s = &demo_steps[i];
        TraceEvent e;
        memset(&e, 0, sizeof e);
        e.ts = (uint64_t)s->ms * 1000000ull;
        e.worker = (uint16_t)s->worker;
        e.kind = (uint8_t)s->kind;
        e.flags = (uint8_t)s->flags;
        e.line = demo_line(s->line);
        e.obj = s->obj;
        e.aux = s->aux;
        e.a.u = s->a;
        if (s->kind == TK_ARRAY_WRITE || s->kind == TK_VALUE_WRITE)
            eventlog_append(log, &e, &s->old, sizeof s->old);
        else
            eventlog_append(log, &e, s->text, s->text ? (uint32_t)strlen(s->text) : 0);
    }
}

/* Deterministic pseudo-random numbers for the big run. */
static uint32_t demo_rand(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

static void demo_ev(EventLog *log, uint64_t ts, unsigned w, unsigned kind, unsigned flags,
                    uint32_t obj, uint32_t aux, uint64_t a, const char *text, uint32_t line)
{
    TraceEvent e;
    memset(&e, 0, sizeof e);
    e.ts = ts;
    e.worker = (uint16_t)w;
    e.kind = (uint8_t)kind;
    e.flags = (uint8_t)flags;
    e.obj = obj;
    e.aux = aux;
    e.a.u = a;
    e.line = line;
    if (kind == TK_ARRAY_WRITE) {
        int64_t old = 0;
        eventlog_append(log, &e, &old, sizeof old);
    } else {
        eventlog_append(log, &e, text, text ? (uint32_t)strlen(text) : 0);
    }
}

void demo_build_big(EventLog *log, int nworkers, size_t nevents)
{
    if (nworkers < 1)
        nworkers = 1;
    int nproc = nworkers / 8 > 0 ? nworkers / 8 : 1;
    uint64_t ts = 1000, seed = 42;
    char name[32];
    enum { LOCK0 = 100, QUEUE0 = 200, ARR0 = 300, GIL0 = 10 };
    for (int w = 0; w < nworkers; w++) {
        int proc = w % nproc;
        int main_w = proc;      /* workers 0..nproc-1 are the processes' main threads */
        snprintf(name, sizeof name, w < nproc ? "Process-%d" : "worker-%d", w);
        if (w > 0)
            demo_ev(log, ts++, (unsigned)(w < nproc ? 0 : main_w), TK_WORKER_CREATED,
                    w < nproc ? TF_PROCESS : 0, (uint32_t)w, 0, 0, name, 1);
        demo_ev(log, ts++, (unsigned)w, TK_WORKER_STARTED, w < nproc ? TF_PROCESS : 0,
                w == 0 ? TRACE_NONE : (uint32_t)(w < nproc ? 0 : main_w), 0,
                trace_pid_tid(5000u + (unsigned)proc, 5000u + (unsigned)w), name, 1);
        if (w < nproc)
            demo_ev(log, ts++, (unsigned)w, TK_OBJ_CREATED, 0, GIL0 + (uint32_t)w, TO_GIL, 0, "GIL", 1);
    }
    for (int i = 0; i < 4; i++) {
        snprintf(name, sizeof name, "lock%d", i);
        demo_ev(log, ts++, 0, TK_OBJ_CREATED, TF_SHARED, LOCK0 + (uint32_t)i, TO_LOCK, 0, name, 2);
        snprintf(name, sizeof name, "queue%d", i);
        demo_ev(log, ts++, 0, TK_OBJ_CREATED, TF_SHARED, QUEUE0 + (uint32_t)i, i & 1 ? TO_LIFO : TO_QUEUE,
                0, name, 3);
        snprintf(name, sizeof name, "array%d", i);
        demo_ev(log, ts++, 0, TK_OBJ_CREATED, TF_SHARED, ARR0 + (uint32_t)i, TO_ARRAY, 16, name, 4);
    }
    int *holding = calloc((size_t)nworkers, sizeof *holding);
    int holder[4] = { -1, -1, -1, -1 };
    int qlen[4] = { 0 };
    if (!holding)
        abort();
    while (eventlog_count(log) < nevents) {
        unsigned w = demo_rand(&seed) % (unsigned)nworkers;
        uint32_t line = 5 + demo_rand(&seed) % 40;
        uint32_t r = demo_rand(&seed) % 10;
        uint32_t gil = GIL0 + w % (unsigned)nproc;
        ts += 1000 + demo_rand(&seed) % 50000;
        if (holding[w]) {
            uint32_t l = (uint32_t)holding[w] - 1;
            demo_ev(log, ts, w, TK_LOCK_RELEASE, 0, LOCK0 + l, 0, 0, NULL, line);
            holder[l] = -1;
            holding[w] = 0;
        } else if (r < 2) {
            uint32_t l = demo_rand(&seed) % 4;
            demo_ev(log, ts, w, TK_LOCK_WAIT, 0, LOCK0 + l, 0, 0, NULL, line);
            if (holder[l] < 0) {
                demo_ev(log, ts + 1, w, TK_LOCK_ACQUIRE, 0, LOCK0 + l, 0, 0, NULL, line);
                holder[l] = (int)w;
                holding[w] = (int)l + 1;
            }
        } else if (r < 4) {
            demo_ev(log, ts, w, TK_GIL_WAIT, 0, gil, 0, 0, NULL, line);
            demo_ev(log, ts + 1, w, TK_GIL_ACQUIRE, 0, gil, 0, 0, NULL, line);
            demo_ev(log, ts + 2, w, TK_GIL_RELEASE, 0, gil, 0, 0, NULL, line);
        } else if (r < 6) {
            uint32_t q = demo_rand(&seed) % 4;
            snprintf(name, sizeof name, "%u", demo_rand(&seed) % 1000);
            if (qlen[q] > 0 && demo_rand(&seed) % 2) {
                demo_ev(log, ts, w, TK_QUEUE_GET, 0, QUEUE0 + q, 0, 0, "?", line);
                qlen[q]--;
            } else if (qlen[q] < 20) {
                demo_ev(log, ts, w, TK_QUEUE_PUT, 0, QUEUE0 + q, 0, 0, name, line);
                qlen[q]++;
            }
        } else if (r < 8) {
            demo_ev(log, ts, w, TK_ARRAY_WRITE, TF_SHARED, ARR0 + demo_rand(&seed) % 4,
                    demo_rand(&seed) % 16, demo_rand(&seed) % 100, NULL, line);
        } else if (r < 9) {
            snprintf(name, sizeof name, "step %zu\n", eventlog_count(log));
            demo_ev(log, ts, w, TK_PRINT, 0, TRACE_NONE, 0, 0, name, line);
        } else {
            demo_ev(log, ts, w, TK_SLEEP_BEGIN, 0, TRACE_NONE, 0, 1000000, NULL, line);
            demo_ev(log, ts + 500, w, TK_SLEEP_END, 0, TRACE_NONE, 0, 0, NULL, line);
        }
    }
    free(holding);
}
