// A hint to the processor, header only: start loading the cache line at `address` for reading, without waiting
// for it and without faulting (any address may be given). DRCore's Assessment uses it to fetch the pairs it will
// judge next while it judges this one.
#ifndef DRTOP_PREFETCH_H
#define DRTOP_PREFETCH_H

static inline void drtop_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
