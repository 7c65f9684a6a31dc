import DRCore
import Foundation

/// drtop's configuration file, validated.
public struct DrtopConfig: Sendable, Equatable {
    /// The file it was read from.
    public var path: String
    /// AWS profile to use (nil: AWS_PROFILE or "default").
    public var profile: String?
    /// Seconds between polls.
    public var refreshSeconds: Double?
    /// Seconds between configuration re-reads.
    public var configRefreshSeconds: Double = Defaults.configRefreshSeconds
    /// HTTP timeouts.
    public var connectTimeoutSeconds: Double = Defaults.connectTimeoutSeconds
    /// Seconds one request may take; nil: `defaultRequestTimeout(refresh:)`.
    public var requestTimeoutSeconds: Double?

    /// A request may take as long as one refresh, from 1 to 10 s (`Defaults.requestTimeout(refresh:)`, the rule's
    /// one owner).
    public static func defaultRequestTimeout(refresh: Double) -> Double { Defaults.requestTimeout(refresh: refresh) }
    /// Judgement thresholds.
    public var thresholds = Thresholds.standard
    /// Per-region endpoint overrides.
    public var endpoints: [String: URL] = [:]
    /// The pairs, in file order.
    public var pairs: [PairSpec] = []
    /// SQS queues receiving a bucket's S3 event notifications (`events = "https://sqs…"` on a pair side), by
    /// bucket name: the object queue of that bucket's directions is fed from them instead of by scanning.
    public var eventQueues: [String: URL] = [:]
    /// Buckets read with other credentials than the main ones (`profile` or `role_arn` on a pair side), by
    /// bucket name.
    public var bucketAccounts: [String: BucketAccount] = [:]
    /// Whether to build the pairs from the account's buckets instead.
    public var discover = false
    /// The Ceph RGW multisite realm to watch (`[ceph]`), when configured.
    public var ceph: CephConfig?
    /// Default RPO for pairs that name neither an RPO nor a strategy.
    public var defaultRPOSeconds: Double = Defaults.rpoSeconds

    public init(path: String) {
        self.path = path
    }
}
