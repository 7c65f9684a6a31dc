import DRCore
import DRSourceKit
import Foundation

/// What a Ceph realm's period becomes on drtop's screens: zones as regions, master first, and each pair of
/// zones as a pair whose "buckets" are the zones themselves (zone sync covers every bucket).
enum CephLayout {
    /// The layout for `period`: each pair of zones as a whole first, then each bucket of `buckets` (the
    /// buckets every zone lists) as a pair of its own, named after the bucket.
    /// `targets` are the per-bucket RPOs (`[ceph.buckets.NAME]`); other buckets get the zone pair's.
    static func layout(_ period: CephPeriod, buckets: [CephBucket] = [], rpoSeconds: Double, strategy: DRStrategy?,
                       targets: [String: CephBucketTarget] = [:]) -> SourceLayout {
        let zones = period.zones
        var pairs: [PairSpec] = []
        var bucketPairs: [PairSpec] = []
        for (index, first) in zones.enumerated() {
            for second in zones[(index + 1)...] {
                let name = zones.count == 2 ? period.zonegroup : "\(first.name)-\(second.name)"
                pairs.append(PairSpec(name: name, primary: Bucket(name: first.name, region: first.name),
                                      secondary: Bucket(name: second.name, region: second.name),
                                      rpoSeconds: rpoSeconds, strategy: strategy))
                for bucket in buckets {
                    var pairName = zones.count == 2 ? bucket.name : "\(bucket.name) \(first.name)-\(second.name)"
                    if pairName == name { pairName += " (bucket)" }
                    let target = targets[bucket.name]
                    bucketPairs.append(PairSpec(name: pairName, primary: Bucket(name: bucket.name, region: first.name),
                                                secondary: Bucket(name: bucket.name, region: second.name),
                                                rpoSeconds: target?.rpoSeconds ?? rpoSeconds,
                                                strategy: target?.strategy ?? strategy))
                }
            }
        }
        return SourceLayout(kind: .ceph, regions: zones.map(\.name), pairs: pairs + bucketPairs)
    }

    /// The one "rule" of a bucket's sync direction: the zone sync, seen from one bucket.
    static func bucketRule(destination: String) -> ReplicationRule {
        ReplicationRule(id: "Ceph bucket sync", enabled: true, deleteMarkerReplication: true, replicaModifications: true,
                        existingObjectReplication: true, metrics: true, destinationBucket: destination)
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
