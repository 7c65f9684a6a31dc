import Foundation

/// What is known about one direction of a pair: source bucket → destination bucket.
/// Every measured value is optional: nil means not known (never read, read failed, or stale) and is never shown as 0.
public struct DirectionStatus: Sendable, Equatable {
    /// The fields, shared between copies until one of them changes (copy on write): a direction is 470 bytes
    /// of strings, arrays and series, and copying it field by field (a retain of each) was a large part of
    /// judging 10,000 pairs; a copy is now one retain.
    private var storage: Storage

    /// Makes `storage` this value's own before a change.
    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The stored fields. Written only through the accessors after `unique()`, so an instance two values share
    /// is never written: that is what makes it safe to send, and to read without exclusivity checks.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var source: Bucket
        @exclusivity(unchecked) var destination: Bucket
        @exclusivity(unchecked) var rules: [ReplicationRule]?
        @exclusivity(unchecked) var rulesProblem: SourceProblem?
        @exclusivity(unchecked) var lagSeconds: Double?
        @exclusivity(unchecked) var lagHistory: Series
        @exclusivity(unchecked) var pendingOperations: Int?
        @exclusivity(unchecked) var pendingBytes: Int64?
        @exclusivity(unchecked) var pendingHistory: Series
        @exclusivity(unchecked) var failedOperations: Int?
        @exclusivity(unchecked) var failures: [FailureCount]
        @exclusivity(unchecked) var queue: [PendingObject]
        @exclusivity(unchecked) var metricsAt: Date?
        @exclusivity(unchecked) var metricsProblem: SourceProblem?
        @exclusivity(unchecked) var canaryLagSeconds: Double?
        @exclusivity(unchecked) var replicationRole: String?
        @exclusivity(unchecked) var canaryProblem: SourceProblem?
        @exclusivity(unchecked) var queueSource: QueueSource?
        @exclusivity(unchecked) var queueCoverage: QueueCoverage?
        @exclusivity(unchecked) var queueProblem: SourceProblem?
        @exclusivity(unchecked) var replicationTime: ReplicationTimeEvents?
        @exclusivity(unchecked) var pendingFromQueue: Bool = false
        @exclusivity(unchecked) var queueHistory: Series = Series(capacity: 240)

        /// The instance's size: the object header (16 bytes) and the fields above, laid out as a tuple of them is.
        static let bytes = 16 + MemoryLayout<(Bucket, Bucket, [ReplicationRule]?, SourceProblem?, Double?, Series, Int?,
                                              Int64?, Series, Int?, [FailureCount], [PendingObject], Date?, SourceProblem?,
                                              Double?, String?, SourceProblem?, QueueSource?, QueueCoverage?,
                                              SourceProblem?, ReplicationTimeEvents?, Bool, Series)>.size

        /// Starts loading the first line of the rules' buffer and of the lag samples' buffer.
        @inline(__always)
        func prefetchBuffers() {
            // `&field` passed as an UnsafePointer is a read of the field, never a write.
            Prefetch.referenced(by: &rules, Prefetch.lineBytes)
            Prefetch.referenced(by: &lagHistory, at: Series.samplesOffset, Prefetch.lineBytes)
        }

        /// Starts loading the newest lag samples.
        @inline(__always)
        func prefetchNewestSamples() {
            Prefetch.tail(ofSamplesOf: &lagHistory, elements: 8)
        }

        init(source: Bucket, destination: Bucket, rules: [ReplicationRule]?, rulesProblem: SourceProblem?,
             lagSeconds: Double?, lagHistory: Series, pendingOperations: Int?, pendingBytes: Int64?,
             pendingHistory: Series, failedOperations: Int?, failures: [FailureCount], queue: [PendingObject],
             metricsAt: Date?, metricsProblem: SourceProblem?) {
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

        /// A field-by-field copy.
        func copy() -> Storage {
            let copy = Storage(source: source, destination: destination, rules: rules, rulesProblem: rulesProblem,
                               lagSeconds: lagSeconds, lagHistory: lagHistory, pendingOperations: pendingOperations,
                               pendingBytes: pendingBytes, pendingHistory: pendingHistory,
                               failedOperations: failedOperations, failures: failures, queue: queue,
                               metricsAt: metricsAt, metricsProblem: metricsProblem)
            copy.canaryLagSeconds = canaryLagSeconds
            copy.replicationRole = replicationRole
            copy.canaryProblem = canaryProblem
            copy.queueSource = queueSource
            copy.queueCoverage = queueCoverage
            copy.queueProblem = queueProblem
            copy.replicationTime = replicationTime
            copy.pendingFromQueue = pendingFromQueue
            copy.queueHistory = queueHistory
            return copy
        }
    }

    /// Starts loading the stored fields of the direction at `direction` (a hint; `Assessment` asks for the pairs
    /// it judges next); reads only the reference to them.
    @inline(__always)
    static func prefetchFields(at direction: UnsafePointer<DirectionStatus>) {
        Prefetch.referenced(by: direction, Storage.bytes)
    }

    /// Starts loading the headers of what judging reads beyond the fields: the rules and the lag samples; reads
    /// the fields (asked for before).
    @inline(__always)
    static func prefetchBuffers(at direction: UnsafePointer<DirectionStatus>) {
        direction.pointee.storage.prefetchBuffers()
    }

    /// Starts loading the newest lag samples (the trend window's); reads the samples' header (asked for before).
    @inline(__always)
    static func prefetchNewestSamples(at direction: UnsafePointer<DirectionStatus>) {
        direction.pointee.storage.prefetchNewestSamples()
    }

    /// Source bucket.
    public var source: Bucket {
        _read { yield storage.source }
        _modify {
            unique()
            yield &storage.source
        }
    }
    /// Destination bucket.
    public var destination: Bucket {
        _read { yield storage.destination }
        _modify {
            unique()
            yield &storage.destination
        }
    }
    /// The source bucket's rules that target the destination; nil when the configuration could not be read,
    /// empty when the source has no rule for this destination (the direction is not replicated).
    public var rules: [ReplicationRule]? {
        _read { yield storage.rules }
        _modify {
            unique()
            yield &storage.rules
        }
    }
    /// Why the rules are missing, when they could not be read.
    public var rulesProblem: SourceProblem? {
        _read { yield storage.rulesProblem }
        _modify {
            unique()
            yield &storage.rulesProblem
        }
    }
    /// Replication lag now, in seconds (CloudWatch ReplicationLatency Maximum, or the oldest pending object's age).
    public var lagSeconds: Double? {
        _read { yield storage.lagSeconds }
        _modify {
            unique()
            yield &storage.lagSeconds
        }
    }
    /// Recent lag samples.
    public var lagHistory: Series {
        _read { yield storage.lagHistory }
        _modify {
            unique()
            yield &storage.lagHistory
        }
    }
    /// Operations waiting to replicate.
    public var pendingOperations: Int? {
        _read { yield storage.pendingOperations }
        _modify {
            unique()
            yield &storage.pendingOperations
        }
    }
    /// Bytes waiting to replicate.
    public var pendingBytes: Int64? {
        _read { yield storage.pendingBytes }
        _modify {
            unique()
            yield &storage.pendingBytes
        }
    }
    /// Recent pending-operation samples, for the drain estimate.
    public var pendingHistory: Series {
        _read { yield storage.pendingHistory }
        _modify {
            unique()
            yield &storage.pendingHistory
        }
    }
    /// Operations that failed to replicate in the last 15 minutes.
    public var failedOperations: Int? {
        _read { yield storage.failedOperations }
        _modify {
            unique()
            yield &storage.failedOperations
        }
    }
    /// The failed operations of the last 15 minutes by reason.
    public var failures: [FailureCount] {
        _read { yield storage.failures }
        _modify {
            unique()
            yield &storage.failures
        }
    }
    /// A sample of the objects waiting (PENDING) or failed (FAILED), newest information first.
    public var queue: [PendingObject] {
        _read { yield storage.queue }
        _modify {
            unique()
            yield &storage.queue
        }
    }
    /// Timestamp of the newest metric datapoint; metrics older than the stale limit are not trusted.
    public var metricsAt: Date? {
        _read { yield storage.metricsAt }
        _modify {
            unique()
            yield &storage.metricsAt
        }
    }
    /// The metrics problem, when the metrics could not be read.
    public var metricsProblem: SourceProblem? {
        _read { yield storage.metricsProblem }
        _modify {
            unique()
            yield &storage.metricsProblem
        }
    }
    /// End-to-end lag measured by drtop's last canary object, when canaries run (`--canary`).
    public var canaryLagSeconds: Double? {
        _read { yield storage.canaryLagSeconds }
        _modify {
            unique()
            yield &storage.canaryLagSeconds
        }
    }
    /// The source bucket's replication role (GetBucketReplication's `Role`), when read.
    public var replicationRole: String? {
        _read { yield storage.replicationRole }
        _modify {
            unique()
            yield &storage.replicationRole
        }
    }
    /// Why the last canary could not be written or read back, e.g. "AccessDenied (needs s3:PutObject on …)".
    public var canaryProblem: SourceProblem? {
        _read { yield storage.canaryProblem }
        _modify {
            unique()
            yield &storage.canaryProblem
        }
    }
    /// Where `queue` comes from; nil when no queue is followed for this direction.
    public var queueSource: QueueSource? {
        _read { yield storage.queueSource }
        _modify {
            unique()
            yield &storage.queueSource
        }
    }
    /// How much of the store the queue has seen (a scan partway through a bucket, events left unread).
    public var queueCoverage: QueueCoverage? {
        _read { yield storage.queueCoverage }
        _modify {
            unique()
            yield &storage.queueCoverage
        }
    }
    /// Why part of the queue could not be read, e.g. "HeadObject …: AccessDenied (needs s3:GetObjectVersion)".
    public var queueProblem: SourceProblem? {
        _read { yield storage.queueProblem }
        _modify {
            unique()
            yield &storage.queueProblem
        }
    }
    /// Replication Time Control events of the last 15 minutes; nil without an event queue.
    public var replicationTime: ReplicationTimeEvents? {
        _read { yield storage.replicationTime }
        _modify {
            unique()
            yield &storage.replicationTime
        }
    }
    /// True when `pendingOperations` is the count of the followed queue, not CloudWatch's figure.
    public var pendingFromQueue: Bool {
        _read { yield storage.pendingFromQueue }
        _modify {
            unique()
            yield &storage.pendingFromQueue
        }
    }
    /// The followed queue's PENDING count at each poll: live, per-poll data for the drain estimate where
    /// CloudWatch's one-minute series has too few points yet.
    public var queueHistory: Series {
        _read { yield storage.queueHistory }
        _modify {
            unique()
            yield &storage.queueHistory
        }
    }

    /// Creates a direction with nothing measured yet.
    public init(
        source: Bucket, destination: Bucket, rules: [ReplicationRule]? = nil, rulesProblem: SourceProblem? = nil,
        lagSeconds: Double? = nil, lagHistory: Series = Series(), pendingOperations: Int? = nil,
        pendingBytes: Int64? = nil, pendingHistory: Series = Series(), failedOperations: Int? = nil,
        failures: [FailureCount] = [], queue: [PendingObject] = [], metricsAt: Date? = nil,
        metricsProblem: SourceProblem? = nil
    ) {
        storage = Storage(source: source, destination: destination, rules: rules, rulesProblem: rulesProblem,
                          lagSeconds: lagSeconds, lagHistory: lagHistory, pendingOperations: pendingOperations,
                          pendingBytes: pendingBytes, pendingHistory: pendingHistory,
                          failedOperations: failedOperations, failures: failures, queue: queue, metricsAt: metricsAt,
                          metricsProblem: metricsProblem)
    }

    /// Equal values: the same storage, or equal fields.
    public static func == (lhs: DirectionStatus, rhs: DirectionStatus) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.source == rhs.source
            && lhs.destination == rhs.destination
            && lhs.rules == rhs.rules
            && lhs.rulesProblem == rhs.rulesProblem
            && lhs.lagSeconds == rhs.lagSeconds
            && lhs.lagHistory == rhs.lagHistory
            && lhs.pendingOperations == rhs.pendingOperations
            && lhs.pendingBytes == rhs.pendingBytes
            && lhs.pendingHistory == rhs.pendingHistory
            && lhs.failedOperations == rhs.failedOperations
            && lhs.failures == rhs.failures
            && lhs.queue == rhs.queue
            && lhs.metricsAt == rhs.metricsAt
            && lhs.metricsProblem == rhs.metricsProblem
            && lhs.canaryLagSeconds == rhs.canaryLagSeconds
            && lhs.replicationRole == rhs.replicationRole
            && lhs.canaryProblem == rhs.canaryProblem
            && lhs.queueSource == rhs.queueSource
            && lhs.queueCoverage == rhs.queueCoverage
            && lhs.queueProblem == rhs.queueProblem
            && lhs.replicationTime == rhs.replicationTime
            && lhs.pendingFromQueue == rhs.pendingFromQueue
            && lhs.queueHistory == rhs.queueHistory)
    }

    /// The enabled rules, or nil when the configuration is unknown.
    public var enabledRules: [ReplicationRule]? { rules?.filter(\.enabled) }

    /// True when the configuration was read and at least one enabled rule replicates this direction.
    public var isReplicated: Bool { !(enabledRules ?? []).isEmpty }

    /// True when the configuration was read and no rule targets the destination.
    public var isAbsent: Bool { rules?.isEmpty ?? false }
}
