import Foundation

/// A pair's traffic, recovery time and backup exposure, derived once: each nil where the pair does not name what
/// it rests on (routing; routing, a backup or an RTO; a backup), so pairs without them cost nothing.
public struct RecoveryJudgement: Sendable, Equatable {
    /// Where users go; nil without routing.
    public var traffic: TrafficSummary?
    /// How long recovery would take; nil without routing, backup or RTO.
    public var recovery: RecoveryTimeEstimate?
    /// What a restore would give back; nil when the pair's backups are not watched.
    public var backup: BackupExposure?

    /// A judgement already derived (the assessment keeps its parts in `PairAssessment`).
    init(traffic: TrafficSummary?, recovery: RecoveryTimeEstimate?, backup: BackupExposure?) {
        self.traffic = traffic
        self.recovery = recovery
        self.backup = backup
    }

    /// Derives them for `pair` whose primary → secondary direction is judged `fromPrimary`, at `now`.
    public init(_ pair: BucketPair, fromPrimary: DirectionHealth, thresholds: Thresholds, now: Date) {
        guard !pair.routing.isEmpty || pair.watchesBackup || pair.rtoSeconds != nil else { return }
        if !pair.routing.isEmpty { traffic = TrafficSummary(pair.traffic) }
        recovery = RecoveryTimeEstimate(pair: pair, drain: fromPrimary.drain,
                                        lagSeconds: fromPrimary.lagShare != nil ? pair.fromPrimary.lagSeconds : nil,
                                        trend: fromPrimary.trend)
        if pair.watchesBackup {
            backup = BackupExposure(pair.backup, rpoSeconds: pair.rpoSeconds, thresholds: thresholds, now: now)
        }
    }
}
