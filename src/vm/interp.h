/* Interpreter state (one per process) and thread state (one per thread).
 *
 * Nothing in src/vm keeps mutable file-scope state: everything a running
 * script touches hangs off an Interp, and everything a thread of it touches
 * off its VmThread, both passed explicitly.  A fork()ed child simply keeps
 * using its copy of the Interp; a new pthread gets a new VmThread
 * (vm_thread_create) sharing the Interp under the GIL.
 */
#ifndef PARLAB_VM_INTERP_H
#define PARLAB_VM_INTERP_H

#include <stdatomic.h>
#include <stdio.h>

#include "lang/ast.h"
#include "vm/value.h"

/* What the resolver learns about one scope (module, def or class body). */
typedef struct {
    uint8_t from_closure;  /* 1: the enclosing function's own closure; 0: its cell slot */
    int index;
} FreeSrc;

struct FuncInfo {
    FuncInfo *next;        /* all infos of a module, for freeing */
    const char *name;      /* "f", "<module>", or the class name */
    bool is_class;
    int nparams;
    StrObj **pnames;       /* interned parameter names */
    int nlocals;           /* params first, then other locals and comprehension vars */
    int nnamed;            /* locals [0, nnamed) are named; the rest are comprehension vars */
    const char *qualname;  /* "C.f" for methods, for argument errors */
    const char **localnames;
    uint8_t *is_cell;      /* per local slot: 1 when the slot holds a CellObj */
    bool any_cell;
    int nfree;
    FreeSrc *freesrc;      /* per free variable: where the defining frame finds its cell */
    const StmtList *body;
};

typedef struct Frame {
    struct Frame *prev;
    FuncInfo *info;
    FuncObj *func;         /* NULL for the module body and class bodies */
    CellObj **closure;     /* free variables: the function's, or a class body's own */
    Value *locals;
    int line;
    Value ret;
} Frame;

/* Builtin exception classes, in an order where a parent precedes its children. */
typedef enum {
    EXC_BaseException, EXC_Exception, EXC_KeyboardInterrupt, EXC_SystemExit,
    EXC_ArithmeticError, EXC_ZeroDivisionError, EXC_OverflowError,
    EXC_LookupError, EXC_IndexError, EXC_KeyError,
    EXC_NameError, EXC_UnboundLocalError, EXC_TypeError, EXC_ValueError,
    EXC_AttributeError, EXC_AssertionError, EXC_RuntimeError, EXC_RecursionError,
    EXC_NotImplementedError, EXC_StopIteration, EXC_MemoryError, EXC_ImportError,
    EXC_ModuleNotFoundError, EXC_OSError, EXC_TimeoutError,
    EXC_COUNT
} ExcId;

struct Interp {
    Obj objs;              /* sentinel of the list of every live object */
    int64_t mem_used, mem_cap;
    StrObj **istr;         /* interned strings (open addressing) */
    uint32_t icap, in;
    ClassObj *types[T_COUNT];
    ClassObj *object_class;
    ClassObj *exc[EXC_COUNT];
    Value *globals;        /* module globals by slot, V_UNDEF when unbound */
    StrObj **gnames;
    int nglobals;
    Value *builtins;       /* builtins by slot */
    int nbuiltins;
    ModuleObj **modules;   /* native modules imported so far */
    int nmodules;
    Module *mod;           /* the script */
    FuncInfo *infos;
    ListObj *consts;       /* string literals of the script */
    const char **srclines; /* lazily split source, for tracebacks */
    int nsrclines;
    StrObj *empty_str;
    StrObj *chars[128];    /* one-character ASCII strings */
    TupleObj *empty_tuple;
    StrObj *s_init, *s_name, *s_args, *s_enter, *s_exit, *s_class, *s_str, *s_repr,
           *s_dunder_name, *s_main, *s_key, *s_reverse, *s_sep, *s_end, *s_flush, *s_start;
    FILE *out;
    /* Where print() goes; NULL writes to `out`.  The trace layer sets it to
     * turn output into events. */
    void (*write_hook)(VmThread *ts, const char *s, size_t n, bool flush);
    int recursion_limit;
    atomic_int eval_breaker;   /* nonzero: vm_gil_check takes the slow path; the threading
                                  library keeps it set while other threads may want the GIL */
    /* GIL hooks, installed by the threading library; NULL while single-threaded. */
    void (*gil_yield)(VmThread *ts);    /* hand the GIL over if the switch interval asks for it */
    void (*gil_release)(VmThread *ts);  /* before a blocking call */
    void (*gil_acquire)(VmThread *ts);  /* after it */
    /* parlab.pause in the UI; text is "english" or "english\0vietnamese". */
    void (*pause_hook)(VmThread *ts, const char *text, size_t len);
    void (*sleep_hook)(VmThread *ts, double seconds, int begin);  /* time.sleep, for the recorder */
    atomic_int sigint;         /* set by a SIGINT handler: raise KeyboardInterrupt */
    struct VmThread *main_ts;
    void *ext[8];          /* state of the library modules (threading, ...) */
};

struct VmThread {
    Interp *in;
    Frame *frame;
    Value exc;             /* pending exception instance, V_UNDEF when none */
    Value handling;        /* exception of the innermost running except block */
    int depth;
    Value *stack, *sp, *stack_end;  /* frame locals */
    void *rt;              /* the concurrency library's per-thread state */
};

/* GIL hand-over point: calls, loop back edges, blocking builtins.  Running
 * freely it is one relaxed load; the slow path is where the GIL is released
 * and retaken and where pending signals become exceptions.  Returns -1 when
 * an exception is now pending. */
int vm_gil_slow(VmThread *ts);
static inline int vm_gil_check(VmThread *ts)
{
    if (__builtin_expect(atomic_load_explicit(&ts->in->eval_breaker, memory_order_relaxed) != 0, 0))
        return vm_gil_slow(ts);
    return 0;
}

/* interp.c */
/* Around a blocking call (sleep, join, lock wait): lets other threads run.
 * vm_blocking_end returns -1 when an exception (KeyboardInterrupt) is pending. */
void vm_blocking_begin(VmThread *ts);
int vm_blocking_end(VmThread *ts);
Interp *interp_create(Module *m);
void interp_destroy(Interp *in);
VmThread *vm_thread_create(Interp *in);
void vm_thread_destroy(VmThread *ts);
void vm_flush_output(Interp *in);
void vm_write(VmThread *ts, const char *s, size_t n, bool flush);

/* exc.c */
void exc_init_classes(Interp *in);
Value vm_raise(VmThread *ts, ExcId id, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
Value vm_raise_cls(VmThread *ts, ClassObj *cls, Value msg);
Value vm_raise_value(VmThread *ts, Value exc);    /* an instance or a class; steals */
Value vm_overflow(VmThread *ts);
bool vm_exc_isa(Interp *in, Value exc, ClassObj *cls);
bool class_is_sub(const ClassObj *c, const ClassObj *base);
void vm_exc_add_tb(VmThread *ts, const char *func, int line);
/* The pending exception leaves frame f (named func): add its traceback entry. */
void vm_exc_leave_frame(VmThread *ts, const Frame *f, const char *func);
/* exc is caught by a handler in frame f: its traceback gets f's entry now,
 * so a chained report shows where it happened. */
void vm_exc_caught(VmThread *ts, const Frame *f, Value exc);
void vm_print_traceback(VmThread *ts, Value exc);
Value exc_new(VmThread *ts, ClassObj *cls, Value *args, int nargs);
Value exc_str(VmThread *ts, InstObj *e);

/* str.c / strfmt.c */
StrObj *str_intern(Interp *in, const char *s, size_t len);
Value str_new(VmThread *ts, const char *s, size_t len);
Value str_from_cstr(VmThread *ts, const char *s);
Value str_char_at(VmThread *ts, StrObj *s, int64_t i);
int64_t str_hash(StrObj *s);
void str_interns_free(Interp *in);
void str_repr_into(void *sb, const char *s, size_t len);
Value str_format(VmThread *ts, StrObj *fmt, Value *args, int nargs, const VmKw *kw);
Value str_percent(VmThread *ts, StrObj *fmt, Value args);
int vm_format_value(VmThread *ts, void *sb, Value v, const char *spec, size_t speclen);
Value str_concat(VmThread *ts, StrObj *a, StrObj *b);
Value str_repeat(VmThread *ts, StrObj *a, int64_t n);
int str_contains(StrObj *hay, StrObj *needle);
int64_t str_cp_offset(StrObj *s, int64_t cp);    /* byte offset of code point cp */
Value str_slice(VmThread *ts, StrObj *s, int64_t lo, int64_t hi, int64_t step);

/* list.c */
ListObj *list_new(VmThread *ts, int64_t cap);
int list_append(VmThread *ts, ListObj *l, Value v);   /* steals v */
int list_extend(VmThread *ts, ListObj *l, Value iterable);
TupleObj *tuple_new(VmThread *ts, int64_t n);
Value seq_slice(VmThread *ts, Value seq, int64_t lo, int64_t hi, int64_t step);
Value seq_concat(VmThread *ts, Value a, Value b);
Value seq_repeat(VmThread *ts, Value a, int64_t n);
Value list_from_iterable(VmThread *ts, Value it);
int list_sort(VmThread *ts, ListObj *l, Value key, bool reverse);
int64_t slice_indices(int64_t len, Value lo, Value hi, Value step, int64_t *start, int64_t *stop, int64_t *stp);

/* iter.c */
Value vm_iter(VmThread *ts, Value v);
int vm_next(VmThread *ts, Value it, Value *out);  /* 1 got one, 0 exhausted, -1 exc */
Value range_new(VmThread *ts, int64_t start, int64_t stop, int64_t step);
Value iter_enumerate(VmThread *ts, Value src, int64_t start);
Value iter_zip(VmThread *ts, Value *srcs, int n);
Value iter_reversed(VmThread *ts, Value seq);

/* arith.c */
Value vm_binop(VmThread *ts, int op, Value a, Value b);   /* borrows a, b */
Value vm_unary(VmThread *ts, int op, Value a);
Value vm_compare(VmThread *ts, int op, Value a, Value b);
int vm_contains(VmThread *ts, Value container, Value item); /* 0/1, -1 */
Value vm_subscript(VmThread *ts, Value obj, Value idx);
int vm_store_subscript(VmThread *ts, Value obj, Value idx, Value v); /* borrows */

/* class.c */
ClassObj *class_new(VmThread *ts, const char *name, ClassObj *base, const char *module);
ClassObj *class_new_bases(VmThread *ts, const char *name, ClassObj **bases, int nbases, const char *module);
Value *class_lookup(const ClassObj *c, const StrObj *name);
Value vm_getattr(VmThread *ts, Value obj, StrObj *name);
int vm_setattr(VmThread *ts, Value obj, StrObj *name, Value v);  /* borrows v */
int vm_delattr(VmThread *ts, Value obj, StrObj *name);
Value class_call(VmThread *ts, ClassObj *c, Value *args, int nargs, const VmKw *kw);
Value inst_new(VmThread *ts, ClassObj *c);
int class_add_method(VmThread *ts, ClassObj *c, const char *name, VmCFunc fn);
void types_init(Interp *in);

/* func.c */
Value vm_call(VmThread *ts, Value callee, Value *args, int nargs, const VmKw *kw);
Value func_call(VmThread *ts, FuncObj *fn, Value *args, int nargs, const VmKw *kw);
Value builtin_new(VmThread *ts, const char *name, VmCFunc fn, int flags, const void *data);
Value vm_call_method(VmThread *ts, Value self, StrObj *name, Value *args, int nargs);
int vm_kw_find(const VmKw *kw, StrObj *name);
int vm_args_check(VmThread *ts, const char *fname, int nargs, int min, int max, const VmKw *kw);

/* eval_expr.c / eval_stmt.c */
Value eval_expr(VmThread *ts, Frame *f, Expr *e);
typedef enum { X_NORMAL, X_BREAK, X_CONTINUE, X_RETURN, X_EXC } Exit;
Exit exec_block(VmThread *ts, Frame *f, const StmtList *b);
int assign_to(VmThread *ts, Frame *f, Expr *target, Value v);   /* steals v */
Value make_function(VmThread *ts, Frame *f, Stmt *def);
Value make_class(VmThread *ts, Frame *f, Stmt *cls);
Value *frame_alloc_locals(VmThread *ts, int n);
void frame_free_locals(VmThread *ts, Value *locals, int n);

/* resolve.c */
int resolve_module(Interp *in, Module *m, char *err, size_t errlen);
void resolve_free(Interp *in);

/* builtins.c */
void builtins_init(Interp *in);
int builtins_find(const char *name);
/* builtins_types.c: the builtin types' constructors and the numeric builtins */
Value bi_int(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_float(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_str(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_bool(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_list(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_tuple(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_range(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_type(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_object(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_round(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_abs(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_divmod(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_pow(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_hash(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_chr(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value bi_ord(VmThread *ts, Value *args, int nargs, const VmKw *kw);
Value vm_class_body_name(VmThread *ts, const char *id);   /* eval_expr.c: a class body's global read */
Value vm_print(VmThread *ts, Value *args, int nargs, const VmKw *kw);

/* module.c: native modules */
typedef struct {
    const char *name;
    VmCFunc fn;
} VmModFunc;

typedef struct VmModuleDef {
    const char *name;                   /* "time" */
    const VmModFunc *funcs;             /* NULL-terminated */
    int (*init)(VmThread *ts, ModuleObj *m);   /* adds classes/constants; may be NULL */
} VmModuleDef;

Value module_import(VmThread *ts, const char *name);
int module_add(VmThread *ts, ModuleObj *m, const char *name, Value v);  /* steals v */
extern const VmModuleDef mod_time_def, mod_os_def, mod_parlab_def;
/* the concurrency library (vm_conc.h) */
extern const VmModuleDef mod_threading_def, mod_thread_def, mod_mp_def, mod_queue_def;
extern const VmModuleDef mod_futures_def;   /* mod_futures.c */

#endif
