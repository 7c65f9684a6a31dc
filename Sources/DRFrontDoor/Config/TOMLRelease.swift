import CTOML
import TOMLKit

/// Frees what toml++ parsed once the configuration has been read. TOMLKit 0.6's `TOMLTable` has no deinit: the C++
/// tree behind a parsed document (about 2 KB a pair) outlived it for the life of the process, 19.6 MB of the heap
/// at 10,000 pairs (heaptrack, `bench/heapparts.py`). Emptying the root table (toml++ `table::clear`) frees every
/// node under it; only the empty root is left. TOMLKit keeps the tree's pointer unexported, so it is found by
/// reflection; where it cannot be found the tree is kept, as before.
enum TOMLRelease {
    /// Frees every node under `table`, which must be a document's root that nothing reads afterwards (no value or
    /// sub-table taken from it may be used after this).
    static func free(_ table: TOMLTable) {
        guard let pointer = Mirror(reflecting: table).children
            .first(where: { $0.label == "tablePointer" })?.value as? OpaquePointer else { return }
        tableClear(pointer)
    }
}
