import Foundation

/// An object version waiting to replicate, or one that failed to.
public struct PendingObject: Sendable, Equatable {
    /// Object key.
    public var key: String
    /// Version ID.
    public var versionID: String
    /// Size in bytes.
    public var size: Int64
    /// When the version was written to the source.
    public var writtenAt: Date
    /// PENDING or FAILED.
    public var status: ObjectStatus
    /// S3's failure reason for FAILED objects, e.g. "DstKmsKeyNotFound".
    public var failureReason: String?
    /// What else is known: "one of 2 destinations" (the status is S3's aggregate over every destination),
    /// "missed the RTC threshold".
    public var note: String?

    /// Creates a queue entry.
    public init(
        key: String, versionID: String, size: Int64, writtenAt: Date, status: ObjectStatus,
        failureReason: String? = nil
    ) {
        self.key = key
        self.versionID = versionID
        self.size = size
        self.writtenAt = writtenAt
        self.status = status
        self.failureReason = failureReason
    }

    /// Seconds since the version was written.
    public func age(at now: Date) -> Double { max(0, now.timeIntervalSince(writtenAt)) }
}
