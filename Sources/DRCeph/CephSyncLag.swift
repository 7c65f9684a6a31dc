import DRWire
import Foundation

/// How far a destination zone's data sync trails one source zone, judged as `radosgw-admin sync status` judges it
/// (Ceph's `src/rgw/rgw_admin.cc`, `get_data_sync_status`): a shard is behind when it is still in full sync, or
/// in incremental sync with the source log's head marker past the destination's marker; the oldest change not
/// applied is the earliest timestamp of the first source log entry after each behind shard's marker. As newer
/// Ceph releases do, a shard whose marker trails the head but that has no entry after it is not behind.
package struct CephSyncLag: Sendable, Equatable {
    /// The destination's overall data sync state ("sync" once full sync is set up; "init", "preparing",
    /// "building-full-sync-maps" before).
    package var state: String
    /// Data log shards.
    package var totalShards: Int
    /// Shards still in full sync.
    package var fullSyncShards: [Int]
    /// Shards in incremental sync with source changes not applied.
    package var behindShards: [Int]
    /// The shard of the oldest change not applied.
    package var oldestShard: Int?
    /// When the oldest change not applied was logged at the source.
    package var oldestChange: Date?

    /// Creates a judgement.
    package init(state: String, totalShards: Int, fullSyncShards: [Int], behindShards: [Int], oldestShard: Int?,
                oldestChange: Date?) {
        self.state = state
        self.totalShards = totalShards
        self.fullSyncShards = fullSyncShards
        self.behindShards = behindShards
        self.oldestShard = oldestShard
        self.oldestChange = oldestChange
    }

    /// Whether every change of the source has been applied (Ceph's "data is caught up with source").
    package var isCaughtUp: Bool { state == "sync" && fullSyncShards.isEmpty && behindShards.isEmpty }

    /// Lag at `now`: 0 when caught up, the age of the oldest change not applied when behind, nil when sync
    /// cannot say (full sync under way: no per-change time; behind without a dated entry).
    package func lagSeconds(at now: Date) -> Double? {
        if isCaughtUp { return 0 }
        guard state == "sync", fullSyncShards.isEmpty, let oldestChange else { return nil }
        return max(0, now.timeIntervalSince(oldestChange))
    }

    /// One line for the screen: "Ceph sync status: caught up (128 shards)", or what is behind and since when.
    package var evidence: String {
        if isCaughtUp { return "Ceph sync status: data is caught up with source (\(totalShards) shards)" }
        var parts: [String] = []
        if state != "sync" { parts.append("data sync \(state)") }
        if !fullSyncShards.isEmpty { parts.append("full sync on \(fullSyncShards.count)/\(totalShards) shards") }
        if !behindShards.isEmpty {
            let listed = behindShards.prefix(8).map(String.init).joined(separator: ",")
            let more = behindShards.count > 8 ? ",…" : ""
            parts.append("behind on \(behindShards.count)/\(totalShards) shards [\(listed)\(more)]")
        }
        if let oldestChange, let oldestShard {
            parts.append("oldest change not applied \(ISO8601.format(oldestChange)) [\(oldestShard)]")
        }
        return "Ceph sync status: " + parts.joined(separator: "; ")
    }

    /// The shards to look up the next source entry of (shard → destination marker), and the shards in full sync.
    static func candidates(status: CephDataSyncStatus, sourceHeads: [Int: CephLogShardInfo])
        -> (behind: [Int: String], full: [Int]) {
        var behind: [Int: String] = [:]
        var full: [Int] = []
        for (shard, marker) in status.markers {
            if !marker.isIncremental {
                full.append(shard)
            } else if let head = sourceHeads[shard], head.marker > marker.marker {
                behind[shard] = marker.marker
            }
        }
        // Shards the status does not list at all have not started: Ceph counts them behind (num_shards - num_inc).
        let listed = Set(status.markers.keys)
        full += (0..<status.numShards).filter { !listed.contains($0) }
        return (behind, full.sorted())
    }

    /// The judgement from the candidates and the time of the first source entry after each behind marker
    /// (nil: no entry after it).
    static func judge(status: CephDataSyncStatus, full: [Int], next: [Int: Date?]) -> CephSyncLag {
        var behind: [Int] = []
        var oldest: (shard: Int, time: Date)?
        for shard in next.keys.sorted() {
            guard let entry = next[shard], let time = entry else { continue }
            behind.append(shard)
            if oldest == nil || time < oldest!.time { oldest = (shard, time) }
        }
        return CephSyncLag(state: status.state, totalShards: max(status.numShards, status.markers.count),
                           fullSyncShards: full, behindShards: behind, oldestShard: oldest?.shard,
                           oldestChange: oldest?.time)
    }
}
