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
    private let index: [String: Int]

    /// Judges every pair of `snapshot` at `now` with `thresholds`: each direction's health and each checklist
    /// item's result; the evidence is written only for a report asked for (`PairAssessment.failover`).
    public init(_ snapshot: Snapshot, thresholds: Thresholds, now: Date) {
        let evaluator = HealthEvaluator(thresholds: thresholds)
        let checklist = FailoverChecklist(thresholds: thresholds)
        let deferred = DeferredReports(snapshot, checklist: checklist, now: now)
        judgedAt = now
        self.thresholds = thresholds
        var pairs: [PairAssessment] = []
        pairs.reserveCapacity(snapshot.pairs.count)
        var index: [String: Int] = [:]
        index.reserveCapacity(snapshot.pairs.count)
        var boundary: Date?
        // Read in place: each pair is borrowed from the snapshot by what judges it, never copied per check.
        snapshot.pairs.withUnsafeBufferPointer { list in
            for position in list.indices {
                pairs.append(Self.judge(list[position], at: position, in: snapshot, evaluator, checklist, deferred,
                                        now, boundary: &boundary))
                // The first pair of a name is the one `pair(named:)` finds; one lookup inserts it.
                index[pairs[position].name, default: position] += 0
            }
        }
        self.pairs = pairs
        self.index = index
        validUntil = boundary
    }

    /// The judgement of `pair`, the one at `position` of `snapshot`: health, item results and verdict; moves
    /// `boundary` to the first time the clock alone changes it.
    private static func judge(_ pair: BucketPair, at position: Int, in snapshot: Snapshot, _ evaluator: HealthEvaluator,
                              _ checklist: FailoverChecklist, _ deferred: DeferredReports, _ now: Date,
                              boundary: inout Date?) -> PairAssessment {
        let thresholds = evaluator.thresholds
        let from = evaluator.evaluate(pair.fromPrimary, rpoSeconds: pair.rpoSeconds, now: now)
        let to = evaluator.evaluate(pair.toPrimary, rpoSeconds: pair.rpoSeconds, now: now)
        let recovery = RecoveryJudgement(pair, fromPrimary: from, thresholds: thresholds, now: now)
        let facts = CheckFacts(pair, in: snapshot, health: from, recovery: recovery, thresholds: thresholds, now: now)
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
        index[name].map { pairs[$0] }
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
