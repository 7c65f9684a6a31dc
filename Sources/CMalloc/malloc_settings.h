// glibc's mallopt, header only (Swift's Glibc module leaves out <malloc.h>): the drtop executable sets malloc's
// arenas and its mmap threshold at start (MallocSettings.swift). Each returns 1 when the allocator took the
// setting, 0 otherwise or where the C library is not glibc.
#ifndef DRTOP_MALLOC_SETTINGS_H
#define DRTOP_MALLOC_SETTINGS_H

#if defined(__linux__)
#include <malloc.h>
#endif

// Caps the arenas at `count`.
static inline int drtop_malloc_arena_max(int count) {
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return 0;
#endif
}

// Allocations of `bytes` or more are mapped on their own and given back when freed (a fixed threshold: glibc no
// longer raises it after each such free).
static inline int drtop_malloc_mmap_threshold(int bytes) {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
    return mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}

#endif
