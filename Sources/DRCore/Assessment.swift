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

    /// Judges every pair of `snapshot` at `now` with `thresholds`.
    public init(_ snapshot: Snapshot, thresholds: Thresholds, now: Date) {
        let evaluator = HealthEvaluator(thresholds: thresholds)
        let checklist = FailoverChecklist(thresholds: thresholds)
        judgedAt = now
        self.thresholds = thresholds
        var pairs: [PairAssessment] = []
        pairs.reserveCapacity(snapshot.pairs.count)
        var index: [String: Int] = [:]
        var boundary: Date?
        for pair in snapshot.pairs {
            let from = evaluator.evaluate(pair.fromPrimary, rpoSeconds: pair.rpoSeconds, now: now)
            let to = evaluator.evaluate(pair.toPrimary, rpoSeconds: pair.rpoSeconds, now: now)
            let recovery = RecoveryJudgement(pair, fromPrimary: from, thresholds: thresholds, now: now)
            let report = checklist.run(pair: pair, in: snapshot, now: now, fromPrimary: from, recovery: recovery)
            if index[pair.name] == nil { index[pair.name] = pairs.count }
            pairs.append(PairAssessment(name: pair.name, fromPrimary: from, toPrimary: to, failover: report)
                .with(recovery))
            if pair.watchesBackup {
                for time in BackupExposure.boundaries(pair.backup, rpoSeconds: pair.rpoSeconds, thresholds: thresholds,
                                                      after: now) where time < (boundary ?? .distantFuture) {
                    boundary = time
                }
            }
            for direction in pair.directions {
                var times: [Date] = []
                if let at = direction.metricsAt { times.append(at.addingTimeInterval(thresholds.staleAfterSeconds)) }
                // The trend and the drain are fitted over the window before now: they change when a sample leaves.
                for series in [direction.lagHistory, direction.pendingHistory, direction.queueHistory] {
                    if let leaves = series.firstLeaving(window: thresholds.trendWindowSeconds, after: now) {
                        times.append(leaves)
                    }
                }
                for time in times where time >= now && time < (boundary ?? .distantFuture) { boundary = time }
            }
        }
        self.pairs = pairs
        self.index = index
        validUntil = boundary
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
