import Foundation

/// What is known about one direction of a pair: source bucket → destination bucket.
/// Every measured value is optional: nil means not known (never read, read failed, or stale) and is never shown as 0.
public struct DirectionStatus: Sendable, Equatable {
    /// Source bucket.
    public var source: Bucket
    /// Destination bucket.
    public var destination: Bucket
    /// The source bucket's rules that target the destination; nil when the configuration could not be read,
    /// empty when the source has no rule for this destination (the direction is not replicated).
    public var rules: [ReplicationRule]?
    /// Why the rules are missing, when they could not be read.
    public var rulesProblem: SourceProblem?
    /// Replication lag now, in seconds (CloudWatch ReplicationLatency Maximum, or the oldest pending object's age).
    public var lagSeconds: Double?
    /// Recent lag samples.
    public var lagHistory: Series
    /// Operations waiting to replicate.
    public var pendingOperations: Int?
    /// Bytes waiting to replicate.
    public var pendingBytes: Int64?
    /// Recent pending-operation samples, for the drain estimate.
    public var pendingHistory: Series
    /// Operations that failed to replicate in the last 15 minutes.
    public var failedOperations: Int?
    /// The failed operations of the last 15 minutes by reason.
    public var failures: [FailureCount]
    /// A sample of the objects waiting (PENDING) or failed (FAILED), newest information first.
    public var queue: [PendingObject]
    /// Timestamp of the newest metric datapoint; metrics older than the stale limit are not trusted.
    public var metricsAt: Date?
    /// The metrics problem, when the metrics could not be read.
    public var metricsProblem: SourceProblem?
    /// End-to-end lag measured by drtop's last canary object, when canaries run (`--canary`).
    public var canaryLagSeconds: Double?
    /// The source bucket's replication role (GetBucketReplication's `Role`), when read.
    public var replicationRole: String?
    /// Why the last canary could not be written or read back, e.g. "AccessDenied (needs s3:PutObject on …)".
    public var canaryProblem: SourceProblem?
    /// Where `queue` comes from; nil when no queue is followed for this direction.
    public var queueSource: QueueSource?
    /// How much of the store the queue has seen (a scan partway through a bucket, events left unread).
    public var queueCoverage: QueueCoverage?
    /// Why part of the queue could not be read, e.g. "HeadObject …: AccessDenied (needs s3:GetObjectVersion)".
    public var queueProblem: SourceProblem?
    /// Replication Time Control events of the last 15 minutes; nil without an event queue.
    public var replicationTime: ReplicationTimeEvents?
    /// True when `pendingOperations` is the count of the followed queue, not CloudWatch's figure.
    public var pendingFromQueue = false
    /// The followed queue's PENDING count at each poll: live, per-poll data for the drain estimate where
    /// CloudWatch's one-minute series has too few points yet.
    public var queueHistory = Series(capacity: 240)

    /// Creates a direction with nothing measured yet.
    public init(
        source: Bucket, destination: Bucket, rules: [ReplicationRule]? = nil, rulesProblem: SourceProblem? = nil,
        lagSeconds: Double? = nil, lagHistory: Series = Series(), pendingOperations: Int? = nil,
        pendingBytes: Int64? = nil, pendingHistory: Series = Series(), failedOperations: Int? = nil,
        failures: [FailureCount] = [], queue: [PendingObject] = [], metricsAt: Date? = nil,
        metricsProblem: SourceProblem? = nil
    ) {
        self.source = source
        self.destination = destination
        self.rules = rules
        self.rulesProblem = rulesProblem
        self.lagSeconds = lagSeconds
        self.lagHistory = lagHistory
        self.pendingOperations = pendingOperations
        self.pendingBytes = pendingBytes
        self.pendingHistory = pendingHistory
        self.failedOperations = failedOperations
        self.failures = failures
        self.queue = queue
        self.metricsAt = metricsAt
        self.metricsProblem = metricsProblem
    }

    /// The enabled rules, or nil when the configuration is unknown.
    public var enabledRules: [ReplicationRule]? { rules?.filter(\.enabled) }

    /// True when the configuration was read and at least one enabled rule replicates this direction.
    public var isReplicated: Bool { !(enabledRules ?? []).isEmpty }

    /// True when the configuration was read and no rule targets the destination.
    public var isAbsent: Bool { rules?.isEmpty ?? false }
}
