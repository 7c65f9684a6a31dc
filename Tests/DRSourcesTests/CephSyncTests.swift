import DRCeph
import DRCore
import DRTestSupport
import DRWire
import Foundation
import Testing

/// The admin API reads of a real two-zone realm (lab/ceph/cluster.sh): the period, and per direction the data
/// sync lag as `radosgw-admin sync status` computes it.
@Suite(.serialized) struct CephSyncTests {
    let cluster: CephCluster
    let reader: CephSyncReader
    let a: CephGateway
    let b: CephGateway

    init() throws {
        cluster = try CephCluster.shared()
        let system = cluster.system
        reader = CephSyncReader(admin: CephAdmin(transport: HTTPTransport(), credentials: { system }))
        let zoneA = try cluster.zone("zone-a"), zoneB = try cluster.zone("zone-b")
        // zone-a is read through its second gateway, which answers while the listed one is stopped.
        a = CephGateway(zone: CephZone(id: zoneA.id, name: "zone-a", endpoints: []), url: try cluster.gateway("zone-a-2"))
        b = CephGateway(zone: CephZone(id: zoneB.id, name: "zone-b", endpoints: []), url: zoneB.endpoint)
    }

    static func bucketName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Writes `key` through `zone`, retrying while the bucket has not reached that zone yet.
    func put(_ key: String, _ bucket: String, _ zone: String) async throws {
        var last: Error?
        for _ in 0..<40 {
            do { return try await cluster.put(key, in: bucket, zone: zone) } catch {
                last = error
                try await Task.sleep(for: .seconds(1))
            }
        }
        throw TestFailure("PutObject \(key) through \(zone): \(String(describing: last))")
    }

    @Test func periodNamesBothZonesTheMasterAndTheirEndpoints() async throws {
        let period = try await reader.period(name: "zone-b", base: b.url)
        #expect(period.zonegroup == "drtop-zg")
        #expect(period.realmName == "drtop")
        #expect(period.zones.map(\.name) == ["zone-a", "zone-b"], "master first")
        #expect(period.master?.name == "zone-a")
        #expect(period.zone(named: "zone-b")?.endpoints == [b.url.absoluteString])
        #expect(period.zone(named: "zone-a")?.id == a.zone.id)
        #expect(period.zone(named: "zone-a")?.endpoints == [try cluster.gateway("zone-a").absoluteString])
        #expect(period.epoch >= 1)
    }

    @Test func bothDirectionsCaughtUpAfterWritesOnEachSide() async throws {
        let bucket = Self.bucketName("caught-up")
        try await cluster.createBucket(bucket, in: "zone-a")
        try await put("from-a", bucket, "zone-a-2")
        try await put("from-b", bucket, "zone-b")
        let replicated = try await CephCluster.eventually(60) {
            let there = try await cluster.exists("from-a", in: bucket, zone: "zone-b")
            let back = try await cluster.exists("from-b", in: bucket, zone: "zone-a")
            return there && back
        }
        #expect(replicated, "objects written on each side did not reach the other within 60 s")
        var last: (CephSyncLag, CephSyncLag)?
        let caughtUp = try await CephCluster.eventually(60) {
            last = (try await reader.lag(from: a, to: b), try await reader.lag(from: b, to: a))
            return last!.0.isCaughtUp && last!.1.isCaughtUp
        }
        #expect(caughtUp, "not caught up: \(last.map { "\($0.0.evidence) / \($0.1.evidence)" } ?? "")")
        let now = Date()
        #expect(last?.0.lagSeconds(at: now) == 0)
        #expect(last?.1.lagSeconds(at: now) == 0)
        #expect(last?.0.totalShards == 128)
        #expect(last?.0.evidence == "Ceph sync status: data is caught up with source (128 shards)")
    }

    /// zone-b's sync pulls from zone-a's listed gateway; with that one stopped (a partition), writes through
    /// zone-a's other gateway are not pulled, while zone-b still serves its sync status.
    @Test func directionIntoAZoneCutOffFromItsSourceLagsByTheOldestUnappliedWrite() async throws {
        let bucket = Self.bucketName("lagging")
        try await cluster.createBucket(bucket, in: "zone-a-2")
        try await put("before", bucket, "zone-a-2")
        _ = try await CephCluster.eventually(60) { try await cluster.exists("before", in: bucket, zone: "zone-b") }
        try cluster.stopGateway("zone-a")
        // Put it back whatever happens, for the tests after this one.
        defer { try? cluster.startGateway("zone-a") }
        let written = Date()
        try await put("unpulled", bucket, "zone-a-2")
        var lag: CephSyncLag?
        let behind = try await CephCluster.eventually(20) {
            lag = try await reader.lag(from: a, to: b)
            return lag?.isCaughtUp == false && lag?.oldestChange != nil
        }
        #expect(behind, "zone-a → zone-b is not behind: \(lag?.evidence ?? "")")
        let first = try #require(lag)
        #expect(!first.behindShards.isEmpty)
        #expect(first.fullSyncShards.isEmpty)
        let oldest = try #require(first.oldestChange)
        #expect(abs(oldest.timeIntervalSince(written)) < 3, "oldest change \(oldest) vs write \(written)")
        #expect(first.evidence.contains("behind on \(first.behindShards.count)/128 shards"), "\(first.evidence)")

        // The lag is the age of the oldest unapplied write: it grows with the clock while nothing is pulled.
        try await Task.sleep(for: .seconds(4))
        let later = try await reader.lag(from: a, to: b)
        let now = Date()
        #expect(later.oldestChange == oldest)
        let value = try #require(later.lagSeconds(at: now))
        #expect(abs(value - now.timeIntervalSince(oldest)) < 0.001)
        #expect(value >= 4, "lag \(value) s, 4 s after the write")

        // The other direction keeps going: zone-a-2 still pulls from zone-b (once the stopped gateway's sync
        // leases, 15 s here, have run out; zone-b logs the objects it applied, which zone-a then looks at).
        var back: CephSyncLag?
        let backCaughtUp = try await CephCluster.eventually(45) {
            back = try await reader.lag(from: b, to: a)
            return back?.isCaughtUp == true
        }
        #expect(backCaughtUp, "zone-a-2 still pulls from zone-b: \(back?.evidence ?? "")")
        #expect(back?.lagSeconds(at: Date()) == 0)
        let stillBehind = try await reader.lag(from: a, to: b)
        #expect(stillBehind.oldestChange == oldest, "\(stillBehind.evidence)")

        // With zone-a's listed gateway back, zone-b pulls the write and the direction is caught up again.
        try cluster.startGateway("zone-a")
        var recovered: CephSyncLag?
        let caughtUp = try await CephCluster.eventually(60) {
            recovered = try await reader.lag(from: a, to: b)
            return recovered?.isCaughtUp == true
        }
        #expect(caughtUp, "\(recovered?.evidence ?? "")")
        #expect(try await cluster.exists("unpulled", in: bucket, zone: "zone-b"))
    }
}
