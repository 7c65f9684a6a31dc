/// A bucket's versioning state, as GetBucketVersioning reports it.
public enum Versioning: String, Sendable, Equatable, Codable {
    case enabled = "Enabled"
    case suspended = "Suspended"
    /// Versioning was never turned on.
    case unversioned = "Unversioned"
    /// Not read yet, or the read failed.
    case unknown = "Unknown"
}
