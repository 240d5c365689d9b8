/* Values and heap objects of the interpreter.
 *
 * A Value is a 16-byte tagged struct: None, bool, int64 and double live in
 * it, so arithmetic never allocates; everything else is an Obj pointer with
 * a (non-atomic, GIL-guarded) reference count.  Every Obj is also linked in
 * its interpreter's object list so that interp_destroy can free cycles that
 * refcounting alone would leak.
 *
 * Every builtin kind (str, list, ...) has a ClassObj in interp->types[] whose
 * attribute table holds its methods, so `lst.append` and `C.method` go
 * through the same lookup.
 */
#ifndef PARLAB_VM_VALUE_H
#define PARLAB_VM_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Obj Obj;
typedef struct Interp Interp;
typedef struct VmThread VmThread;

typedef enum {
    V_UNDEF = 0,   /* an unbound local / global slot; never a script value */
    V_NONE, V_BOOL, V_INT, V_FLOAT, V_OBJ,
    V_EXC          /* returned instead of a value: an exception is pending in ts->exc */
} VTag;

typedef struct {
    uint32_t tag;
    union { int64_t i; double f; Obj *o; } u;
} Value;

typedef enum {
    K_STR, K_LIST, K_TUPLE, K_RANGE, K_FUNC, K_BOUND, K_BUILTIN, K_CLASS,
    K_INST, K_MODULE, K_CELL, K_ITER, K_SUPER,
    K_COUNT
} Kind;

/* Pseudo-kinds for the scalar tags, so interp->types[] covers every value. */
enum { T_NONE = K_COUNT, T_BOOL, T_INT, T_FLOAT, T_COUNT };

struct Obj {
    Obj *next, *prev;      /* interpreter object list */
    int32_t rc;
    uint16_t kind;
    uint16_t flags;
};

typedef struct StrObj {
    Obj h;
    int64_t len;           /* bytes */
    int64_t ncp;           /* code points */
    int64_t hash;          /* -1 until computed */
    bool interned;
    char s[];              /* NUL-terminated UTF-8 */
} StrObj;

/* An open-addressing table keyed by interned StrObj pointers. */
typedef struct {
    StrObj **keys;
    Value *vals;
    uint32_t cap, n;
} AttrTable;

typedef struct {
    Obj h;
    int64_t len, cap;
    Value *items;
} ListObj;

typedef struct {
    Obj h;
    int64_t len;
    Value items[];
} TupleObj;

typedef struct {
    Obj h;
    int64_t start, stop, step, len;
} RangeObj;

typedef struct {
    Obj h;
    Value v;
} CellObj;

/* Keyword arguments of one call: names are interned. */
typedef struct {
    StrObj **names;
    Value *vals;
    int n;
} VmKw;

/* A C function callable from scripts.  For methods args[0] is self. */
typedef Value (*VmCFunc)(VmThread *ts, Value *args, int nargs, const VmKw *kw);

enum { BF_METHOD = 1 };    /* BuiltinObj.h.flags: binds self when read from an instance */

typedef struct {
    Obj h;
    const char *name;
    VmCFunc fn;
    const void *data;      /* for the C side (e.g. the module or type it belongs to) */
} BuiltinObj;

typedef struct ClassObj ClassObj;
typedef struct FuncInfo FuncInfo;

typedef struct {
    Obj h;
    FuncInfo *info;
    Value *defaults;
    int ndefaults;
    int nclosure;
    CellObj **closure;
    ClassObj *cls;         /* the class whose body defined it, for super() */
} FuncObj;

typedef struct {
    Obj h;
    Value self;
    Value func;
} BoundObj;

/* Per-class hooks, inherited by subclasses: how the concurrency library
 * attaches native state (a pthread, a shared lock) to an instance. */
typedef int (*VmGetAttrFn)(VmThread *ts, Value self, StrObj *name, Value *out); /* 1, 0 not found, -1 exc */
typedef int (*VmSetAttrFn)(VmThread *ts, Value self, StrObj *name, Value v);    /* 1 handled, 0 not, -1 exc */
typedef void (*VmFreeFn)(Interp *in, Obj *self);

enum { CF_EXC = 1, CF_BUILTIN = 2, CF_FINAL = 4 };

struct ClassObj {
    Obj h;
    StrObj *name;
    ClassObj *base;        /* the first base (owned); NULL for object */
    ClassObj **bases;      /* every base, in order (bases[0] == base; the others owned too) */
    int nbases;
    ClassObj **mro;        /* C3 linearisation, this class first (borrowed: bases keep them) */
    int nmro;
    AttrTable dict;
    VmCFunc ctor;          /* builtin types: int(x), list(x), ...; NULL for user classes */
    VmGetAttrFn getattr;   /* tried before the class dict */
    VmSetAttrFn setattr;
    VmFreeFn native_free;  /* frees InstObj.native */
    uint32_t cflags;
    const char *module;    /* "builtins", "__main__", "threading" ... */
};

typedef struct TbEntry {
    struct TbEntry *next;
    const char *func;      /* borrowed from the AST / a static string */
    int line;
} TbEntry;

typedef struct {
    Obj h;
    ClassObj *cls;
    AttrTable attrs;
    Value args;            /* exceptions: the args tuple; else V_UNDEF */
    TbEntry *tb;           /* exceptions: outermost frame first */
    Value context;         /* exceptions: the one being handled when this was raised */
    const void *tb_frame;  /* exceptions: the frame whose failing line is tb_line */
    int tb_line;
    const void *tb_added;  /* exceptions: the frame whose entry tb already has (caught there) */
    void *native;          /* owned by cls->native_free */
} InstObj;

typedef struct {
    Obj h;
    StrObj *name;
    AttrTable attrs;
} ModuleObj;

typedef enum { IT_SEQ, IT_STR, IT_RANGE, IT_ENUM, IT_ZIP, IT_REVSEQ } IterKind;

typedef struct {
    Obj h;
    IterKind ik;
    Value src;             /* list/tuple/str, or an inner iterator for ENUM */
    int64_t pos, end, step;
    int nsub;              /* IT_ZIP: number of sub-iterators in subs */
    Value *subs;
} IterObj;

typedef struct {
    Obj h;
    ClassObj *cls;         /* lookups start after this class */
    Value self;
} SuperObj;

#define VNONE ((Value){ .tag = V_NONE })
#define VUNDEF ((Value){ .tag = V_UNDEF })
#define VEXC ((Value){ .tag = V_EXC })
static inline Value vint(int64_t i) { Value v; v.tag = V_INT; v.u.i = i; return v; }
static inline Value vfloat(double f) { Value v; v.tag = V_FLOAT; v.u.f = f; return v; }
static inline Value vbool(bool b) { Value v; v.tag = V_BOOL; v.u.i = b; return v; }
static inline Value vobj(void *o) { Value v; v.tag = V_OBJ; v.u.o = (Obj *)o; return v; }

static inline bool v_is(Value v, Kind k) { return v.tag == V_OBJ && v.u.o->kind == k; }
#define V_STR(v) ((StrObj *)(v).u.o)
#define V_LIST(v) ((ListObj *)(v).u.o)
#define V_TUPLE(v) ((TupleObj *)(v).u.o)

static inline void v_incref(Value v) { if (v.tag == V_OBJ) v.u.o->rc++; }
void obj_free(Interp *in, Obj *o);
/* Decref needs the interpreter only when the object dies. */
static inline void v_decref(Interp *in, Value v)
{
    if (v.tag == V_OBJ && --v.u.o->rc == 0)
        obj_free(in, v.u.o);
}
static inline void obj_decref(Interp *in, Obj *o) { if (o && --o->rc == 0) obj_free(in, o); }

/* Allocation is charged against the interpreter's memory cap; NULL means a
 * MemoryError is pending in ts. */
void *obj_alloc(VmThread *ts, Kind k, size_t size);
int vm_mem_charge(VmThread *ts, int64_t delta);

/* value.c: the generic protocols */
bool v_truthy(Value v);
int v_truth(VmThread *ts, Value v);               /* 0/1, -1 on exception */
const char *v_typename(Interp *in, Value v);
ClassObj *v_class(Interp *in, Value v);
int v_eq(VmThread *ts, Value a, Value b);         /* 0/1, -1 */
int v_compare(VmThread *ts, int op, Value a, Value b); /* ordering ops: 0/1, -1 */
Value v_repr(VmThread *ts, Value v);              /* new StrObj */
Value v_str(VmThread *ts, Value v);
struct StrBufS;
int v_repr_into(VmThread *ts, void *sb, Value v); /* StrBuf *; 0 or -1 */
int v_str_into(VmThread *ts, void *sb, Value v);
int v_as_index(VmThread *ts, Value v, int64_t *out, const char *what);

/* attr.c: attribute tables */
void at_init(AttrTable *t);
void at_free(Interp *in, AttrTable *t);
Value *at_find(const AttrTable *t, const StrObj *key);
int at_set(VmThread *ts, AttrTable *t, StrObj *key, Value v);  /* steals v; 0 or -1 */
bool at_del(Interp *in, AttrTable *t, const StrObj *key);

#endif
