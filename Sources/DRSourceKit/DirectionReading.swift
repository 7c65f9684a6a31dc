import DRCore
import Foundation

/// The part of one direction that one region reported. Nil fields are "this region does not know";
/// the poller overlays the readings of all regions.
package struct DirectionReading: Sendable, Equatable {
    /// Rules of the source bucket that target the destination ([] = none).
    package var rules: [ReplicationRule]?
    /// Why the rules could not be read.
    package var rulesProblem: SourceProblem?
    /// Lag now, in seconds.
    package var lagSeconds: Double?
    /// Recent lag samples the region returned.
    package var lagSamples: [Sample]?
    /// Operations pending.
    package var pendingOperations: Int?
    /// Bytes pending.
    package var pendingBytes: Int64?
    /// Recent pending-operation samples.
    package var pendingSamples: [Sample]?
    /// Failed operations in the last 15 minutes.
    package var failedOperations: Int?
    /// Failures by reason.
    package var failures: [FailureCount]?
    /// Objects waiting or failed.
    package var queue: [PendingObject]?
    /// Time of the newest metric datapoint.
    package var metricsAt: Date?
    /// Why metrics could not be read.
    package var metricsProblem: SourceProblem?
    /// End-to-end lag measured by the last canary object (opt-in, `--canary`).
    package var canaryLagSeconds: Double?
    /// Where the queue comes from.
    package var queueSource: QueueSource?
    /// Why the last canary could not be written or read back (`--canary`).
    package var canaryProblem: SourceProblem?
    /// The source bucket's replication role.
    package var replicationRole: String?
    /// How much of the store the queue has seen.
    package var queueCoverage: QueueCoverage?
    /// Why part of the queue could not be read (a HEAD denied, a listing refused).
    package var queueProblem: SourceProblem?
    /// Replication Time Control events of the last 15 minutes (event queues only).
    package var replicationTime: ReplicationTimeEvents?

    /// Creates an empty reading.
    package init() {}

    /// This reading with every field it lacks taken from `other`.
    package func filled(from other: DirectionReading) -> DirectionReading {
        var out = self
        out.rules = rules ?? other.rules
        out.rulesProblem = rulesProblem ?? other.rulesProblem
        out.lagSeconds = lagSeconds ?? other.lagSeconds
        out.lagSamples = lagSamples ?? other.lagSamples
        out.pendingOperations = pendingOperations ?? other.pendingOperations
        out.pendingBytes = pendingBytes ?? other.pendingBytes
        out.pendingSamples = pendingSamples ?? other.pendingSamples
        out.failedOperations = failedOperations ?? other.failedOperations
        out.failures = failures ?? other.failures
        out.queue = queue ?? other.queue
        out.metricsAt = metricsAt ?? other.metricsAt
        out.metricsProblem = metricsProblem ?? other.metricsProblem
        out.canaryLagSeconds = canaryLagSeconds ?? other.canaryLagSeconds
        out.queueSource = queueSource ?? other.queueSource
        out.canaryProblem = canaryProblem ?? other.canaryProblem
        out.replicationRole = replicationRole ?? other.replicationRole
        out.queueCoverage = queueCoverage ?? other.queueCoverage
        out.queueProblem = queueProblem ?? other.queueProblem
        out.replicationTime = replicationTime ?? other.replicationTime
        return out
    }
}
