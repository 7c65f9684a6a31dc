import DRCore
import Foundation

/// Everything the screens draw from. Changed only by `Reducer`.
public struct AppState: Sendable, Equatable {
    /// The latest snapshot; nil before the first one.
    public var snapshot: Snapshot? {
        didSet {
            if let snapshot { errorWindow.record(snapshot) }
            // Once per snapshot, not per frame: a scan of 10,000 pairs costs more than the frame it decides.
            showsTraffic = snapshot?.pairs.contains { !$0.routing.isEmpty } ?? false
            if let given = arrivingAssessment, given.judgedAt >= (snapshot?.takenAt ?? given.judgedAt) {
                assessment = given
            } else {
                assess()
            }
            arrivingAssessment = nil
            reorder()
            refreshQueue()
        }
    }
    /// Whether some pair of `snapshot` names its routing (the overview then has its TRAFFIC · RTO column).
    public private(set) var showsTraffic = false
    /// The judgement of `snapshot`, made when it arrives (at `now`) and again only when the clock passes a
    /// boundary where a judgement changes (metrics turning stale). Every screen reads it; none judges itself.
    public private(set) var assessment: Assessment? { didSet { generation = RowMemo.nextGeneration() } }
    /// Whether the state judges its snapshot again when the clock passes a boundary (tests, headless use); the
    /// dashboard judges off the UI thread instead and sends the new judgement (`AppEvent.assessed`).
    public var judgesOnTheClock = true
    /// A judgement made off the UI thread for the snapshot being set (`receive`).
    private var arrivingAssessment: Assessment?
    /// The time screens measure ages against.
    public var now: Date {
        didSet {
            if judgesOnTheClock, assessment?.isOutdated(at: now) == true {
                assess()
                reorder()
            }
        }
    }
    /// Limits for health judgements.
    public var thresholds: Thresholds { didSet { if thresholds != oldValue { assess(); reorder() } } }
    /// Whether the source is the demo (enables the demo keys and the DEMO badge).
    public var demo: Bool
    /// Terminal size.
    public var width: Int
    public var height: Int
    /// The screen stack; the last page is shown.
    public var stack: [Page] = [.overview] { didSet { if stack.last != oldValue.last { refreshQueue() } } }
    /// The selected pair, by name (stable across sorting and filtering).
    public var selectedPair: String?
    /// The first pair shown on the overview.
    public var overviewScroll = 0
    /// Pair order.
    public var pairSort: PairSort = .name { didSet { reorder() } }
    /// Name filter ("" = none).
    public var filter = "" { didSet { if filter != oldValue { reorder() } } }
    /// Whether keys currently type into the filter.
    public var editingFilter = false
    /// Drill-down: 0 shows primary → secondary, 1 the way back.
    public var direction = 0 { didSet { if direction != oldValue { refreshQueue() } } }
    /// Drill-down queue order, selected row and first row shown.
    public var queueSort: QueueSort = .age { didSet { if queueSort != oldValue { refreshQueue() } } }
    public var queueSelection = 0
    public var queueScroll = 0
    /// Drill-down: how far back the lag chart reaches.
    public var chartSpan: ChartSpan = .hour
    /// The history the chart last asked the source for (nil: none asked), and when.
    public var historyAsked: LagHistoryRequest?
    public var historyAskedAt: Date?
    /// The source's answer to `historyAsked`, once it came.
    public var history: LagHistory?
    /// Help screen scroll.
    public var helpScroll = 0
    /// The first line of the failover check's list shown.
    public var failoverScroll = 0
    /// A one-line message for the status line (export path, errors).
    public var message: String?
    /// Seconds between polls, for the cost line (nil: not known).
    public var refreshSeconds: Double?
    /// The refresh drtop uses against real APIs unless told otherwise (CloudWatch's one-minute resolution).
    public static var realAPIRefreshSeconds: Double { Defaults.realAPIRefreshSeconds }
    /// Each region's errors over the last 15 minutes.
    public private(set) var errorWindow = ErrorWindow()
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

    /// The history the drill-down's chart needs now: the direction on screen over the chosen span, when the
    /// span reaches beyond what snapshots carry; nil elsewhere.
    public var wantedHistory: LagHistoryRequest? {
        guard chartSpan.needsHistory, case .drillDown(let name) = page, let pair = snapshot?.pair(named: name)
        else { return nil }
        let shown = direction == 0 ? pair.fromPrimary : pair.toPrimary
        guard !shown.isAbsent else { return nil }
        return LagHistoryRequest(pair: name, source: shown.source, destination: shown.destination,
                                 seconds: chartSpan.seconds)
    }

    /// The answer for the chart on screen, if it has come (an answer to an earlier question is not shown).
    public var shownHistory: LagHistory? {
        guard let history, let wanted = wantedHistory, history.request == wanted else { return nil }
        return history
    }

    /// The pairs the overview lists: filtered by name, in the chosen order. Kept, not computed per frame:
    /// it changes only with the snapshot, the sort and the filter, so a frame or a key costs only the rows shown.
    public private(set) var visiblePairs: [BucketPair] = [] {
        didSet {
            var index: [String: Int] = [:]
            index.reserveCapacity(visiblePairs.count)
            for (position, pair) in visiblePairs.enumerated() where index[pair.name] == nil { index[pair.name] = position }
            visibleIndex = index
        }
    }
    /// Where each visible pair is in `visiblePairs`, by name.
    private var visibleIndex: [String: Int] = [:]

    /// Sets `snapshot` with its judgement already made (the dashboard judges each snapshot off the UI thread,
    /// so that a large fleet's judgement never holds up a key).
    public mutating func receive(_ snapshot: Snapshot, assessment: Assessment) {
        arrivingAssessment = assessment
        self.snapshot = snapshot
    }

    private mutating func assess() {
        assessment = snapshot.map { Assessment($0, thresholds: thresholds, now: now) }
    }

    /// What the overview's rows are drawn from: a new generation with every snapshot and judgement.
    var rowKey: RowMemo.Key { RowMemo.Key(generation: generation, width: width) }
    private var generation = RowMemo.nextGeneration()
    /// The overview's rows drawn so far for `rowKey`.
    let rows = RowMemo.Box()

    /// The judgement of the pair named `name` in the current assessment.
    public func judgement(of name: String) -> PairAssessment? {
        assessment?.pair(named: name)
    }

    private mutating func reorder() {
        guard let snapshot else {
            visiblePairs = []
            return
        }
        let needle = filter.lowercased()
        let pairs = needle.isEmpty ? snapshot.pairs : snapshot.pairs.filter { pair in
            pair.name.lowercased().contains(needle) || pair.primary.name.lowercased().contains(needle)
                || pair.secondary.name.lowercased().contains(needle)
        }
        visiblePairs = PairOrdering.sorted(pairs, by: pairSort, assessment: assessment)
    }

    /// The drill-down's queue (the shown pair and direction) in the chosen order; empty on other pages. Kept,
    /// like `visiblePairs`, so that a frame of a 100,000-object queue costs only its visible rows.
    public private(set) var shownQueue: [PendingObject] = []
    /// How many of `shownQueue` are FAILED.
    public private(set) var shownQueueFailed = 0

    private mutating func refreshQueue() {
        guard case .drillDown(let name) = page, let pair = snapshot?.pair(named: name) else {
            if !shownQueue.isEmpty { shownQueue = [] }
            shownQueueFailed = 0
            return
        }
        shownQueue = QueueSort.ordered((direction == 0 ? pair.fromPrimary : pair.toPrimary).queue, by: queueSort)
        shownQueueFailed = shownQueue.reduce(0) { $0 + ($1.status == .failed ? 1 : 0) }
    }

    /// The selected pair among the visible ones (the first when the selection is filtered out).
    public var selected: BucketPair? { selectedIndex.map { visiblePairs[$0] } }

    /// The index in `visiblePairs` of the selected pair (0 when the selection is filtered out; nil when none is
    /// visible). A lookup, not a scan: frames and keys ask for it with thousands of pairs listed.
    public var selectedIndex: Int? {
        guard !visiblePairs.isEmpty else { return nil }
        return selectedPair.flatMap { visibleIndex[$0] } ?? 0
    }
}
