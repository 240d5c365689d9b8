// Loads a parlab --trace file into the trace importer of Chrome DevTools
// itself (SDK.TracingModel from the chrome-devtools-frontend package, run in
// a sandbox by devtools-timeline-model), the code a browser runs when the file
// is opened, and checks what it built: every process and thread of the trace
// is there under its name, with its events, and the importer raised nothing.
// usage: node trace_devtools.js MODULES_DIR TRACE.json THREADS PROCESSES
'use strict';
const fs = require('fs');
const vm = require('vm');
const path = require('path');
const [modulesArg, file, wantThreads, wantProcs] = process.argv.slice(2);
const modules = path.resolve(modulesArg);
const dir = path.join(modules, 'node_modules', 'devtools-timeline-model');
const problems = [];
const sandbox = { require: require('module').createRequire(path.join(dir, 'index.js')), global, __dirname: dir,
    console: { log() {}, warn(m) { problems.push(String(m)); }, error(m) { problems.push(String(m)); },
               group() {}, groupEnd() {} } };
const ctx = vm.createContext(sandbox);
new vm.Script(fs.readFileSync(path.join(dir, 'lib', 'timeline-model.js'), 'utf8')).runInContext(ctx);
ctx.__trace = JSON.parse(fs.readFileSync(file, 'utf8'));
const got = JSON.parse(vm.runInContext(`(function () {
    Common.console = { error: (m) => console.error(m), warn: (m) => console.warn(m), log() {} };
    const tm = new SDK.TracingModel(new Bindings.TempFileBackingStorage('tracing'));
    tm.setEventsForTest(__trace.traceEvents || __trace);
    return JSON.stringify(tm.sortedProcesses().map((p) => ({
        pid: p.id(), name: p.name(),
        threads: p.sortedThreads().map((t) => ({ tid: t.id(), name: t.name(), events: t.events().length })),
    })));
})()`, ctx));
const procs = got.filter((p) => p.threads.some((t) => t.events > 0));
const threads = [].concat(...procs.map((p) => p.threads));
if (procs.length !== Number(wantProcs))
    problems.push(`DevTools sees ${procs.length} processes with events, expected ${wantProcs}`);
if (threads.length !== Number(wantThreads))
    problems.push(`DevTools sees ${threads.length} threads, expected ${wantThreads}`);
for (const p of procs) {
    if (!p.name) problems.push(`process ${p.pid} has no name`);
    for (const t of p.threads) {
        if (!t.name) problems.push(`thread ${p.pid}:${t.tid} has no name`);
        if (!t.events) problems.push(`thread ${p.name}:${t.name} has no events`);
    }
}
if (problems.length) {
    console.log(problems.slice(0, 3).join('; '));
    process.exit(1);
}
console.log(procs.map((p) => `${p.name}[${p.threads.map((t) => t.name).join(',')}]`).join(' '));
