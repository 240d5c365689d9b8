/* A library module's class: a class of C methods whose instances keep their
 * C state in InstObj.native (freed by `fr`), added to the module under its
 * name.  One helper for every module (threading, multiprocessing, pools,
 * concurrent.futures) so they all build classes the same way. */
#include "vm/vm_conc.h"

ClassObj *vmc_add_class(VmThread *ts, ModuleObj *m, const char *name, ClassObj *base, const char *modname,
                        const VmModFunc *methods, VmFreeFn fr)
{
    ClassObj *c = class_new(ts, name, base ? base : ts->in->object_class, modname);
    if (!c)
        return NULL;
    c->native_free = fr;
    for (const VmModFunc *f = methods; f && f->name; f++)
        if (class_add_method(ts, c, f->name, f->fn) < 0)
            return NULL;
    /* held across module_add, which owns the class once it succeeds */
    c->h.rc++;
    int rc = module_add(ts, m, name, vobj(c));
    c->h.rc--;
    return rc < 0 ? NULL : c;
}
