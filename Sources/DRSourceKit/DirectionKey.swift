/// Names one replication direction by its buckets (and, where a bucket has the same name on both sides, as a
/// Ceph bucket has in every zone of a realm, by their regions too).
package struct DirectionKey: Sendable, Hashable {
    /// Source bucket name.
    package var source: String
    /// Destination bucket name.
    package var destination: String
    /// The source bucket's region, when the names alone do not tell the directions apart.
    package var sourceRegion: String?
    /// The destination bucket's region, likewise.
    package var destinationRegion: String?

    /// Creates a key.
    package init(source: String, destination: String, sourceRegion: String? = nil, destinationRegion: String? = nil) {
        self.source = source
        self.destination = destination
        self.sourceRegion = sourceRegion
        self.destinationRegion = destinationRegion
    }
}
