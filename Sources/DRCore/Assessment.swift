import Foundation

/// drtop's judgement of one snapshot, made once when the snapshot arrives and read by every outlet: the
/// overview, its ordering, the drill-down, the failover screen, `check` (text, JSON, Markdown), `snapshot
/// --json`, the metrics and the exit codes. No outlet judges on its own. Between snapshots only the clock moves,
/// and the judgement changes with it only where a direction's metrics turn stale: `validUntil` says when, and
/// the dashboard judges again then.
public struct Assessment: Sendable, Equatable {
    /// The time judged at.
    public let judgedAt: Date
    /// The limits judged with.
    public let thresholds: Thresholds
    /// Each pair's judgement, in the snapshot's order.
    public let pairs: [PairAssessment]
    /// The first time after `judgedAt` at which a judgement changes by the clock alone (a direction's metrics
    /// pass `staleAfterSeconds`, or a sample leaves the trend window); nil when none will.
    public let validUntil: Date?
    /// Each lane's pairs by name (`pair(named:)`), made by the lane beside its judgements.
    private let index: [[String: Int]]

    /// Judges every pair of `snapshot` at `now` with `thresholds`: each direction's health and each checklist
    /// item's result; the evidence is written only for a report asked for (`PairAssessment.failover`).
    public init(_ snapshot: Snapshot, thresholds: Thresholds, now: Date) {
        self.init(snapshot, thresholds: thresholds, now: now, lanes: Self.lanes(for: snapshot.pairs.count))
    }

    /// Judges every pair of `snapshot` in `lanes` lanes of consecutive pairs, run side by side (one: in turn).
    package init(_ snapshot: Snapshot, thresholds: Thresholds, now: Date, lanes: Int) {
        let evaluator = HealthEvaluator(thresholds: thresholds)
        let checklist = FailoverChecklist(thresholds: thresholds)
        judgedAt = now
        self.thresholds = thresholds
        let count = snapshot.pairs.count
        let lanes = max(1, min(lanes, count))
        var boundaries = [Date?](repeating: nil, count: lanes)
        var indexes = [[String: Int]](repeating: [:], count: lanes)
        // Judged in lanes of consecutive pairs, one a core, each writing its own part of the list: a judgement
        // reads only its pair and the snapshot, so the lanes share nothing but what they read.
        let pairs = [PairAssessment](unsafeUninitializedCapacity: count) { judged, initialized in
            snapshot.pairs.withUnsafeBufferPointer { list in
                boundaries.withUnsafeMutableBufferPointer { laneBoundaries in
                    indexes.withUnsafeMutableBufferPointer { laneIndexes in
                        // Each lane writes only its own positions, its own boundary and its own index.
                        nonisolated(unsafe) let judged = judged, list = list, laneBoundaries = laneBoundaries,
                                                laneIndexes = laneIndexes
                        let run = { @Sendable (lane: Int) in
                            // What every judgement of the lane holds a reference to, the lane's own: two cores
                            // counting references on one object for every pair wait on each other.
                            let checklist = lanes == 1 ? checklist : checklist.ownLists()
                            let deferred = DeferredReports(snapshot, checklist: checklist, now: now)
                            let regions = lanes == 1 ? snapshot.regions : snapshot.regions.map { $0 }
                            var boundary: Date?
                            let range = Self.range(of: lane, lanes: lanes, count: count)
                            var index: [String: Int] = [:]
                            index.reserveCapacity(range.count)
                            for position in range {
                                // Each pair's memory asked for in four steps, each reading what the one before
                                // brought: eight pairs ahead, its fields; six ahead, its directions' (their address
                                // is in the pair's fields); four ahead, the headers of their rules and lag samples;
                                // two ahead, its newest samples. By the time a pair is judged, its memory is there.
                                let upper = range.upperBound
                                if position + 8 < upper { BucketPair.prefetchFields(at: list.baseAddress! + position + 8) }
                                if position + 6 < upper { BucketPair.prefetchDirections(at: list.baseAddress! + position + 6) }
                                if position + 4 < upper { BucketPair.prefetchDirectionBuffers(at: list.baseAddress! + position + 4) }
                                if position + 2 < upper { BucketPair.prefetchNewestSamples(at: list.baseAddress! + position + 2) }
                                // Borrowed from the snapshot by what judges it, never copied.
                                (judged.baseAddress! + position).initialize(
                                    to: Self.judge((list.baseAddress! + position).pointee, at: position, in: snapshot,
                                                   evaluator, checklist, deferred, regions, now,
                                                   boundary: &boundary))
                                // The first pair of a name is the one `pair(named:)` finds; one lookup inserts it.
                                index[judged[position].name, default: position] += 0
                            }
                            laneBoundaries[lane] = boundary
                            laneIndexes[lane] = index
                        }
                        if lanes == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: lanes, execute: run) }
                    }
                }
            }
            initialized = count
        }
        let boundary = boundaries.compactMap(\.self).min()
        self.pairs = pairs
        index = indexes
        validUntil = boundary
    }

    /// The judgement of `pair`, the one at `position` of `snapshot`: health, item results and verdict; moves
    /// `boundary` to the first time the clock alone changes it.
    // Not inlined: inlined into the loop, the optimizer copied each pair out of the buffer before judging it (now a
    // retain, the pair's fields being shared storage); called, the pair is passed by address.
    @inline(never)
    private static func judge(_ pair: borrowing BucketPair, at position: Int, in snapshot: Snapshot, _ evaluator: HealthEvaluator,
                              _ checklist: FailoverChecklist, _ deferred: DeferredReports,
                              _ regions: [RegionStatus], _ now: Date, boundary: inout Date?) -> PairAssessment {
        let thresholds = evaluator.thresholds
        let from = evaluator.evaluate(pair.fromPrimary, rpoSeconds: pair.rpoSeconds, now: now)
        let to = evaluator.evaluate(pair.toPrimary, rpoSeconds: pair.rpoSeconds, now: now)
        let recovery = RecoveryJudgement(pair, fromPrimary: from, thresholds: thresholds, now: now)
        let facts = CheckFacts(pair, in: snapshot, regions: regions, health: from, recovery: recovery,
                               thresholds: thresholds, now: now)
        if pair.judgesBackup {
            for time in BackupExposure.boundaries(pair.backup, rpoSeconds: pair.rpoSeconds, thresholds: thresholds,
                                                  after: now) where time < (boundary ?? .distantFuture) {
                boundary = time
            }
        }
        if let stale = RecoveryJudgement.staleness(pair, staleAfter: thresholds.staleAfterSeconds, now: now),
           stale < (boundary ?? .distantFuture) {
            boundary = stale
        }
        bound(pair.fromPrimary, thresholds, now, &boundary)
        bound(pair.toPrimary, thresholds, now, &boundary)
        return PairAssessment(name: pair.name, fromPrimary: from, toPrimary: to, checks: checklist.outcomes(pair, facts),
                              acceptedDataLossSeconds: FailoverChecklist.acceptedDataLoss(pair, from, recovery),
                              recovery: recovery, evidence: .deferred(deferred, position: position))
    }

    /// Pairs judged on one thread below this count: fewer cost less than waking a second core.
    static let parallelFrom = 1_000

    /// How many lanes `count` pairs are judged in: one below `parallelFrom`, else one a core (at most 8).
    package static func lanes(for count: Int) -> Int {
        count < parallelFrom ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// The positions lane `lane` of `lanes` judges among `count` pairs: consecutive, the lanes' sizes differing
    /// by at most one.
    static func range(of lane: Int, lanes: Int, count: Int) -> Range<Int> {
        (count * lane / lanes)..<(count * (lane + 1) / lanes)
    }

    /// Moves `boundary` to when the clock alone changes what `direction` judges, if sooner: its metrics turn
    /// stale; the trend and the drain, fitted over the window before now, change when a sample leaves it.
    private static func bound(_ direction: DirectionStatus, _ thresholds: Thresholds, _ now: Date,
                              _ boundary: inout Date?) {
        func at(_ time: Date?) {
            if let time, time >= now && time < (boundary ?? .distantFuture) { boundary = time }
        }
        let window = thresholds.trendWindowSeconds
        at(direction.metricsAt?.addingTimeInterval(thresholds.staleAfterSeconds))
        at(direction.lagHistory.firstLeaving(window: window, after: now))
        at(direction.pendingHistory.firstLeaving(window: window, after: now))
        at(direction.queueHistory.firstLeaving(window: window, after: now))
    }

    /// The judgement of the pair named `name`.
    public func pair(named name: String) -> PairAssessment? {
        for lane in index {
            if let position = lane[name] { return pairs[position] }
        }
        return nil
    }

    /// Equal judgements: the same time, limits, pairs' judgements and boundary (however many lanes made them).
    public static func == (lhs: Assessment, rhs: Assessment) -> Bool {
        lhs.judgedAt == rhs.judgedAt && lhs.thresholds == rhs.thresholds && lhs.validUntil == rhs.validUntil
            && lhs.pairs == rhs.pairs
    }

    /// The health of direction `index` of `pair` (0 primary → secondary); unknown, saying so, for a pair this
    /// assessment did not judge (another snapshot's).
    public func health(of pair: BucketPair, _ index: Int) -> DirectionHealth {
        self.pair(named: pair.name)?.health(index)
            ?? DirectionHealth(state: .unknown, lagShare: nil, trend: .unknown, drain: .unknown, reason: "not judged")
    }

    /// Whether the clock at `now` has moved past a boundary where some judgement changes.
    public func isOutdated(at now: Date) -> Bool {
        validUntil.map { now > $0 } ?? false
    }

    /// The failover reports of `names` (every pair when nil), in the snapshot's order.
    public func reports(of names: Set<String>? = nil) -> [FailoverReport] {
        pairs.filter { names?.contains($0.name) ?? true }.map(\.failover)
    }
}
