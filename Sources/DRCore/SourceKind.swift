/// Where a snapshot's data comes from.
public enum SourceKind: String, Sendable, Equatable, Codable {
    /// The embedded simulator.
    case demo
    /// Real S3 and CloudWatch APIs (AWS or an S3-compatible endpoint).
    case aws
    /// Ceph RGW multisite, through radosgw's admin API: zones stand for regions.
    case ceph
}
