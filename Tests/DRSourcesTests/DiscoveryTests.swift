import DRCore
import DRSources
import DRTestSupport
import Foundation
import Testing

@Suite(.serialized) struct DiscoveryTests {
    @Test func discoversPairsFromReplicationRules() async throws {
        let server = try MotoServer()
        _ = try server.runScript(AWSSourceMotoTests.script, ["4"])
        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")
        let client = AWSClient(transport: HTTPTransport(connectTimeout: 1, requestTimeout: 3),
                               endpoints: AWSEndpoints(environment: ["AWS_ENDPOINT_URL": server.endpoint]),
                               credentials: { credentials })
        let source = DiscoverySource(client: client, homeRegion: "us-east-1", defaultRPOSeconds: 600,
                                     pollIntervalSeconds: 1)
        let first = try await source.layout()
        #expect(first.progress != nil || !first.pairs.isEmpty, "progress is shown while discovering")
        var layout = first
        let deadline = Date().addingTimeInterval(15)
        while layout.pairs.isEmpty, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            layout = try await source.layout()
        }
        #expect(layout.pairs.map(\.name) == ["w0-use1", "w1-use1", "w2-use1", "w3-use1"])
        #expect(layout.pairs.allSatisfy { $0.primary.region == "us-east-1" && $0.secondary.region == "us-west-2" })
        #expect(layout.pairs.allSatisfy { $0.rpoSeconds == 600 })
        #expect(layout.regions == ["us-east-1", "us-west-2"])
        let reading = try await source.poll(region: "us-west-2", now: Date())
        let lag = reading.directions[DirectionKey(source: "w3-use1", destination: "w3-usw2")]?.lagSeconds
        #expect(lag == 13)
    }

    @Test func pairingRules() {
        let rule = { (to: String) in ReplicationRule(id: "r", destinationBucket: to) }
        let regions = ["a": "eu-west-1", "b": "us-east-1", "c": "us-east-1", "d": "ap-south-1", "lonely": "us-east-1"]
        let rules = ["a": [rule("b")], "b": [rule("a")], "c": [rule("d")], "lonely": [rule("missing")]]
        let pairs = DiscoverySource.pairs(regions: regions, rules: rules, home: "us-east-1", defaultRPO: 900)
        #expect(pairs.count == 2, "one pair per two buckets, unknown destinations left out")
        let ab = pairs.first { Set([$0.primary.name, $0.secondary.name]) == ["a", "b"] }
        #expect(ab?.primary.name == "b", "both ways: the home region's bucket is primary")
        #expect(pairs.first { $0.primary.name == "c" }?.secondary.name == "d", "one way: its source is primary")
    }
}
