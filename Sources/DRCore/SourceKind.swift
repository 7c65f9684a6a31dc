/// Where a snapshot's data comes from.
public enum SourceKind: String, Sendable, Equatable, Codable {
    /// The embedded simulator.
    case demo
    /// Real S3 and CloudWatch APIs (AWS or an S3-compatible endpoint).
    case aws
    /// Ceph RGW multisite, through radosgw's admin API: zones stand for regions.
    case ceph
    /// One configuration file with both: AWS (or S3-compatible) pairs and a Ceph realm, each region or zone read
    /// by its own source (`Snapshot.kind(ofRegion:)` says which).
    case awsAndCeph = "aws+ceph"

    /// Where the figures come from, for reports: "demo simulator (not real data)", "AWS S3 / CloudWatch",
    /// "Ceph sync status (radosgw admin API)", "AWS APIs and Ceph sync status".
    public var origin: String {
        switch self {
        case .demo: return "demo simulator (not real data)"
        case .aws: return "AWS S3 / CloudWatch"
        case .ceph: return "Ceph sync status (radosgw admin API)"
        case .awsAndCeph: return "AWS APIs and Ceph sync status"
        }
    }

    /// The short label of the data on screens and in reports: "demo data, not real", "live AWS data",
    /// "live Ceph data (Ceph sync status)".
    public var dataLabel: String {
        switch self {
        case .demo: return "demo data, not real"
        case .aws: return "live AWS data"
        case .ceph: return "live Ceph data (Ceph sync status)"
        case .awsAndCeph: return "live AWS and Ceph data"
        }
    }
}
