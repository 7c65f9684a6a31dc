import CMalloc
import Foundation

/// glibc's allocator gives threads arenas of their own, up to eight per core, and memory freed in an arena stays
/// with it: a poll's readings allocated on one pool thread and freed on another raised the dashboard's peak at
/// 10,000 pairs (2026-12-04, `MALLOC_ARENA_MAX` set for `bench/fleet.py 3 rss`: 178 MiB by default, 166 MiB with
/// two arenas, 152 MiB with one). drtop's threads spend their time waiting on the network, not on malloc's lock,
/// so one arena serves them all. A `MALLOC_ARENA_MAX` the user set is left as it is.
enum MallocArenas {
    /// Caps the arenas, before any thread but the main one exists.
    static func limit(to count: Int32 = 1) {
        if getenv("MALLOC_ARENA_MAX") == nil { _ = drtop_malloc_arena_max(count) }
    }
}
