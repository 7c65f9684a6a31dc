// glibc's mallopt, header only (Swift's Glibc module leaves out <malloc.h>): the drtop executable caps malloc's
// arenas at start (MallocArenas.swift).
#ifndef DRTOP_MALLOC_ARENAS_H
#define DRTOP_MALLOC_ARENAS_H

#if defined(__linux__)
#include <malloc.h>
#endif

// Caps the arenas at `count`: 1 when the allocator took the setting, 0 otherwise or where the C library is not glibc.
static inline int drtop_malloc_arena_max(int count) {
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return 0;
#endif
}

#endif
