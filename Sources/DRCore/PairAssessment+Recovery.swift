import Foundation

extension PairAssessment {
    /// This judgement with the pair's traffic, recovery time and backup exposure, for the pairs that name routing,
    /// a backup or an RTO (the others cost nothing here).
    func recovering(_ pair: BucketPair, thresholds: Thresholds, now: Date) -> PairAssessment {
        guard !pair.routing.isEmpty || pair.watchesBackup || pair.rtoSeconds != nil else { return self }
        var out = self
        if !pair.routing.isEmpty { out.traffic = TrafficSummary(pair.traffic) }
        out.recovery = RecoveryTimeEstimate(pair: pair, drain: fromPrimary.drain)
        if pair.watchesBackup {
            out.backup = BackupExposure(pair.backup, rpoSeconds: pair.rpoSeconds, thresholds: thresholds, now: now)
        }
        return out
    }
}
