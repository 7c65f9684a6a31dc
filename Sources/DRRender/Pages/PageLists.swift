import DRCore
import Synchronization

/// The long lists pages draw from, made once for what they depend on and kept: the overview's pairs (filtered and
/// ordered) and the drill-down's queue (ordered). A frame or a key then costs only the rows shown, even with
/// thousands of pairs or 100,000 objects. Each list is keyed by everything it is made from, so a state that
/// changed any of it gets a new list; nothing has to keep a copy in step. Copies of a state share the lists.
final class PageLists: Sendable {
    /// The overview's pairs and where each is among them, by name.
    struct Pairs: Sendable {
        var pairs: [BucketPair] = []
        var index: [String: Int] = [:]
    }

    /// A drill-down's queue in order, and how many of it are FAILED.
    struct Queue: Sendable {
        var objects: [PendingObject] = []
        var failed = 0
    }

    private struct PairsKey: Equatable {
        var generation: Int
        var sort: PairSort
        var filter: String
    }

    private struct QueueKey: Equatable {
        var snapshot: Int
        var pair: String
        var direction: Int
        var sort: QueueSort
    }

    private struct Store {
        var pairsKey: PairsKey?
        var pairs = Pairs()
        var queueKey: QueueKey?
        var queue = Queue()
    }

    private let store = Mutex(Store())

    /// The pairs `overview` lists from `snapshot` judged by `assessment` (`generation` names that judgement).
    func pairs(_ snapshot: Snapshot?, _ assessment: Assessment?, generation: Int, overview: OverviewPage) -> Pairs {
        let key = PairsKey(generation: generation, sort: overview.sort, filter: overview.filter)
        if let kept = store.withLock({ $0.pairsKey == key ? $0.pairs : nil }) { return kept }
        let made = Self.makePairs(snapshot, assessment, overview)
        store.withLock {
            $0.pairsKey = key
            $0.pairs = made
        }
        return made
    }

    /// The queue `page` shows from `snapshot` (`generation` names the snapshot), in `sort` order.
    func queue(_ snapshot: Snapshot?, generation: Int, page: DrillDownPage, sort: QueueSort) -> Queue {
        let key = QueueKey(snapshot: generation, pair: page.pair, direction: page.direction, sort: sort)
        if let kept = store.withLock({ $0.queueKey == key ? $0.queue : nil }) { return kept }
        var made = Queue()
        if let pair = snapshot?.pair(named: page.pair) {
            made.objects = QueueSort.ordered((page.direction == 0 ? pair.fromPrimary : pair.toPrimary).queue, by: sort)
            made.failed = made.objects.reduce(0) { $0 + ($1.status == .failed ? 1 : 0) }
        }
        store.withLock {
            $0.queueKey = key
            $0.queue = made
        }
        return made
    }

    private static func makePairs(_ snapshot: Snapshot?, _ assessment: Assessment?, _ overview: OverviewPage) -> Pairs {
        guard let snapshot else { return Pairs() }
        let needle = overview.filter.lowercased()
        let listed = needle.isEmpty ? snapshot.pairs : snapshot.pairs.filter { pair in
            pair.name.lowercased().contains(needle) || pair.primary.name.lowercased().contains(needle)
                || pair.secondary.name.lowercased().contains(needle)
        }
        var made = Pairs()
        made.pairs = PairOrdering.sorted(listed, by: overview.sort, assessment: assessment)
        made.index.reserveCapacity(made.pairs.count)
        for (position, pair) in made.pairs.enumerated() where made.index[pair.name] == nil {
            made.index[pair.name] = position
        }
        return made
    }

    /// A box inside a value: copies of a state share it, and it takes no part in the state's equality.
    struct Box: Sendable, Equatable {
        let lists = PageLists()
        static func == (lhs: Box, rhs: Box) -> Bool { true }
    }
}
