import DRTestSupport
import Foundation
import Testing

/// One file with both `[[pair]]` and `[ceph]`, against the real two-zone realm: the realm's zones and zone pair
/// as Ceph reads them, and a `[[pair]]` of two of its buckets read through the S3 API under region names the
/// store does not use ("europe", "eu-west-3": radosgw answers its zonegroup's api name), in one snapshot.
@Suite(.serialized) struct CephMixedConfigTests {
    @Test func pairsAndARealmInOneFileAreOneSnapshot() async throws {
        let cluster = try CephCluster.shared()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let primary = "mixed-a-\(suffix)", secondary = "mixed-b-\(suffix)"
        try await cluster.createBucket(primary, in: "zone-a-2")
        try await cluster.createBucket(secondary, in: "zone-a-2")
        // The realm read with the system user's keys ([ceph] profile), the [[pair]] with the data user's
        // (the environment's): in a file with both, [ceph] profile is the realm's.
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-ceph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try "[ceph-admin]\naws_access_key_id = \(cluster.system.accessKeyID)\naws_secret_access_key = \(cluster.system.secretAccessKey)\n"
            .write(to: home.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        let gateway = try cluster.gateway("zone-a-2").absoluteString
        let config = home.appendingPathComponent("drtop.toml").path
        try """
            refresh = "1s"
            rpo = "1m"
            [regions.europe]
            endpoint = "\(gateway)"
            [regions.eu-west-3]
            endpoint = "\(try cluster.gateway("zone-b").absoluteString)"
            [[pair]]
            name = "s3-side"
            primary = { bucket = "\(primary)", region = "europe" }
            secondary = { bucket = "\(secondary)", region = "eu-west-3" }
            [ceph]
            endpoint = "\(gateway)"
            profile = "ceph-admin"
            [ceph.zones.zone-a]
            endpoint = "\(gateway)"
            [ceph.buckets.\(secondary)]
            rpo = "2m"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        var json: [String: Any] = [:]
        // Both zones list the new buckets once the metadata has synced: the realm's bucket pair is there, and
        // zone-b (the [[pair]]'s eu-west-3 side) has the secondary bucket, so its versioning is read, not null.
        let ready = try await CephCluster.eventually(60) {
            let result = try Spawn.run(try EndToEndTests.binary(), [
                "snapshot", "--json", "--config", config, "--polls", "1",
            ], capture: true, environment: ["HOME": home.path, "AWS_ACCESS_KEY_ID": cluster.data.accessKeyID,
                                            "AWS_SECRET_ACCESS_KEY": cluster.data.secretAccessKey,
                                            "AWS_EC2_METADATA_DISABLED": "true"])
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] else {
                throw TestFailure("snapshot failed (\(result.status)): \(result.output)")
            }
            json = parsed
            let pairs = json["pairs"] as? [[String: Any]] ?? []
            let sides = (pairs.first { $0["name"] as? String == "s3-side" }?["buckets"] as? [[String: Any]] ?? [])
            return pairs.contains { $0["name"] as? String == secondary }
                && sides.count == 2 && sides.allSatisfy { $0["versioning"] is String }
        }
        #expect(ready, "\(json["pairs"] ?? [])")
        #expect(json["source"] as? String == "aws+ceph")
        let regions = (json["regions"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(regions == ["europe", "eu-west-3", "zone-a", "zone-b"], "\(regions)")
        let pairs = json["pairs"] as? [[String: Any]] ?? []
        #expect(pairs.prefix(2).compactMap { $0["name"] as? String } == ["s3-side", "drtop-zg"],
                "the AWS pairs, then the realm's: \(pairs.map { $0["name"] ?? "" })")

        // The [[pair]]: read through the S3 API under drtop's names, its buckets where the store says they are.
        let s3 = try #require(pairs.first { $0["name"] as? String == "s3-side" })
        for direction in s3["directions"] as? [[String: Any]] ?? [] {
            #expect(["europe", "eu-west-3"].contains(direction["source_region"] as? String ?? ""), "\(direction)")
            #expect(["europe", "eu-west-3"].contains(direction["destination_region"] as? String ?? ""), "\(direction)")
            #expect(direction["source_region"] as? String != direction["destination_region"] as? String)
            #expect((direction["rules_error"] as? String)?.contains("as configured") != true, "\(direction)")
        }
        let sides = (s3["buckets"] as? [[String: Any]] ?? []).map { "\($0["versioning"] ?? "")" }
        #expect(sides == ["Unversioned", "Unversioned"], "read, not refused as a wrong region: \(s3)")

        // The realm: the zone pair from Ceph's sync status, each bucket pair with its RPO.
        let zonePair = try #require(pairs.first { $0["name"] as? String == "drtop-zg" })
        let zoneDirections = zonePair["directions"] as? [[String: Any]] ?? []
        #expect(Set(zoneDirections.compactMap { $0["source_region"] as? String }) == ["zone-a", "zone-b"])
        #expect(zoneDirections.allSatisfy { ($0["rules"] as? [[String: Any]])?.first?["id"] as? String == "Ceph zone sync" },
                "\(zoneDirections)")
        let bucketPair = try #require(pairs.first { $0["name"] as? String == secondary })
        #expect(bucketPair["rpo_seconds"] as? Double == 120, "[ceph.buckets.\(secondary)] rpo = \"2m\"")
        #expect(pairs.first { $0["name"] as? String == primary }?["rpo_seconds"] as? Double == 60)
        for zone in ["zone-a", "zone-b"] {
            let status = (json["regions"] as? [[String: Any]] ?? []).first { $0["name"] as? String == zone }
            #expect(status?["status"] as? String == "up", "\(status ?? [:])")
        }
    }
}
