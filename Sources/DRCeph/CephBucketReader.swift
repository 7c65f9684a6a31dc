import DRCore
import Foundation

/// Reads buckets and their sync state through the admin API: the realm's buckets from a zone's metadata
/// (`/admin/metadata/bucket`, then each bucket's entrypoint for its instance), and per direction one bucket's
/// sync lag (`CephBucketSyncLag`): the destination's shard positions (one request), the source's log heads (one
/// request), and the first source log entry after each behind shard's position (one request per behind shard).
package struct CephBucketReader: Sendable {
    /// The admin API caller.
    package let admin: CephAdmin

    /// Creates a reader.
    package init(admin: CephAdmin) {
        self.admin = admin
    }

    /// The names of the buckets `gateway`'s zone knows.
    package func bucketNames(_ gateway: CephGateway) async throws -> [String] {
        let zone = gateway.zone.name
        let body = try await admin.get(zone: zone, base: gateway.url, api: "ListBucketMetadata", path: "admin/metadata/bucket",
                                       query: [])
        guard let names = try? JSONSerialization.jsonObject(with: body) as? [String] else {
            throw SourceProblem(.badResponse, "\(zone): ListBucketMetadata: not a list of bucket names")
        }
        return names.sorted()
    }

    /// The instance ID of bucket `name`, from its entrypoint metadata at `gateway`.
    package func instanceID(of name: String, _ gateway: CephGateway) async throws -> String {
        let zone = gateway.zone.name
        let entry = try await admin.get(zone: zone, base: gateway.url, api: "GetBucketMetadata",
                                        path: "admin/metadata/bucket", query: [("key", name)])
        guard let root = try? JSONSerialization.jsonObject(with: entry) as? [String: Any],
              let data = root["data"] as? [String: Any], let bucket = data["bucket"] as? [String: Any],
              let id = bucket["bucket_id"] as? String, !id.isEmpty else {
            throw SourceProblem(.badResponse, "\(zone): GetBucketMetadata \(name): no bucket_id in the answer")
        }
        return id
    }

    /// The sync lag of `bucket` from `source` into `destination`.
    package func lag(_ bucket: CephBucket, from source: CephGateway, to destination: CephGateway) async throws
        -> CephBucketSyncLag {
        let statusBody = try await admin.get(
            zone: destination.zone.name, base: destination.url, api: "BucketSyncStatus", path: "admin/log/",
            query: [("type", "bucket-index"), ("status", ""), ("source-zone", source.zone.id), ("bucket", bucket.key)])
        let status = try CephBucketShardStatus.parse(
            statusBody, what: "\(destination.zone.name): BucketSyncStatus \(bucket.name) from \(source.zone.name)")
        let infoBody = try await admin.get(
            zone: source.zone.name, base: source.url, api: "BucketLogInfo", path: "admin/log/",
            query: [("type", "bucket-index"), ("info", ""), ("bucket-instance", bucket.key)])
        let heads = try CephBucketLogHeads.parse(infoBody, what: "\(source.zone.name): BucketLogInfo \(bucket.name)")
        let (behind, full) = CephBucketSyncLag.candidates(status: status, heads: heads)
        var oldest: (shard: Int, time: Date)?
        for shard in behind.keys.sorted() {
            guard let time = try await firstEntry(bucket, shard: shard, after: behind[shard] ?? "", source: source)
            else { continue }
            if oldest == nil || time < oldest!.time { oldest = (shard, time) }
        }
        return CephBucketSyncLag(bucket: bucket.name, totalShards: max(status.count, heads.count), fullSyncShards: full,
                                 behindShards: behind.keys.sorted(), oldestShard: oldest?.shard,
                                 oldestChange: oldest?.time)
    }

    /// The time of the first entry of `bucket`'s index log shard `shard` at `source` after `position`.
    func firstEntry(_ bucket: CephBucket, shard: Int, after position: String, source: CephGateway) async throws -> Date? {
        var query = [("type", "bucket-index"), ("bucket-instance", "\(bucket.key):\(shard)"), ("max-entries", "1")]
        if !position.isEmpty { query.append(("marker", position)) }
        let body = try await admin.get(zone: source.zone.name, base: source.url, api: "ListBucketLog", path: "admin/log/",
                                       query: query)
        guard let entries = try? JSONSerialization.jsonObject(with: body) as? [[String: Any]] else {
            throw SourceProblem(.badResponse, "\(source.zone.name): ListBucketLog \(bucket.name) \(shard): not a list of entries")
        }
        return entries.first.flatMap { CephTime.parse($0["timestamp"] as? String) }
    }
}
