/// Names one replication direction by its buckets (and, where a bucket has the same name on both sides, as a
/// Ceph bucket has in every zone of a realm, by their regions too).
public struct DirectionKey: Sendable, Hashable {
    /// Source bucket name.
    public var source: String
    /// Destination bucket name.
    public var destination: String
    /// The source bucket's region, when the names alone do not tell the directions apart.
    public var sourceRegion: String?
    /// The destination bucket's region, likewise.
    public var destinationRegion: String?

    /// Creates a key.
    public init(source: String, destination: String, sourceRegion: String? = nil, destinationRegion: String? = nil) {
        self.source = source
        self.destination = destination
        self.sourceRegion = sourceRegion
        self.destinationRegion = destinationRegion
    }
}
