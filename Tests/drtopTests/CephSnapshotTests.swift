import DRTestSupport
import Foundation
import Testing

/// `drtop snapshot --json` against a real two-zone Ceph realm (lab/ceph/cluster.sh): zones as regions, the zone
/// pair's two directions from Ceph's sync status, and one stopped gateway as that zone's outage only.
@Suite(.serialized) struct CephSnapshotTests {
    let cluster: CephCluster
    let home: URL
    let config: String

    init() throws {
        cluster = try CephCluster.shared()
        (home, config) = try cluster.drtopConfig(header: "refresh = \"1s\"\nrpo = \"1m\"")
    }

    func snapshot(polls: Int = 2, rpo: String? = nil) throws -> [String: Any] {
        let result = try Spawn.run(try EndToEndTests.binary(), [
            "snapshot", "--json", "--config", config, "--polls", "\(polls)", "--refresh", "0.5",
        ] + (rpo.map { ["--rpo", $0] } ?? []), capture: true, environment: ["HOME": home.path, "AWS_ACCESS_KEY_ID": cluster.system.accessKeyID,
                                        "AWS_SECRET_ACCESS_KEY": cluster.system.secretAccessKey,
                                        "AWS_EC2_METADATA_DISABLED": "true"])
        guard let json = try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] else {
            throw TestFailure("snapshot failed (\(result.status)): \(result.output)")
        }
        return json
    }

    static func region(_ json: [String: Any], _ name: String) -> [String: Any] {
        (json["regions"] as? [[String: Any]] ?? []).first { $0["name"] as? String == name } ?? [:]
    }

    static func direction(_ json: [String: Any], from source: String) -> [String: Any] {
        let pairs = json["pairs"] as? [[String: Any]] ?? []
        return pairs.flatMap { $0["directions"] as? [[String: Any]] ?? [] }
            .first { $0["source_bucket"] as? String == source } ?? [:]
    }

    static func direction(_ json: [String: Any], pair: String, from zone: String) -> [String: Any] {
        let pairs = json["pairs"] as? [[String: Any]] ?? []
        let found = pairs.first { $0["name"] as? String == pair }
        return (found?["directions"] as? [[String: Any]] ?? []).first { $0["source_region"] as? String == zone } ?? [:]
    }

    /// Each bucket both zones have is a pair of its own, its lag from the bucket's sync status: with zone-b cut
    /// off from zone-a's listed gateway, the bucket written to lags by the age of the write, the other does not.
    @Test func aBucketWrittenDuringACutLagsWhileABucketNotWrittenStaysCaughtUp() async throws {
        let written = "written-\(UUID().uuidString.prefix(8).lowercased())"
        let quiet = "quiet-\(UUID().uuidString.prefix(8).lowercased())"
        for bucket in [written, quiet] {
            try await cluster.createBucket(bucket, in: "zone-a-2")
            try await cluster.put("before", in: bucket, zone: "zone-a-2")
        }
        var json: [String: Any] = [:]
        let paired = try await CephCluster.eventually(60) {
            json = try snapshot(polls: 1)
            return [written, quiet].allSatisfy { bucket in
                ["zone-a", "zone-b"].allSatisfy { Self.direction(json, pair: bucket, from: $0)["lag_seconds"] as? Double == 0 }
            }
        }
        #expect(paired, "both buckets caught up as pairs of their own: \(json["pairs"] ?? [])")
        let pair = (json["pairs"] as? [[String: Any]] ?? []).first { $0["name"] as? String == quiet } ?? [:]
        let sides = (pair["buckets"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "")@\($0["region"] ?? "")" }
        #expect(sides == ["\(quiet)@zone-a", "\(quiet)@zone-b"], "\(pair)")
        let rules = Self.direction(json, pair: quiet, from: "zone-a")["rules"] as? [[String: Any]] ?? []
        #expect(rules.first?["id"] as? String == "Ceph bucket sync", "\(rules)")

        try cluster.stopGateway("zone-a")
        defer { try? cluster.startGateway("zone-a") }
        try await cluster.put("unpulled", in: written, zone: "zone-a-2")
        let at = Date()
        try await Task.sleep(for: .seconds(3))
        let lagging = try await CephCluster.eventually(30) {
            json = try snapshot(polls: 1)
            return (Self.direction(json, pair: written, from: "zone-a")["lag_seconds"] as? Double ?? 0) > 0
        }
        let forward = Self.direction(json, pair: written, from: "zone-a")
        #expect(lagging, "\(forward)")
        let lag = try #require(forward["lag_seconds"] as? Double)
        let taken = try #require((json["taken_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(lag - taken.timeIntervalSince(at)) < 3, "lag \(lag) s vs the write's age")
        let evidence = forward["metrics_error"] as? String ?? ""
        #expect(evidence.hasPrefix("Ceph bucket sync status: \(written) behind on 1/"), "\(evidence)")
        #expect(evidence.contains("oldest change not applied"), "\(evidence)")
        let still = Self.direction(json, pair: quiet, from: "zone-a")
        #expect(still["lag_seconds"] as? Double == 0, "the bucket not written to stays caught up: \(still)")
        #expect(still["state"] as? String == "ok", "\(still)")
        #expect(still["metrics_error"] is NSNull, "\(still)")
        #expect(Self.direction(json, pair: written, from: "zone-b")["lag_seconds"] as? Double == 0)
    }

    @Test func zonesAreRegionsAndBothDirectionsCaughtUp() async throws {
        var json: [String: Any] = [:]
        let caughtUp = try await CephCluster.eventually(60) {
            json = try snapshot()
            return ["zone-a", "zone-b"].allSatisfy { Self.direction(json, from: $0)["lag_seconds"] as? Double == 0 }
        }
        #expect(caughtUp, "\(json)")
        #expect(json["source"] as? String == "ceph")
        #expect((json["regions"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["zone-a", "zone-b"])
        for zone in ["zone-a", "zone-b"] {
            #expect(Self.region(json, zone)["status"] as? String == "up", "\(Self.region(json, zone))")
        }
        let pairs = json["pairs"] as? [[String: Any]] ?? []
        #expect(pairs.first?["name"] as? String == "drtop-zg", "the zone pair first, then one pair per bucket")
        #expect(pairs.first?["rpo_seconds"] as? Double == 60)
        let forward = Self.direction(json, from: "zone-a")
        #expect(forward["destination_bucket"] as? String == "zone-b")
        #expect(forward["state"] as? String == "ok", "\(forward)")
        #expect(forward["metrics_error"] is NSNull, "caught up is not a problem: \(forward)")
        let rules = forward["rules"] as? [[String: Any]] ?? []
        #expect(rules.first?["id"] as? String == "Ceph zone sync", "\(rules)")
        // What Ceph cannot tell stays unknown: no pending counts, no object queue.
        #expect(forward["pending_operations"] is NSNull)
        #expect(forward["queue_source"] is NSNull)
        let requests = json["requests"] as? [[String: Any]] ?? []
        #expect(requests.contains { $0["api"] as? String == "DataSyncStatus" && $0["region"] as? String == "zone-b" })
    }

    @Test func aStoppedGatewayIsThatZoneDownWhileTheOtherAnswers() async throws {
        try cluster.stopGateway("zone-b")
        defer { try? cluster.startGateway("zone-b") }
        let json = try snapshot()
        let down = Self.region(json, "zone-b"), up = Self.region(json, "zone-a")
        #expect(down["status"] as? String == "down", "\(down)")
        #expect(down["reachable"] as? Bool == false)
        #expect(up["status"] as? String == "up", "\(up)")
        #expect(up["api_latency_ms"] is Double)
        // Both directions need zone-b (its sync markers, or its data log): both are unknown, never ok.
        for source in ["zone-a", "zone-b"] {
            let direction = Self.direction(json, from: source)
            #expect(direction["state"] as? String == "unknown", "\(direction)")
            #expect(direction["lag_seconds"] is NSNull)
            #expect((direction["metrics_error"] as? String)?.contains("zone-b") == true, "\(direction)")
        }

        // Started again, it answers and both directions are read again.
        try cluster.startGateway("zone-b")
        var after: [String: Any] = [:]
        let recovered = try await CephCluster.eventually(60) {
            after = try snapshot()
            return Self.region(after, "zone-b")["status"] as? String == "up"
                && Self.direction(after, from: "zone-a")["lag_seconds"] is Double
        }
        #expect(recovered, "\(after)")
    }

    /// zone-a's listed gateway (the one zone-b pulls from) stopped: zone-b is cut off from zone-a's log while
    /// drtop still reads zone-a through its other gateway ([ceph.zones.zone-a] endpoint).
    @Test func aZoneCutOffFromItsSourceLagsIntoABreachWhileTheOtherDirectionIsOk() async throws {
        let bucket = "breach-\(UUID().uuidString.prefix(8).lowercased())"
        try await cluster.createBucket(bucket, in: "zone-a-2")
        try cluster.stopGateway("zone-a")
        defer { try? cluster.startGateway("zone-a") }
        try await cluster.put("unpulled", in: bucket, zone: "zone-a-2")
        let written = Date()
        var json: [String: Any] = [:]
        // RPO 6 s: the lag (the age of the unpulled write) passes it within seconds.
        let breached = try await CephCluster.eventually(40) {
            json = try snapshot(rpo: "6s")
            return Self.direction(json, from: "zone-a")["state"] as? String == "breach"
        }
        let forward = Self.direction(json, from: "zone-a"), back = Self.direction(json, from: "zone-b")
        #expect(breached, "\(forward)")
        let lag = try #require(forward["lag_seconds"] as? Double)
        #expect(lag > 6)
        let taken = try #require((json["taken_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(lag - taken.timeIntervalSince(written)) < 3, "lag \(lag) s vs the write's age")
        let evidence = forward["metrics_error"] as? String ?? ""
        #expect(evidence.hasPrefix("Ceph sync status: behind on "), "\(evidence)")
        #expect(evidence.contains("oldest change not applied"), "\(evidence)")
        #expect(back["state"] as? String == "ok", "\(back)")
        #expect(back["lag_seconds"] as? Double == 0)
        #expect(Self.region(json, "zone-b")["status"] as? String == "up", "the lagging zone answers normally")
        #expect(Self.region(json, "zone-a")["status"] as? String == "up", "read through zone-a-2")
    }

    /// A gateway without its sync thread serves no sync status: the direction into its zone is unknown, with
    /// the reason and the fix, never caught up; the other direction is still read.
    @Test func aGatewayWithoutItsSyncThreadLeavesTheDirectionIntoItUnknown() async throws {
        try cluster.stopGateway("zone-b")
        try cluster.startGateway("zone-b", sync: false)
        defer {
            try? cluster.stopGateway("zone-b")
            try? cluster.startGateway("zone-b")
        }
        let json = try snapshot()
        let into = Self.direction(json, from: "zone-a"), back = Self.direction(json, from: "zone-b")
        #expect(into["state"] as? String == "unknown", "\(into)")
        #expect(into["lag_seconds"] is NSNull)
        let why = into["metrics_error"] as? String ?? ""
        #expect(why.contains("rgw_run_sync_thread") && why.contains("[ceph.zones.zone-b] endpoint"), "\(why)")
        #expect(back["lag_seconds"] is Double, "\(back)")
        #expect(Self.region(json, "zone-b")["status"] as? String == "degraded", "\(Self.region(json, "zone-b"))")
    }
}
