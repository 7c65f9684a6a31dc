import DRCore
import Foundation

/// Reads a realm's state through the admin API: the period, and per direction (source zone → destination zone)
/// the data sync lag as `radosgw-admin sync status` computes it (`CephSyncLag`). Reading one direction takes the
/// destination's sync markers (one request), the source's data log shard count and each shard's head (one
/// request per shard, 16 at a time), and the first source log entry after each marker that trails its head.
package struct CephSyncReader: Sendable {
    /// The admin API caller.
    package let admin: CephAdmin

    /// Creates a reader.
    package init(admin: CephAdmin) {
        self.admin = admin
    }

    /// The current period, as the gateway at `base` answers it; `name` counts the request.
    package func period(name: String, base: URL) async throws -> CephPeriod {
        try CephPeriod.parse(try await admin.get(zone: name, base: base, api: "GetPeriod", path: "admin/realm/period",
                                                 query: []))
    }

    /// The destination's data sync status for `source`.
    package func dataSyncStatus(destination: CephGateway, source: CephZone) async throws -> CephDataSyncStatus {
        let api = "DataSyncStatus"
        let body = try await admin.get(zone: destination.zone.name, base: destination.url, api: api, path: "admin/log/",
                                       query: [("type", "data"), ("status", ""), ("source-zone", source.id)])
        return try CephDataSyncStatus.parse(body, what: "\(destination.zone.name): \(api) from \(source.name)")
    }

    /// The head (marker, last update) of every data log shard of `source`.
    package func dataLogHeads(_ source: CephGateway) async throws -> [Int: CephLogShardInfo] {
        let name = source.zone.name
        let countBody = try await admin.get(zone: name, base: source.url, api: "DataLogInfo", path: "admin/log/",
                                            query: [("type", "data")])
        guard let root = try? JSONSerialization.jsonObject(with: countBody) as? [String: Any],
              let shards = (root["num_objects"] as? NSNumber)?.intValue, shards > 0, shards <= 4096 else {
            throw SourceProblem(.badResponse, "\(name): DataLogInfo: no shard count (num_objects) in the answer")
        }
        return try await CephLogShardInfo.readAll(shards: shards) { shard in
            let body = try await admin.get(zone: name, base: source.url, api: "DataLogShardInfo", path: "admin/log/",
                                           query: [("type", "data"), ("id", "\(shard)"), ("info", "")])
            return try CephLogShardInfo.parse(body, what: "\(name): DataLogShardInfo \(shard)")
        }
    }

    /// The time of the first entry of `source`'s data log shard `shard` after `marker` (nil: none).
    package func firstEntry(_ source: CephGateway, shard: Int, after marker: String) async throws -> Date? {
        var query = [("type", "data"), ("id", "\(shard)"), ("max-entries", "1")]
        if !marker.isEmpty { query.append(("marker", marker)) }
        let body = try await admin.get(zone: source.zone.name, base: source.url, api: "ListDataLog", path: "admin/log/",
                                       query: query)
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let entries = root["entries"] as? [[String: Any]] else {
            throw SourceProblem(.badResponse, "\(source.zone.name): ListDataLog \(shard): no entries in the answer")
        }
        guard let first = entries.first else { return nil }
        // Entries carry the change's time; with extra-info they are wrapped with the log's own time.
        let entry = first["entry"] as? [String: Any] ?? first
        return CephTime.parse(entry["timestamp"] as? String) ?? CephTime.parse(first["log_timestamp"] as? String)
    }

    /// The data sync lag of `source` → `destination`. Throws the first request's problem; its message names
    /// the zone whose gateway did not answer.
    package func lag(from source: CephGateway, to destination: CephGateway) async throws -> CephSyncLag {
        try await lag(from: source, status: try await dataSyncStatus(destination: destination, source: source.zone))
    }

    /// The data sync lag from `source` given the destination's `status` for it: every further request goes to
    /// `source`'s gateway.
    package func lag(from source: CephGateway, status: CephDataSyncStatus) async throws -> CephSyncLag {
        let heads = try await dataLogHeads(source)
        let (behind, full) = CephSyncLag.candidates(status: status, sourceHeads: heads)
        var next: [Int: Date?] = [:]
        for (shard, marker) in behind {
            next[shard] = .some(try await firstEntry(source, shard: shard, after: marker))
        }
        return CephSyncLag.judge(status: status, full: full, next: next)
    }
}
