import DRCore
import Foundation

/// Reads a zone's metadata sync state against the master through the admin API: the zone's markers
/// (`/admin/log/?type=metadata&status`, one request, served only where sync runs), the master's metadata log
/// heads for that period (`&id=N&info&period=P`, one request per shard, 16 at a time) and the first master log
/// entry after each trailing marker.
package struct CephMetadataReader: Sendable {
    /// The admin API caller.
    package let admin: CephAdmin

    /// Creates a reader.
    package init(admin: CephAdmin) {
        self.admin = admin
    }

    /// The metadata sync of `zone` (its gateway) against `master` (its gateway), whose current realm epoch is
    /// `masterRealmEpoch`.
    package func sync(_ zone: CephGateway, master: CephGateway, masterRealmEpoch: Int) async throws -> CephMetadataSync {
        let body = try await admin.get(zone: zone.zone.name, base: zone.url, api: "MetadataSyncStatus", path: "admin/log/",
                                       query: [("type", "metadata"), ("status", "")])
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let info = root["info"] as? [String: Any] else {
            throw SourceProblem(.badResponse, "\(zone.zone.name): MetadataSyncStatus: no sync info in the answer")
        }
        var markers: [Int: CephDataSyncStatus.Marker] = [:]
        for entry in root["markers"] as? [[String: Any]] ?? [] {
            guard let shard = (entry["key"] as? NSNumber)?.intValue, let value = entry["val"] as? [String: Any] else {
                continue
            }
            // state 0 is full sync, 1 incremental (rgw_meta_sync_marker).
            let incremental = (value["state"] as? NSNumber)?.intValue == 1
            markers[shard] = .init(state: incremental ? "incremental-sync" : "full-sync",
                                   marker: value["marker"] as? String ?? "")
        }
        let status = CephDataSyncStatus(state: info["status"] as? String ?? "",
                                        numShards: (info["num_shards"] as? NSNumber)?.intValue ?? markers.count,
                                        markers: markers)
        let period = info["period"] as? String ?? ""
        let epoch = (info["realm_epoch"] as? NSNumber)?.intValue ?? 0
        guard epoch >= masterRealmEpoch, status.numShards > 0 else {
            return CephMetadataSync(lag: CephSyncLag.judge(status: status, full: [], next: [:]), realmEpoch: epoch,
                                    masterRealmEpoch: masterRealmEpoch)
        }
        let heads = try await masterHeads(master, period: period, shards: status.numShards)
        let (behind, full) = CephSyncLag.candidates(status: status, sourceHeads: heads)
        var next: [Int: Date?] = [:]
        for (shard, marker) in behind {
            next[shard] = .some(try await firstEntry(master, period: period, shard: shard, after: marker))
        }
        return CephMetadataSync(lag: CephSyncLag.judge(status: status, full: full, next: next), realmEpoch: epoch,
                                masterRealmEpoch: masterRealmEpoch)
    }

    private func masterHeads(_ master: CephGateway, period: String, shards: Int) async throws -> [Int: CephLogShardInfo] {
        let name = master.zone.name
        return try await CephLogShardInfo.readAll(shards: shards) { shard in
            let body = try await admin.get(zone: name, base: master.url, api: "MetadataLogShardInfo",
                                           path: "admin/log/", query: [("type", "metadata"), ("id", "\(shard)"),
                                                                       ("info", ""), ("period", period)])
            return try CephLogShardInfo.parse(body, what: "\(name): MetadataLogShardInfo \(shard)")
        }
    }

    private func firstEntry(_ master: CephGateway, period: String, shard: Int, after marker: String) async throws -> Date? {
        var query = [("type", "metadata"), ("id", "\(shard)"), ("period", period), ("max-entries", "1")]
        if !marker.isEmpty { query.append(("marker", marker)) }
        let body = try await admin.get(zone: master.zone.name, base: master.url, api: "ListMetadataLog",
                                       path: "admin/log/", query: query)
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let entries = root["entries"] as? [[String: Any]] else {
            throw SourceProblem(.badResponse, "\(master.zone.name): ListMetadataLog \(shard): no entries in the answer")
        }
        return entries.first.flatMap { CephTime.parse($0["timestamp"] as? String) }
    }
}
