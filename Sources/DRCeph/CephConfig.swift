import DRCore
import Foundation

/// The `[ceph]` table of drtop's configuration: one realm watched through radosgw's admin API.
///
/// ```toml
/// [ceph]
/// endpoint = "http://rgw-east.example:8080"   # any one gateway of the realm; zones' endpoints come from the period
/// profile = "ceph-admin"                      # optional: the system user's keys (else the usual AWS chain)
/// rpo = "5m"                                  # or strategy = "…", as for pairs
/// [ceph.buckets.photos]
/// rpo = "1m"                                  # or strategy = "…": this bucket's pair only
/// [ceph.zones.us-west]
/// endpoint = "http://127.0.0.1:8002"          # optional per-zone override (NAT, local tests)
/// ```
package struct CephConfig: Sendable, Equatable {
    /// The gateway the period is first read from.
    package var endpoint: URL
    /// The AWS-style profile holding the system user's keys (nil: the usual chain).
    package var profile: String?
    /// The zone pair's RPO in seconds.
    package var rpoSeconds: Double
    /// The DR strategy, when named.
    package var strategy: DRStrategy?
    /// Gateway overrides by zone name.
    package var zoneEndpoints: [String: URL]
    /// Per-bucket RPOs (`[ceph.buckets.NAME]`) by bucket name.
    package var buckets: [String: CephBucketTarget] = [:]

    /// Creates a configuration.
    package init(endpoint: URL, profile: String? = nil, rpoSeconds: Double, strategy: DRStrategy? = nil,
                zoneEndpoints: [String: URL] = [:]) {
        self.endpoint = endpoint
        self.profile = profile
        self.rpoSeconds = rpoSeconds
        self.strategy = strategy
        self.zoneEndpoints = zoneEndpoints
    }
}
