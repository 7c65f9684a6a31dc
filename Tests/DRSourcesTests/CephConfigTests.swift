import DRCore
import DRFrontDoor
import Foundation
import Testing

/// The `[ceph]` table: read with the rest of the file, its mistakes one line naming the file, line and key.
@Suite struct CephConfigTests {
    @Test func cephTableAloneIsAConfiguration() throws {
        let config = try ConfigLoader.parse("""
            rpo = "15m"
            [ceph]
            endpoint = "http://rgw-east.example:8080"
            profile = "ceph-admin"
            rpo = "5m"
            [ceph.zones.us-west]
            endpoint = "http://127.0.0.1:8002"
            """, path: "c.toml")
        let ceph = try #require(config.ceph)
        #expect(ceph.endpoint.absoluteString == "http://rgw-east.example:8080")
        #expect(ceph.profile == "ceph-admin")
        #expect(ceph.rpoSeconds == 300)
        #expect(ceph.zoneEndpoints["us-west"]?.absoluteString == "http://127.0.0.1:8002")
        #expect(config.pairs.isEmpty)
    }

    /// One file may hold AWS pairs, discovery and a Ceph realm together (watched as one, `CompositeSource`).
    @Test func aFileMayHoldPairsDiscoveryAndCeph() throws {
        let config = try ConfigLoader.parse("""
            discover = true
            [[pair]]
            name = "p"
            primary = { bucket = "aaa", region = "us-east-1" }
            secondary = { bucket = "bbb", region = "us-west-2" }
            [ceph]
            endpoint = "http://a:1"
            """, path: "c.toml")
        #expect(config.pairs.map(\.name) == ["p"])
        #expect(config.discover)
        #expect(config.ceph?.endpoint.absoluteString == "http://a:1")
    }

    @Test func rpoFallsBackToTheStrategyThenTheFileDefault() throws {
        let strategy = try ConfigLoader.parse("[ceph]\nendpoint = \"http://a:1\"\nstrategy = \"pilot-light\"\n",
                                              path: "c.toml")
        #expect(strategy.ceph?.rpoSeconds == DRStrategy.pilotLight.defaultRPOSeconds)
        let fallback = try ConfigLoader.parse("rpo = \"2m\"\n[ceph]\nendpoint = \"http://a:1\"\n", path: "c.toml")
        #expect(fallback.ceph?.rpoSeconds == 120)
    }

    @Test func mistakesNameTheLineAndKey() {
        let cases: [(String, String)] = [
            ("[ceph]\nprofile = \"x\"\n", "c.toml:1: ceph.endpoint: missing"),
            ("[ceph]\nendpoint = \"ftp://a\"\n", "c.toml:2: ceph.endpoint: 'ftp://a' is not an http(s) URL"),
            ("[ceph]\nendpoint = \"http://a:1\"\nzone = 1\n", "c.toml:3: ceph.zone: unknown key"),
            ("[ceph]\nendpoint = \"http://a:1\"\nrpo = \"5x\"\n", "c.toml:3: ceph.rpo: '5x' is not a duration"),
            ("[ceph]\nendpoint = \"http://a:1\"\n[ceph.zones.b]\nendpoint = \"nope\"\n",
             "c.toml:4: ceph.zones.b.endpoint: 'nope' is not an http(s) URL"),
        ]
        for (text, expected) in cases {
            do {
                _ = try ConfigLoader.parse(text, path: "c.toml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect("\(error)".hasPrefix(expected), "\(error)")
            }
        }
    }
}
