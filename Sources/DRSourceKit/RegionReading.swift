import DRCore

/// What one region answered in one poll.
package struct RegionReading: Sendable, Equatable {
    /// Versioning of the buckets that live in this region, by bucket name.
    package var versioning: [String: Versioning]
    /// Parts of directions this region knows.
    package var directions: [DirectionKey: DirectionReading]
    /// The region's API latency for this poll, in milliseconds; the poller measures wall time when nil.
    package var apiLatencyMs: Double?
    /// Problems that did not stop the poll (throttling, one bucket denied): the region is degraded.
    package var problems: [SourceProblem]
    /// Requests sent to this region since start, by API.
    package var requests: [RequestCount]
    /// Seconds the local clock was found off when signing (nil: no correction needed).
    package var clockOffsetSeconds: Double?
    /// Failover checklist items about moving writes to this region that only the source can judge (Ceph:
    /// metadata sync, period epoch, master zone); none for AWS.
    package var checks: [CheckItem] = []
    /// Where users of a pair go, by pair name, when this region's poll read the pair's routing (the source decides
    /// which region's poll carries it; a pair absent here keeps what an earlier poll read).
    package var traffic: [String: TrafficStatus] = [:]
    /// What AWS Backup holds of a pair's primary bucket, by pair name, when this poll read it.
    package var backups: [String: BackupStatus] = [:]

    /// Creates a reading.
    package init(
        versioning: [String: Versioning] = [:], directions: [DirectionKey: DirectionReading] = [:],
        apiLatencyMs: Double? = nil, problems: [SourceProblem] = [], requests: [RequestCount] = []
    ) {
        self.versioning = versioning
        self.directions = directions
        self.apiLatencyMs = apiLatencyMs
        self.problems = problems
        self.requests = requests
    }
}
