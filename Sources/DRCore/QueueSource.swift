/// Where a direction's list of waiting objects comes from.
public enum QueueSource: String, Sendable, Equatable {
    /// drtop lists recent versions of the source bucket and HEADs them (bounded: recent versions only).
    case scan
    /// S3 event notifications read from an SQS queue (s3:ObjectCreated:*, s3:Replication:*), then HEAD.
    case events
    /// The demo's simulated sample.
    case simulated

    /// True for objects followed in the store itself (scanned or from events), not simulated.
    public var isLive: Bool { self != .simulated }
}
