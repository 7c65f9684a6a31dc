import CMalloc
import Foundation

/// glibc's allocator as drtop sets it at start, for a smaller peak (BENCHMARKS.md, *Peak RSS by pair count*; the
/// dashboard at 10,000 pairs, `bench/fleet.py 3 rss` with glibc's environment variables, 2026-12-04):
/// - one arena: by default threads get arenas of their own, up to eight per core, and memory freed in one stays
///   with it (a poll's readings built on one pool thread and freed on another). 178 MiB by default, 166 MiB with
///   two arenas, 152 MiB with one. drtop's threads spend their time waiting on the network, not on malloc's lock.
/// - allocations of 128 KiB or more mapped on their own, always: glibc otherwise raises that threshold to the
///   size of each large block freed, so that a poll's next dictionaries of readings (megabytes each) came from the
///   heap and stayed there once freed. 141 -> 131 MiB.
/// A setting the user gave through the environment (`MALLOC_ARENA_MAX`, `MALLOC_MMAP_THRESHOLD_`) is left as it is.
enum MallocSettings {
    /// Applies the settings, before any thread but the main one exists.
    static func apply() {
        let environment = ProcessInfo.processInfo.environment
        if environment["MALLOC_ARENA_MAX"] == nil { _ = drtop_malloc_arena_max(1) }
        if environment["MALLOC_MMAP_THRESHOLD_"] == nil { _ = drtop_malloc_mmap_threshold(128 << 10) }
    }
}
