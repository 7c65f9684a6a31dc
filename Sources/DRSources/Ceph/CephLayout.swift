import DRCore
import Foundation

/// What a Ceph realm's period becomes on drtop's screens: zones as regions, master first, and each pair of
/// zones as a pair whose "buckets" are the zones themselves (zone sync covers every bucket).
enum CephLayout {
    /// The layout for `period`.
    static func layout(_ period: CephPeriod, rpoSeconds: Double, strategy: DRStrategy?) -> SourceLayout {
        let zones = period.zones
        var pairs: [PairSpec] = []
        for (index, first) in zones.enumerated() {
            for second in zones[(index + 1)...] {
                let name = zones.count == 2 ? period.zonegroup : "\(first.name)-\(second.name)"
                pairs.append(PairSpec(name: name, primary: Bucket(name: first.name, region: first.name),
                                      secondary: Bucket(name: second.name, region: second.name),
                                      rpoSeconds: rpoSeconds, strategy: strategy))
            }
        }
        return SourceLayout(kind: .ceph, regions: zones.map(\.name), pairs: pairs)
    }

    /// The one "rule" of a zone sync direction: Ceph multisite replicates every bucket, deletes and changes made
    /// on either side included, existing objects by full sync; lag comes from the sync status (not CloudWatch).
    static func rule(destination: String) -> ReplicationRule {
        ReplicationRule(id: "Ceph zone sync", enabled: true, deleteMarkerReplication: true, replicaModifications: true,
                        existingObjectReplication: true, metrics: true, destinationBucket: destination)
    }

    /// "host:port" of a gateway URL, for messages and request counts.
    static func hostName(_ url: URL) -> String {
        (url.host ?? url.absoluteString) + (url.port.map { ":\($0)" } ?? "")
    }
}
