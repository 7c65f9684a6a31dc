import DRTestSupport
import Foundation
import Testing

/// The one-shot commands with `--discover`: they wait for discovery, fail with one line when it cannot run,
/// and say when it found nothing. Against the replication lab (ListBuckets with BucketRegion and pages, as S3
/// answers) and moto's server.
@Suite(.serialized) struct DiscoveryHeadlessTests {
    static func environment(_ home: URL, endpoint: String? = nil) -> [String: String] {
        var environment = ["HOME": home.path, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                           "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1"]
        if let endpoint { environment["AWS_ENDPOINT_URL"] = endpoint }
        return environment
    }

    /// A configuration that discovers, with the lab's regional endpoints.
    static func discoveringConfig(_ lab: Lab) throws -> String {
        let path = lab.home.appendingPathComponent("discover.toml").path
        try """
            discover = true
            refresh = "1s"
            [regions.us-east-1]
            endpoint = "http://127.0.0.1:\(lab.east)"
            [regions.us-west-2]
            endpoint = "http://127.0.0.1:\(lab.west)"

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func snapshotAndCheckWaitForDiscovery() async throws {
        let lab = try Lab(pairs: 2, setupArguments: ["--fanout"])
        try lab.write(3, to: "lab0-use1", region: "us-east-1")
        let config = try Self.discoveringConfig(lab)
        let binary = try EndToEndTests.binary()
        let snapshot = try Spawn.run(binary, ["snapshot", "--json", "--config", config], capture: true,
                                     environment: Self.environment(lab.home))
        #expect(snapshot.status == 0)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(snapshot.output.utf8)) as? [String: Any], "\(snapshot.output)")
        let pairs = try #require(document["pairs"] as? [[String: Any]])
        // Every pair named uniquely: the source with two destinations becomes "source:destination" twice.
        #expect(pairs.compactMap { $0["name"] as? String }.sorted()
            == ["fan-use1:fan-arch-usw2", "fan-use1:fan-usw2", "lab0-use1", "lab1-use1"])
        let regions = (document["regions"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(regions == ["us-east-1", "us-west-2"])
        let lab0 = try #require(pairs.first { $0["name"] as? String == "lab0-use1" })
        #expect(lab0["primary_region"] as? String == "us-east-1")

        let check = try Spawn.run(binary, ["check", "--all", "--config", config], capture: true,
                                  environment: Self.environment(lab.home))
        #expect(check.status != 3, "a verdict, not 'no pairs to check': \(check.output)")
        #expect(check.output.contains("lab0-use1: "), "\(check.output)")
        #expect(check.output.contains("fan-use1:fan-usw2: "), "\(check.output)")
    }

    @Test func discoveryThatCannotRunIsOneLineAndANonZeroExit() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-disc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let binary = try EndToEndTests.binary()
        let closed = "http://127.0.0.1:\(try MotoServer.freePort())"

        let snapshot = try Spawn.run(binary, ["snapshot", "--json", "--discover"], capture: true,
                                     environment: Self.environment(home, endpoint: closed), mergeErrors: true)
        #expect(snapshot.status == 2)
        let lines = snapshot.output.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(snapshot.output)")
        #expect(snapshot.output.contains("drtop: discovery failed: 127.0.0.1:"), "\(snapshot.output)")
        #expect(snapshot.output.contains("connection refused"), "names the endpoint's problem: \(snapshot.output)")

        let check = try Spawn.run(binary, ["check", "--all", "--discover"], capture: true,
                                  environment: Self.environment(home, endpoint: closed), mergeErrors: true)
        #expect(check.status == 3, "unknown: \(check.output)")
        #expect(check.output.contains("discovery failed"), "\(check.output)")

        // serve discovers before it listens: a scrape never sees an account that is only being listed.
        let serve = try Spawn.run(binary, ["serve", "--discover", "--listen", "127.0.0.1:\(try MotoServer.freePort())"],
                                  capture: true, environment: Self.environment(home, endpoint: closed), mergeErrors: true)
        #expect(serve.status == 2, "\(serve.output)")
        #expect(serve.output.contains("drtop: discovery failed: 127.0.0.1:"), "\(serve.output)")
    }

    @Test func accessDeniedOnListBucketsNamesThePermission() async throws {
        let lab = try Lab(pairs: 1)
        try await lab.fault("/deny/ListBuckets")
        let config = try Self.discoveringConfig(lab)
        let check = try Spawn.run(try EndToEndTests.binary(), ["check", "--all", "--config", config], capture: true,
                                  environment: Self.environment(lab.home), mergeErrors: true)
        #expect(check.status == 3)
        #expect(check.output.contains("discovery failed: ListBuckets: AccessDenied (needs s3:ListAllMyBuckets)"),
                "\(check.output)")
        #expect(check.output.split(separator: "\n").count == 1, "\(check.output)")
    }

    @Test func noReplicatingPairsIsSaidAsSuch() async throws {
        let server = try MotoServer()
        let made = try Spawn.run(try #require(MotoServer.pythonPath), ["-c", """
            import boto3, sys
            s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=sys.argv[1], aws_access_key_id="testing",
                              aws_secret_access_key="testing")
            for name in ("plain-one", "plain-two"):
                s3.create_bucket(Bucket=name)
            """, server.endpoint], capture: false)
        #expect(made.status == 0)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-disc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let binary = try EndToEndTests.binary()
        let environment = Self.environment(home, endpoint: server.endpoint)
        let check = try Spawn.run(binary, ["check", "--all", "--discover"], capture: true, environment: environment,
                                  mergeErrors: true)
        #expect(check.status == 3)
        #expect(check.output.contains("discovery found no replicating bucket pairs among 2 buckets"), "\(check.output)")
        let snapshot = try Spawn.run(binary, ["snapshot", "--json", "--discover"], capture: true,
                                     environment: environment, mergeErrors: true)
        #expect(snapshot.status == 0)
        #expect(snapshot.output.contains("discovery found no replicating bucket pairs among 2 buckets"))
        #expect(snapshot.output.contains("\"pairs\": []"), "\(snapshot.output)")
    }
}
