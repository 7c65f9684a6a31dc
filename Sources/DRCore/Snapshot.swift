import Foundation

/// Everything drtop knows at one moment: immutable, published by the poller, drawn by the UI.
public struct Snapshot: Sendable, Equatable {
    /// When the poll that produced it finished.
    public var takenAt: Date
    /// Demo or real APIs.
    public var source: SourceKind
    /// The demo scenario running, when the source is the demo.
    public var scenario: String?
    /// The regions polled, in display order.
    public var regions: [RegionStatus]
    /// The bucket pairs, in configuration order.
    public var pairs: [BucketPair]
    /// Requests sent since start, by API and region.
    public var requests: [RequestCount]
    /// Estimated monthly cost of the API calls at the current rate, when the source pays for them.
    public var estimatedMonthlyCostUSD: Double?
    /// The same split by account ("main" for the main credentials) when cross-account sides are read.
    public var costByAccount: [String: Double] = [:]
    /// How long the poll took, in seconds.
    public var pollDurationSeconds: Double?
    /// Counts polls: 0 for the placeholder before the first poll.
    public var sequence: Int
    /// Progress of work still under way, when the poll is not complete.
    public var progress: PollProgress?
    /// Which source reads each region, where it is not `source` itself (a file with both AWS pairs and a Ceph
    /// realm: its zones are `.ceph`, its AWS regions `.aws`).
    public var regionKinds: [String: SourceKind] = [:]

    /// Creates a snapshot.
    public init(
        takenAt: Date, source: SourceKind, scenario: String? = nil, regions: [RegionStatus], pairs: [BucketPair],
        requests: [RequestCount] = [], estimatedMonthlyCostUSD: Double? = nil, pollDurationSeconds: Double? = nil,
        sequence: Int = 0, progress: PollProgress? = nil
    ) {
        self.takenAt = takenAt
        self.source = source
        self.scenario = scenario
        self.regions = regions
        self.pairs = pairs
        self.requests = requests
        self.estimatedMonthlyCostUSD = estimatedMonthlyCostUSD
        self.pollDurationSeconds = pollDurationSeconds
        self.sequence = sequence
        self.progress = progress
    }

    /// The status of region `name`, if it is polled.
    public func region(_ name: String) -> RegionStatus? { regions.first { $0.name == name } }

    /// The kind of source that reads region `name`: `.ceph` for a Ceph zone, even in a mixed snapshot.
    public func kind(ofRegion name: String) -> SourceKind { regionKinds[name] ?? source }

    /// The pair called `name`.
    public func pair(named name: String) -> BucketPair? { pairs.first { $0.name == name } }
}
