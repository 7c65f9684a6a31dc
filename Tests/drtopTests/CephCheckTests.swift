import DRTestSupport
import Foundation
import Testing

/// `drtop check` of a real two-zone Ceph realm (lab/ceph/cluster.sh): the zone pair's failover items (target
/// zone answering, metadata sync against the master, data sync against the RPO, sync errors, the period, the
/// master and what promoting zone-b would take), GO WITH RISK when caught up, NO-GO with zone-b's gateway stopped.
@Suite(.serialized) struct CephCheckTests {
    let cluster: CephCluster
    let home: URL
    let config: String

    init() throws {
        cluster = try CephCluster.shared()
        (home, config) = try cluster.drtopConfig(header: "rpo = \"1m\"")
    }

    /// `drtop check --pair drtop-zg --format json`: the exit status and the pair's items by id.
    func check() throws -> (status: Int32, items: [String: [String: Any]], text: String) {
        let result = try Spawn.run(try EndToEndTests.binary(), [
            "check", "--config", config, "--pair", "drtop-zg", "--format", "json",
        ], capture: true, environment: ["HOME": home.path, "AWS_ACCESS_KEY_ID": cluster.system.accessKeyID,
                                        "AWS_SECRET_ACCESS_KEY": cluster.system.secretAccessKey,
                                        "AWS_EC2_METADATA_DISABLED": "true"])
        guard let json = try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
              let pair = (json["pairs"] as? [[String: Any]])?.first else {
            throw TestFailure("check failed (\(result.status)): \(result.output)")
        }
        var items: [String: [String: Any]] = [:]
        for item in pair["checks"] as? [[String: Any]] ?? [] { items[item["id"] as? String ?? ""] = item }
        return (result.status, items, result.output)
    }

    static func result(_ items: [String: [String: Any]], _ id: String) -> String? { items[id]?["result"] as? String }
    static func evidence(_ items: [String: [String: Any]], _ id: String) -> String { items[id]?["evidence"] as? String ?? "" }

    @Test func caughtUpRealmPassesEveryItemButTheSyncErrorsNoRESTRouteServes() async throws {
        var last: (status: Int32, items: [String: [String: Any]], text: String)?
        let settled = try await CephCluster.eventually(60) {
            last = try check()
            return last?.status == 1
        }
        let run = try #require(last)
        #expect(settled, "exit \(run.status): \(run.text)")
        let ids = ["target-reachable", "metadata-sync", "data-loss", "sync-errors", "period-epoch", "master-zone",
                   "metrics-fresh"]
        #expect(Set(run.items.keys) == Set(ids), "\(run.items.keys.sorted())")
        for id in ids where id != "sync-errors" {
            #expect(Self.result(run.items, id) == "pass", "\(id): \(Self.evidence(run.items, id))")
        }
        #expect(Self.evidence(run.items, "metadata-sync")
                == "Ceph metadata sync status: metadata is caught up with master (64 shards)")
        #expect(Self.evidence(run.items, "data-loss").contains("Ceph sync status: caught up"))
        // Not exposed over REST in Pacific: a risk said as such, never a pass.
        #expect(Self.result(run.items, "sync-errors") == "warn")
        #expect(Self.evidence(run.items, "sync-errors").contains("radosgw-admin sync error list"))
        #expect(Self.evidence(run.items, "period-epoch").hasPrefix("zone-b and master zone-a on period "))
        let master = Self.evidence(run.items, "master-zone")
        #expect(master.hasPrefix("zone-a is the metadata master"), "\(master)")
        #expect(master.contains("radosgw-admin zone modify --rgw-zone=zone-b --master --default, then radosgw-admin "
                                + "period update --commit (drtop runs nothing)"), "\(master)")
    }

    @Test func noGoForFailingOverToAZoneWhoseGatewayIsStopped() async throws {
        try cluster.stopGateway("zone-b")
        defer { try? cluster.startGateway("zone-b") }
        let run = try check()
        #expect(run.status == 2, "\(run.text)")
        #expect(Self.result(run.items, "target-reachable") == "fail", "\(Self.evidence(run.items, "target-reachable"))")
        #expect(Self.evidence(run.items, "target-reachable").hasPrefix("zone-b unreachable"))
        #expect(Self.result(run.items, "data-loss") == "unknown", "\(Self.evidence(run.items, "data-loss"))")
    }

    /// zone-b pulls metadata from the master's listed gateway: with it stopped, a bucket made through zone-a-2
    /// does not reach zone-b, and the metadata item says by how much and since when.
    @Test func metadataSyncCutOffFromTheMasterIsBehindWithTheOldestChange() async throws {
        try cluster.stopGateway("zone-a")
        defer { try? cluster.startGateway("zone-a") }
        let made = Date()
        try await cluster.createBucket("meta-\(UUID().uuidString.prefix(8).lowercased())", in: "zone-a-2")
        var last: (status: Int32, items: [String: [String: Any]], text: String)?
        let behind = try await CephCluster.eventually(20) {
            last = try check()
            return last.map { Self.result($0.items, "metadata-sync") == "warn" } ?? false
        }
        let run = try #require(last)
        let evidence = Self.evidence(run.items, "metadata-sync")
        #expect(behind, "\(evidence)")
        #expect(evidence.hasPrefix("Ceph metadata sync status: metadata behind on "), "\(evidence)")
        #expect(evidence.contains("oldest change not applied"), "\(evidence)")
        #expect(run.status == 1, "behind within the RPO is a risk: \(run.text)")
        // The oldest change not applied is the new bucket's metadata, logged at the master when it was made.
        let stamp = try #require(evidence.firstMatch(of: /applied (\S+Z)/)?.1, "\(evidence)")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let oldest = try #require(formatter.date(from: String(stamp)) ?? ISO8601DateFormatter().date(from: String(stamp)))
        #expect(abs(oldest.timeIntervalSince(made)) < 3, "oldest \(oldest) vs the bucket made at \(made)")
    }
}
