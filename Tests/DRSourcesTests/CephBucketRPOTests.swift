@testable import DRCeph
import DRCore
@testable import DRFrontDoor
import Foundation
import Testing

/// `[ceph.buckets.NAME]`: one bucket's pair gets its own RPO (or strategy), the zone pair and the other buckets
/// keep the `[ceph]` one; mistakes are one line naming the file, line and key.
@Suite struct CephBucketRPOTests {
    @Test func aBucketsTableSetsThatBucketsPairOnly() throws {
        let config = try ConfigLoader.parse("""
            [ceph]
            endpoint = "http://rgw:8080"
            rpo = "5m"
            strategy = "pilot-light"
            [ceph.buckets.photos]
            rpo = "1m"
            [ceph.buckets.logs]
            strategy = "backup-and-restore"
            """, path: "c.toml")
        let ceph = try #require(config.ceph)
        #expect(ceph.buckets["photos"] == CephBucketTarget(rpoSeconds: 60, strategy: .pilotLight))
        #expect(ceph.buckets["logs"] == CephBucketTarget(rpoSeconds: DRStrategy.backupAndRestore.defaultRPOSeconds,
                                                         strategy: .backupAndRestore))
        let period = CephPeriod(id: "p", epoch: 1, realmEpoch: 1, realmName: "r", zonegroup: "zg", masterZoneID: "a",
                                zones: [CephZone(id: "a", name: "zone-a", endpoints: []),
                                        CephZone(id: "b", name: "zone-b", endpoints: [])])
        let buckets = ["photos", "logs", "other"].map { CephBucket(name: $0, instanceID: "i") }
        let layout = CephLayout.layout(period, buckets: buckets, rpoSeconds: ceph.rpoSeconds, strategy: ceph.strategy,
                                       targets: ceph.buckets)
        let rpo = Dictionary(uniqueKeysWithValues: layout.pairs.map { ($0.name, $0.rpoSeconds) })
        #expect(rpo == ["zg": 300, "photos": 60, "logs": DRStrategy.backupAndRestore.defaultRPOSeconds, "other": 300])
        #expect(layout.pairs.first { $0.name == "logs" }?.strategy == .backupAndRestore)
    }

    @Test func mistakesNameTheLineAndKey() {
        let cases: [(String, String)] = [
            ("[ceph]\nendpoint = \"http://a:1\"\n[ceph.buckets.photos]\nrpo = \"soon\"\n",
             "c.toml:4: ceph.buckets.photos.rpo: 'soon' is not a duration"),
            ("[ceph]\nendpoint = \"http://a:1\"\n[ceph.buckets.photos]\nstrategy = \"yolo\"\n",
             "c.toml:4: ceph.buckets.photos.strategy: 'yolo' is not one of"),
            ("[ceph]\nendpoint = \"http://a:1\"\n[ceph.buckets.photos]\nrpo = \"1m\"\ncolour = \"red\"\n",
             "c.toml:5: ceph.buckets.photos.colour: unknown key (known: rpo, strategy)"),
            ("[ceph]\nendpoint = \"http://a:1\"\n[ceph.buckets.photos]\nrpo = \"0s\"\n",
             "c.toml:4: ceph.buckets.photos.rpo: must be above zero"),
            ("[ceph]\nendpoint = \"http://a:1\"\n[ceph.buckets.photos]\n",
             "c.toml:3: ceph.buckets.photos: give rpo = \"…\" or strategy = \"…\""),
            ("[ceph]\nendpoint = \"http://a:1\"\nbuckets = 3\n", "c.toml:3: ceph.buckets: expected a table"),
        ]
        for (text, expected) in cases {
            do {
                _ = try ConfigLoader.parse(text, path: "c.toml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect("\(error)".hasPrefix(expected), "\(error)")
                #expect(!"\(error)".contains("\n"))
            }
        }
    }
}
