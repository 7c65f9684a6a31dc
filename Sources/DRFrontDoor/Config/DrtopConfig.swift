import DRCeph
import DRCore
import DRSourceKit
import DRWire
import Foundation

/// drtop's configuration file, validated.
package struct DrtopConfig: Sendable, Equatable {
    /// The file it was read from.
    package var path: String
    /// AWS profile to use (nil: AWS_PROFILE or "default").
    package var profile: String?
    /// Seconds between polls.
    package var refreshSeconds: Double?
    /// Seconds between configuration re-reads.
    package var configRefreshSeconds: Double = Defaults.configRefreshSeconds
    /// HTTP timeouts.
    package var connectTimeoutSeconds: Double = Defaults.connectTimeoutSeconds
    /// Seconds one request may take; nil: `defaultRequestTimeout(refresh:)`.
    package var requestTimeoutSeconds: Double?

    /// A request may take as long as one refresh, from 1 to 10 s (`Defaults.requestTimeout(refresh:)`, the rule's
    /// one owner).
    package static func defaultRequestTimeout(refresh: Double) -> Double { Defaults.requestTimeout(refresh: refresh) }
    /// Judgement thresholds.
    package var thresholds = Thresholds.standard
    /// Per-region endpoint overrides.
    package var endpoints: [String: URL] = [:]
    /// The pairs, in file order.
    package var pairs: [PairSpec] = []
    /// SQS queues receiving a bucket's S3 event notifications (`events = "https://sqs…"` on a pair side), by
    /// bucket name: the object queue of that bucket's directions is fed from them instead of by scanning.
    package var eventQueues: [String: URL] = [:]
    /// Buckets read with other credentials than the main ones (`profile` or `role_arn` on a pair side), by
    /// bucket name.
    package var bucketAccounts: [String: BucketAccount] = [:]
    /// Whether to build the pairs from the account's buckets instead.
    package var discover = false
    /// The Ceph RGW multisite realm to watch (`[ceph]`), when configured.
    package var ceph: CephConfig?
    /// Default RPO for pairs that name neither an RPO nor a strategy.
    package var defaultRPOSeconds: Double = Defaults.rpoSeconds

    package init(path: String) {
        self.path = path
    }
}
