/// What S3 Replication Time Control said about a direction's objects in the last 15 minutes, from its event
/// notifications: objects that missed the 15-minute threshold, those that then replicated, and objects the
/// replication metrics stopped counting (so the metrics undercount).
public struct ReplicationTimeEvents: Sendable, Equatable {
    /// `s3:Replication:OperationMissedThreshold` records.
    public var missedThreshold: Int
    /// `s3:Replication:OperationReplicatedAfterThreshold` records.
    public var replicatedAfterThreshold: Int
    /// `s3:Replication:OperationNotTracked` records.
    public var notTracked: Int

    /// Creates the counts.
    public init(missedThreshold: Int = 0, replicatedAfterThreshold: Int = 0, notTracked: Int = 0) {
        self.missedThreshold = missedThreshold
        self.replicatedAfterThreshold = replicatedAfterThreshold
        self.notTracked = notTracked
    }

    /// "RTC: 2 missed the threshold (1 since replicated) · 3 not tracked by metrics"; nil when all are 0.
    public var text: String? {
        var parts: [String] = []
        if missedThreshold > 0 || replicatedAfterThreshold > 0 {
            parts.append("RTC: \(Format.count(missedThreshold)) missed the threshold"
                + (replicatedAfterThreshold > 0 ? " (\(Format.count(replicatedAfterThreshold)) since replicated)" : ""))
        }
        if notTracked > 0 {
            parts.append("\(Format.count(notTracked)) not tracked by the metrics (they undercount)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
