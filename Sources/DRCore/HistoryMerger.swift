import Foundation

/// Carries each direction's lag and backlog history from one snapshot into the next, so that sources may
/// report only current values (or a recent series) and the screens still get a bounded history.
public enum HistoryMerger {
    /// Merges the histories of `previous` into `next`, pair by pair and direction by direction, where its pairs
    /// lie. Their storage is written in place
    /// when `next` alone holds it (the poller's new snapshot): merging copies of them held two of every pair and
    /// direction at once, 30 MB more at 10,000 pairs.
    public static func merge(previous: Snapshot?, into next: inout Snapshot) {
        var pairs = next.pairs
        next.pairs = []
        var old: [String: BucketPair] = [:]
        old.reserveCapacity(previous?.pairs.count ?? 0)
        for pair in previous?.pairs ?? [] where old[pair.name] == nil { old[pair.name] = pair }
        for index in pairs.indices {
            let before = old[pairs[index].name]
            mergeDirection(before?.fromPrimary, into: &pairs[index].fromPrimary, at: next.takenAt)
            mergeDirection(before?.toPrimary, into: &pairs[index].toPrimary, at: next.takenAt)
        }
        next.pairs = pairs
    }

    private static func mergeDirection(_ before: DirectionStatus?, into now: inout DirectionStatus, at takenAt: Date) {
        var lag = before?.lagHistory ?? Series(capacity: now.lagHistory.capacity)
        lag.merge(now.lagHistory.samples)
        var pending = before?.pendingHistory ?? Series(capacity: now.pendingHistory.capacity)
        pending.merge(now.pendingHistory.samples)
        let at = now.metricsAt ?? takenAt
        if now.lagHistory.samples.isEmpty, let value = now.lagSeconds {
            lag.append(Sample(time: at, value: value))
        }
        if now.pendingHistory.samples.isEmpty, let value = now.pendingOperations {
            pending.append(Sample(time: at, value: Double(value)))
        }
        now.lagHistory = lag
        now.pendingHistory = pending
        var queue = before?.queueHistory ?? now.queueHistory
        if now.queueSource?.isLive == true, now.queueCoverage?.isComplete ?? true {
            queue.append(Sample(time: takenAt, value: Double(now.queue.filter { $0.status == .pending }.count)))
        }
        now.queueHistory = queue
    }
}
