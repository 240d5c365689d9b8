/* ThreadSanitizer annotations for memory shared between processes.
 *
 * TSan sees only this process: when a queue item or an arena block goes
 * through another process (a pool worker takes a task, frees it, allocates
 * a result in the same place, puts it back), the locks that order those
 * steps are taken in that other process, out of TSan's sight, and the
 * accesses here on either side look unordered.  So every hand-over of
 * shared memory says so: the side that gives memory away releases its
 * address, the side that receives it acquires it.  This is the real order
 * (the other process held the same shared mutexes), not a suppression.
 * Without TSan these are no-ops. */
#ifndef PARLAB_RT_TSAN_H
#define PARLAB_RT_TSAN_H

#if defined(__SANITIZE_THREAD__)
#define RT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RT_TSAN 1
#endif
#endif

#ifdef RT_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
static inline void rt_tsan_acquire(const void *p) { __tsan_acquire((void *)p); }
static inline void rt_tsan_release(const void *p) { __tsan_release((void *)p); }
#else
static inline void rt_tsan_acquire(const void *p) { (void)p; }
static inline void rt_tsan_release(const void *p) { (void)p; }
#endif

#endif
