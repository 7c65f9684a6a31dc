import DRWire
import Foundation

/// How far one bucket's sync into a destination zone trails its source zone, judged as
/// `radosgw-admin bucket sync status` judges it (Ceph's `src/rgw/rgw_admin.cc`, `bucket_source_sync_status`):
/// a shard whose source log has entries is behind unless it is in incremental sync at the source's head marker;
/// shards in full sync are not caught up either. drtop adds the time: the oldest change not applied is the
/// earliest first source log entry after a behind shard's position (its first entry when the shard has not
/// started syncing).
package struct CephBucketSyncLag: Sendable, Equatable {
    /// The bucket.
    package var bucket: String
    /// Bucket index shards.
    package var totalShards: Int
    /// Shards in full sync.
    package var fullSyncShards: [Int]
    /// Shards behind the source's log.
    package var behindShards: [Int]
    /// The shard of the oldest change not applied.
    package var oldestShard: Int?
    /// When the oldest change not applied was logged at the source.
    package var oldestChange: Date?

    /// Creates a judgement.
    package init(bucket: String, totalShards: Int, fullSyncShards: [Int], behindShards: [Int], oldestShard: Int?,
                oldestChange: Date?) {
        self.bucket = bucket
        self.totalShards = totalShards
        self.fullSyncShards = fullSyncShards
        self.behindShards = behindShards
        self.oldestShard = oldestShard
        self.oldestChange = oldestChange
    }

    /// Ceph's "bucket is caught up with source".
    package var isCaughtUp: Bool { behindShards.isEmpty && fullSyncShards.isEmpty }

    /// Lag at `now`: 0 when caught up, the age of the oldest change not applied when behind, nil when that has
    /// no time (full sync, or a behind shard whose source entries could not be dated).
    package func lagSeconds(at now: Date) -> Double? {
        if isCaughtUp { return 0 }
        guard fullSyncShards.isEmpty, let oldestChange else { return nil }
        return max(0, now.timeIntervalSince(oldestChange))
    }

    /// One line for the screen, saying where it came from.
    package var evidence: String {
        if isCaughtUp { return "Ceph bucket sync status: \(bucket) is caught up with source (\(totalShards) shards)" }
        var parts: [String] = []
        if !fullSyncShards.isEmpty { parts.append("full sync on \(fullSyncShards.count)/\(totalShards) shards") }
        if !behindShards.isEmpty {
            let listed = behindShards.prefix(8).map(String.init).joined(separator: ",")
            parts.append("behind on \(behindShards.count)/\(totalShards) shards [\(listed)\(behindShards.count > 8 ? ",…" : "")]")
        }
        if let oldestChange, let oldestShard {
            parts.append("oldest change not applied \(ISO8601.format(oldestChange)) [\(oldestShard)]")
        }
        return "Ceph bucket sync status: \(bucket) " + parts.joined(separator: "; ")
    }

    /// The behind shards (shard → the position to read the source log after) and the shards in full sync.
    static func candidates(status: [CephBucketShardStatus], heads: [Int: String]) -> (behind: [Int: String], full: [Int]) {
        var behind: [Int: String] = [:]
        var full: [Int] = []
        for (shard, entry) in status.enumerated() {
            if entry.state == "full-sync" { full.append(shard) }
            guard let head = heads[shard], !head.isEmpty else { continue }   // an empty shard is never behind
            if entry.state != "incremental-sync" || entry.position != head {
                // Not started (init): nothing of the shard applied, its first entry is the oldest not applied.
                behind[shard] = entry.state == "incremental-sync" ? entry.position : ""
            }
        }
        return (behind, full)
    }
}
