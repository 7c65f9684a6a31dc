/// How many operations failed for one reason.
public struct FailureCount: Sendable, Equatable {
    /// S3's failure reason, e.g. "DstKmsKeyNotFound".
    public var reason: String
    /// Operations that failed for it in the window.
    public var count: Int

    /// Creates a count.
    public init(reason: String, count: Int) {
        self.reason = reason
        self.count = count
    }
}
