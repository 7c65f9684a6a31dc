import Synchronization

/// The overview's drawn pair rows, kept between frames: between two polls only the clock moves, and a pair's two
/// rows depend on the snapshot, its judgement and the terminal's width alone, so a frame copies them instead of
/// formatting them again. Keyed by what they were drawn from (a generation unique to each snapshot and judgement
/// a state holds, and the width); another key empties it. It only ever holds what drawing would produce.
final class RowMemo: Sendable {
    /// What rows were drawn from.
    struct Key: Equatable {
        var generation: Int
        var width: Int
    }

    /// A memo inside a value: copies of a state share it, and it takes no part in the state's equality.
    struct Box: Sendable, Equatable {
        let memo = RowMemo()
        static func == (lhs: Box, rhs: Box) -> Bool { true }
    }

    private struct Store {
        var key: Key?
        var rows: [String: [Cell]] = [:]
    }

    private let store = Mutex(Store())
    private static let generations = Atomic<Int>(0)
    /// More rows than this are not kept (a fleet scrolled through end to end).
    private static let limit = 4096

    /// A generation no state has used: every new snapshot or judgement takes one.
    static func nextGeneration() -> Int {
        generations.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// The cells of the two rows of `pair` drawn under `key`, if kept.
    func rows(of pair: String, key: Key) -> [Cell]? {
        store.withLock { $0.key == key ? $0.rows[pair] : nil }
    }

    /// Keeps the cells of the two rows of `pair` drawn under `key`.
    func keep(_ cells: [Cell], of pair: String, key: Key) {
        store.withLock { store in
            if store.key != key || store.rows.count >= Self.limit {
                store.key = key
                store.rows.removeAll(keepingCapacity: true)
            }
            store.rows[pair] = cells
        }
    }
}
