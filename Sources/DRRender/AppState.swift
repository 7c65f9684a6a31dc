import DRCore
import Foundation

/// Everything the screens draw from. Changed only by `Reducer`. Each page on the stack holds its own state
/// (`OverviewPage`, `DrillDownPage`, `FailoverPage`); the long lists drawn from it are made once for what they
/// depend on (`PageLists`), so no property keeps another in step.
public struct AppState: Sendable, Equatable {
    /// The latest snapshot; nil before the first one. Set with `receive`.
    public private(set) var snapshot: Snapshot?
    /// Whether some pair of `snapshot` names its routing (the overview then has its TRAFFIC · RTO column).
    public private(set) var showsTraffic = false
    /// The judgement of `snapshot`, made when it arrives (at `now`) and again only when the clock passes a
    /// boundary where a judgement changes (metrics turning stale). Every screen reads it; none judges itself.
    public private(set) var assessment: Assessment?
    /// Whether the state judges its snapshot again when the clock passes a boundary (tests, headless use); the
    /// dashboard judges off the UI thread instead and sends the new judgement (`AppEvent.assessed`).
    public var judgesOnTheClock = true
    /// The boundary (`Assessment.validUntil`) past which the judgement was last asked for again (`Reaction.rejudge`):
    /// asked once per boundary, not on every tick until the new judgement arrives.
    public private(set) var rejudgeAskedPast: Date?
    /// The time screens measure ages against. Moved with `advance(to:)`.
    public private(set) var now: Date
    /// Limits for health judgements.
    public let thresholds: Thresholds
    /// Whether the source is the demo (enables the demo keys and the DEMO badge).
    public var demo: Bool
    /// Terminal size.
    public var width: Int
    public var height: Int
    /// The screen stack: the overview at the bottom, the page shown on top.
    public private(set) var stack: [Page] = [.overview(OverviewPage())]
    /// Drill-down queue order: kept from one drill-down to the next, like a chosen sort column.
    public var queueSort: QueueSort = .age
    /// Drill-down: how far back the lag chart reaches (kept from one drill-down to the next).
    public var chartSpan: ChartSpan = .hour
    /// The history the chart last asked the source for (nil: none asked), and when.
    public var historyAsked: LagHistoryRequest?
    public var historyAskedAt: Date?
    /// The source's answer to `historyAsked`, once it came.
    public var history: LagHistory?
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

    // MARK: The snapshot, its judgement and the clock

    /// Sets `snapshot` and judges it at `now`.
    public mutating func receive(_ snapshot: Snapshot) {
        take(snapshot)
        assess()
    }

    /// Sets `snapshot` with its judgement already made (the dashboard judges each snapshot off the UI thread,
    /// so that a large fleet's judgement never holds up a key). A judgement older than the snapshot is made again.
    public mutating func receive(_ snapshot: Snapshot, assessment: Assessment) {
        take(snapshot)
        if assessment.judgedAt >= snapshot.takenAt {
            setAssessment(assessment)
        } else {
            assess()
        }
    }

    /// Moves the clock to `now`, judging the snapshot again when the clock passed a boundary.
    public mutating func advance(to now: Date) {
        self.now = now
        if judgesOnTheClock, assessment?.isOutdated(at: now) == true { assess() }
    }

    /// Whether the judgement is out of date at `now` and not yet asked for again (for a state that does not judge
    /// on the clock); marks it asked.
    mutating func asksToRejudge() -> Bool {
        guard !judgesOnTheClock, let assessment, assessment.isOutdated(at: now),
              rejudgeAskedPast != assessment.validUntil else { return false }
        rejudgeAskedPast = assessment.validUntil
        return true
    }

    private mutating func take(_ snapshot: Snapshot) {
        self.snapshot = snapshot
        errorWindow.record(snapshot)
        // Once per snapshot, not per frame: a scan of 10,000 pairs costs more than the frame it decides.
        showsTraffic = snapshot.pairs.contains { !$0.routing.isEmpty }
        snapshotGeneration = RowMemo.nextGeneration()
    }

    private mutating func assess() {
        setAssessment(snapshot.map { Assessment($0, thresholds: thresholds, now: now) })
    }

    private mutating func setAssessment(_ assessment: Assessment?) {
        self.assessment = assessment
        generation = RowMemo.nextGeneration()
    }

    /// The judgement of the pair named `name` in the current assessment.
    public func judgement(of name: String) -> PairAssessment? {
        assessment?.pair(named: name)
    }

    // MARK: Pages

    /// The page on top of the stack.
    public var page: Page { stack.last ?? .overview(OverviewPage()) }

    /// Shows `page` on top of the one shown.
    public mutating func push(_ page: Page) {
        stack.append(page)
    }

    /// Goes back to the page below, as it was left. Returns false on the overview (the root stays).
    @discardableResult
    public mutating func pop() -> Bool {
        guard stack.count > 1 else { return false }
        stack.removeLast()
        return true
    }

    /// Replaces the page on top (an answer arriving for it; a check re-run). The overview root is replaced only
    /// by an overview.
    mutating func replaceTop(with page: Page) {
        if stack.count == 1, page.context != .overview { return push(page) }
        stack[stack.count - 1] = page
    }

    /// The overview's state (the root page, below every other).
    public var overview: OverviewPage {
        get {
            if case .overview(let page) = stack.first { return page }
            return OverviewPage()
        }
        set { stack[0] = .overview(newValue) }
    }

    /// The drill-down's state when it is the page shown; setting it changes that page (nil or another page: no-op).
    public var drillDown: DrillDownPage? {
        get {
            if case .drillDown(let page) = page { return page }
            return nil
        }
        set {
            guard let newValue, case .drillDown = page else { return }
            stack[stack.count - 1] = .drillDown(newValue)
        }
    }

    /// The failover check's state when it is the page shown; setting it changes that page.
    public var failover: FailoverPage? {
        get {
            if case .failover(let page) = page { return page }
            return nil
        }
        set {
            guard let newValue, case .failover = page else { return }
            stack[stack.count - 1] = .failover(newValue)
        }
    }

    /// The history the drill-down's chart needs now: the direction on screen over the chosen span, when the
    /// span reaches beyond what snapshots carry; nil elsewhere.
    public var wantedHistory: LagHistoryRequest? {
        guard chartSpan.needsHistory, let page = drillDown, let pair = snapshot?.pair(named: page.pair)
        else { return nil }
        let shown = page.direction == 0 ? pair.fromPrimary : pair.toPrimary
        guard !shown.isAbsent else { return nil }
        return LagHistoryRequest(pair: page.pair, source: shown.source, destination: shown.destination,
                                 seconds: chartSpan.seconds)
    }

    /// The answer for the chart on screen, if it has come (an answer to an earlier question is not shown).
    public var shownHistory: LagHistory? {
        guard let history, let wanted = wantedHistory, history.request == wanted else { return nil }
        return history
    }

    // MARK: The lists pages draw from

    /// What the overview's rows are drawn from: a new generation with every snapshot and judgement.
    var rowKey: RowMemo.Key { RowMemo.Key(generation: generation, width: width) }
    /// Names the current judgement (each snapshot is judged, so it changes with the snapshot too).
    private var generation = RowMemo.nextGeneration()
    /// Names the current snapshot.
    private var snapshotGeneration = RowMemo.nextGeneration()
    /// The overview's rows drawn so far for `rowKey`.
    let rows = RowMemo.Box()
    /// The overview's pairs and the drill-down's queue, made once for what they depend on.
    private let lists = PageLists.Box()

    private var listedPairs: PageLists.Pairs {
        lists.lists.pairs(snapshot, assessment, generation: generation, overview: overview)
    }

    /// The pairs the overview lists: filtered by name, in the chosen order. Made once for the snapshot, its
    /// judgement, the sort and the filter, so a frame or a key costs only the rows shown.
    public var visiblePairs: [BucketPair] { listedPairs.pairs }

    private var shownQueueList: PageLists.Queue {
        guard let page = drillDown else { return PageLists.Queue() }
        return lists.lists.queue(snapshot, generation: snapshotGeneration, page: page, sort: queueSort)
    }

    /// The drill-down's queue (the shown pair and direction) in the chosen order; empty on other pages. Made once,
    /// like `visiblePairs`, so that a frame of a 100,000-object queue costs only its visible rows.
    public var shownQueue: [PendingObject] { shownQueueList.objects }
    /// How many of `shownQueue` are FAILED.
    public var shownQueueFailed: Int { shownQueueList.failed }

    /// Makes the lists the page shown draws from now, so that the first frame after a change does not pay for them.
    public func prepareLists() {
        _ = listedPairs
        _ = shownQueueList
    }

    /// The selected pair among the visible ones (the first when the selection is filtered out).
    public var selected: BucketPair? {
        let listed = listedPairs
        return Self.selectedIndex(in: listed, overview.selectedPair).map { listed.pairs[$0] }
    }

    /// The index in `visiblePairs` of the selected pair (0 when the selection is filtered out; nil when none is
    /// visible). A lookup, not a scan: frames and keys ask for it with thousands of pairs listed.
    public var selectedIndex: Int? { Self.selectedIndex(in: listedPairs, overview.selectedPair) }

    private static func selectedIndex(in listed: PageLists.Pairs, _ name: String?) -> Int? {
        guard !listed.pairs.isEmpty else { return nil }
        return name.flatMap { listed.index[$0] } ?? 0
    }
}
