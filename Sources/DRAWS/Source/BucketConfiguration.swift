import DRCore
import Foundation

/// What drtop last read of one bucket's configuration, and when.
struct BucketConfiguration: Sendable {
    var versioning: Versioning?
    var rules: [ReplicationRule]?
    /// The replication configuration's IAM role (its account runs a Batch Replication job).
    var role: String?
    var problem: SourceProblem?
    var fetchedAt: Date
    /// Whether the problem came from this refresh (and is to be reported once as a region problem).
    var fresh = true
}
