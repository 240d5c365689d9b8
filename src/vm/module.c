/* Native modules: a table of definitions, instantiated on first import and
 * cached per interpreter.  A dotted module ("concurrent.futures") is also
 * set as an attribute of its parent package. */
#include <stdlib.h>
#include <string.h>

#include "vm/interp.h"

static const VmModuleDef concurrent_def = { "concurrent", NULL, NULL };

/* The library modules (threading, queue, ...) add their definitions here. */
static const VmModuleDef *const module_defs[] = {
    &mod_time_def, &mod_os_def, &mod_parlab_def, &concurrent_def,
    &mod_threading_def, &mod_thread_def, &mod_mp_def, &mod_queue_def,
    &mod_futures_def,
};

int module_add(VmThread *ts, ModuleObj *m, const char *name, Value v)
{
    if (v.tag == V_EXC)
        return -1;
    return at_set(ts, &m->attrs, str_intern(ts->in, name, strlen(name)), v);
}

static Value module_create(VmThread *ts, const VmModuleDef *d)
{
    ModuleObj *m = obj_alloc(ts, K_MODULE, sizeof(ModuleObj));
    if (!m)
        return VEXC;
    m->name = str_intern(ts->in, d->name, strlen(d->name));
    m->name->h.rc++;
    for (const VmModFunc *f = d->funcs; f && f->name; f++)
        if (module_add(ts, m, f->name, builtin_new(ts, f->name, f->fn, 0, m)) < 0)
            goto fail;
    if (d->init && d->init(ts, m) < 0)
        goto fail;
    return vobj(m);
fail:
    obj_decref(ts->in, &m->h);
    return VEXC;
}

Value module_import(VmThread *ts, const char *name)
{
    Interp *in = ts->in;
    for (int i = 0; i < in->nmodules; i++)
        if (strcmp(in->modules[i]->name->s, name) == 0) {
            in->modules[i]->h.rc++;
            return vobj(in->modules[i]);
        }
    const VmModuleDef *d = NULL;
    for (size_t i = 0; i < sizeof module_defs / sizeof module_defs[0]; i++)
        if (strcmp(module_defs[i]->name, name) == 0)
            d = module_defs[i];
    if (!d)
        return vm_raise(ts, EXC_ModuleNotFoundError, "No module named '%s'", name);
    Value m = module_create(ts, d);
    if (m.tag == V_EXC)
        return VEXC;
    in->modules = realloc(in->modules, sizeof *in->modules * (size_t)(in->nmodules + 1));
    if (!in->modules)
        abort();
    in->modules[in->nmodules++] = (ModuleObj *)m.u.o;   /* the cache keeps this reference */
    const char *dot = strrchr(name, '.');
    if (dot) {
        char parent[128];
        snprintf(parent, sizeof parent, "%.*s", (int)(dot - name), name);
        Value p = module_import(ts, parent);
        if (p.tag == V_EXC)
            return VEXC;
        v_incref(m);
        module_add(ts, (ModuleObj *)p.u.o, dot + 1, m);
        v_decref(in, p);
    }
    v_incref(m);
    return m;
}
