/// Names one replication direction by its buckets.
public struct DirectionKey: Sendable, Hashable {
    /// Source bucket name.
    public var source: String
    /// Destination bucket name.
    public var destination: String

    /// Creates a key.
    public init(source: String, destination: String) {
        self.source = source
        self.destination = destination
    }
}
