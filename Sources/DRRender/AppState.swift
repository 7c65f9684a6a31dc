import DRCore
import Foundation

/// Everything the screens draw from. Changed only by `Reducer`.
public struct AppState: Sendable, Equatable {
    /// The latest snapshot; nil before the first one.
    public var snapshot: Snapshot?
    /// The time screens measure ages against.
    public var now: Date
    /// Limits for health judgements.
    public var thresholds: Thresholds
    /// Whether the source is the demo (enables the demo keys and the DEMO badge).
    public var demo: Bool
    /// Terminal size.
    public var width: Int
    public var height: Int
    /// The screen stack; the last page is shown.
    public var stack: [Page] = [.overview]
    /// The selected pair, by name (stable across sorting and filtering).
    public var selectedPair: String?
    /// The first pair shown on the overview.
    public var overviewScroll = 0
    /// Pair order.
    public var pairSort: PairSort = .name
    /// Name filter ("" = none).
    public var filter = ""
    /// Whether keys currently type into the filter.
    public var editingFilter = false
    /// Drill-down: 0 shows primary → secondary, 1 the way back.
    public var direction = 0
    /// Drill-down queue order, selected row and first row shown.
    public var queueSort: QueueSort = .age
    public var queueSelection = 0
    public var queueScroll = 0
    /// Help screen scroll.
    public var helpScroll = 0
    /// A one-line message for the status line (export path, errors).
    public var message: String?
    /// Re-run the failover check when the next snapshot arrives (after `r`).
    public var rerunCheckOnSnapshot = false

    /// Creates the initial state.
    public init(now: Date, demo: Bool, width: Int = 80, height: Int = 24, thresholds: Thresholds = .standard) {
        self.now = now
        self.demo = demo
        self.width = width
        self.height = height
        self.thresholds = thresholds
    }

    /// The page on top of the stack.
    public var page: Page { stack.last ?? .overview }

    /// The pairs the overview lists: filtered by name, in the chosen order.
    public var visiblePairs: [BucketPair] {
        guard let snapshot else { return [] }
        let needle = filter.lowercased()
        let pairs = needle.isEmpty ? snapshot.pairs : snapshot.pairs.filter { pair in
            pair.name.lowercased().contains(needle) || pair.primary.name.lowercased().contains(needle)
                || pair.secondary.name.lowercased().contains(needle)
        }
        return PairOrdering.sorted(pairs, by: pairSort, evaluator: HealthEvaluator(thresholds: thresholds), now: now)
    }

    /// The selected pair among the visible ones (the first when the selection is filtered out).
    public var selected: BucketPair? { selected(in: visiblePairs) }

    /// The selected pair among `pairs` (already filtered and sorted), the first when it is not there.
    public func selected(in pairs: [BucketPair]) -> BucketPair? {
        pairs.first { $0.name == selectedPair } ?? pairs.first
    }
}
