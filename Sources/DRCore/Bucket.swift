/// One side of a bucket pair.
public struct Bucket: Sendable, Equatable, Hashable {
    /// Bucket name.
    public var name: String
    /// Region the bucket lives in.
    public var region: String
    /// Versioning state; replication requires `enabled` on both sides.
    public var versioning: Versioning

    /// Creates a bucket description.
    public init(name: String, region: String, versioning: Versioning = .unknown) {
        self.name = name
        self.region = region
        self.versioning = versioning
    }
}
