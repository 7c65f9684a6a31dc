/// Carries each direction's lag and backlog history from one snapshot into the next, so that sources may
/// report only current values (or a recent series) and the screens still get a bounded history.
public enum HistoryMerger {
    /// `next` with the histories of `previous` merged in, pair by pair and direction by direction.
    public static func merge(previous: Snapshot?, into next: Snapshot) -> Snapshot {
        var merged = next
        let old = Dictionary((previous?.pairs ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        merged.pairs = next.pairs.map { pair in
            var pair = pair
            let before = old[pair.name]
            pair.fromPrimary = mergeDirection(before?.fromPrimary, pair.fromPrimary, at: next)
            pair.toPrimary = mergeDirection(before?.toPrimary, pair.toPrimary, at: next)
            return pair
        }
        return merged
    }

    private static func mergeDirection(
        _ before: DirectionStatus?, _ now: DirectionStatus, at snapshot: Snapshot
    ) -> DirectionStatus {
        var result = now
        var lag = before?.lagHistory ?? Series(capacity: now.lagHistory.capacity)
        lag.merge(now.lagHistory.samples)
        var pending = before?.pendingHistory ?? Series(capacity: now.pendingHistory.capacity)
        pending.merge(now.pendingHistory.samples)
        let at = now.metricsAt ?? snapshot.takenAt
        if now.lagHistory.samples.isEmpty, let value = now.lagSeconds {
            lag.append(Sample(time: at, value: value))
        }
        if now.pendingHistory.samples.isEmpty, let value = now.pendingOperations {
            pending.append(Sample(time: at, value: Double(value)))
        }
        result.lagHistory = lag
        result.pendingHistory = pending
        var queue = before?.queueHistory ?? now.queueHistory
        if now.queueSource?.isLive == true, now.queueCoverage?.isComplete ?? true {
            queue.append(Sample(time: snapshot.takenAt, value: Double(now.queue.filter { $0.status == .pending }.count)))
        }
        result.queueHistory = queue
        return result
    }
}
