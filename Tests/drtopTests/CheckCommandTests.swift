import DRTestSupport
import Foundation
import Testing

/// `drtop check` against the demo's scenarios and moto's server; every format parsed back.
@Suite(.serialized) struct CheckCommandTests {
    func check(_ arguments: [String], environment: [String: String] = [:], mergeErrors: Bool = false) throws
        -> (status: Int32, output: String) {
        var env = ["HOME": FileManager.default.temporaryDirectory.path, "AWS_EC2_METADATA_DISABLED": "true",
                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        env.merge(environment) { $1 }
        return try Spawn.run(try EndToEndTests.binary(), ["check"] + arguments, capture: true, environment: env,
                             mergeErrors: mergeErrors)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: [
        ("steady", "prod-assets", Int32(0), "GO"),
        ("region-outage", "prod-assets", Int32(2), "NO-GO"),
        ("permission-failure", "media-uploads", Int32(2), "NO-GO"),
        ("backlog-surge", "user-content", Int32(2), "NO-GO"),
    ])
    func demoScenarios(scenario: String, pair: String, status: Int32, verdict: String) throws {
        let result = try check(["--demo", "--scenario", scenario, "--pair", pair, "--format", "json"])
        #expect(result.status == status, "\(scenario): \(result.output)")
        let document = try json(result.output)
        #expect(document["schema"] as? String == "drtop.check/1")
        let pairs = try #require(document["pairs"] as? [[String: Any]])
        #expect(pairs.count == 1)
        #expect(pairs[0]["verdict"] as? String == verdict)
        #expect(pairs[0]["failover_from"] as? String == "us-east-1")
        #expect(pairs[0]["failover_to"] as? String == "us-west-2")
        let checks = try #require(pairs[0]["checks"] as? [[String: Any]])
        // The ten replication items, and for a pair that names its routing the four about traffic and recovery.
        let routed = pair != "media-uploads"
        #expect(checks.count == (routed ? 14 : 10))
        #expect(Set(checks.compactMap { $0["id"] as? String }).isSuperset(of: [
            "traffic-placement", "routing-answers", "target-health-check", "rto-estimate"]) == routed)
        #expect(checks.allSatisfy { ["pass", "warn", "fail", "unknown"].contains($0["result"] as? String ?? "") })
        if scenario == "region-outage" {
            #expect(checks.first { $0["id"] as? String == "target-reachable" }?["result"] as? String == "fail")
            #expect(pairs[0]["accepted_data_loss_seconds"] is NSNull, "unknown loss is null, never 0")
            // The target's Route 53 health check fails with its region.
            #expect(checks.first { $0["id"] as? String == "target-health-check" }?["result"] as? String == "fail")
        }
    }

    @Test func allPairsExitWithTheWorstAndFormatsParseBack() throws {
        let text = try check(["--demo", "--scenario", "region-outage", "--all"])
        #expect(text.status == 2)
        #expect(text.output.contains("overall: NO-GO"))
        #expect(text.output.contains("DEMO data, not real"))
        let markdown = try check(["--demo", "--pair", "prod-assets", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.output.hasPrefix("# Failover check: prod-assets"))
        #expect(markdown.output.contains("- **Verdict:** GO"))
        #expect(markdown.output.contains("- Regions: us-east-1 up, us-west-2 up"))
        let rows = markdown.output.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Result") }
        #expect(rows.count == 14)
        #expect(markdown.output.contains("## Move the users to us-west-2 (printed for you to review and run; drtop runs nothing)"))
        #expect(markdown.output.contains("aws s3control submit-multi-region-access-point-routes --region ap-southeast-2"))
    }

    @Test(arguments: [
        (["--demo", "--pair", "nope"], "drtop check: no pair named 'nope'"),
        (["--bogus"], "drtop check: Unknown option '--bogus'"),
        (["--config", "/nonexistent/drtop.toml"], "drtop: /nonexistent/drtop.toml: no such file"),
        (["--demo", "--format", "yaml"], "drtop check: The value 'yaml' is invalid for '--format"),
    ])
    func problemsAreUnknownNeverGo(arguments: [String], message: String) throws {
        let result = try check(arguments, mergeErrors: true)
        #expect(result.status == 3)
        #expect(result.output.hasPrefix(message), "\(result.output)")
        #expect(result.output.split(separator: "\n").count == 1, "one line")
    }

    @Test func againstMoto() throws {
        let server = try MotoServer()
        _ = try server.runScript(SnapshotCommandTests.world, ["4"])
        let world = try WorldConfig(endpoint: server.endpoint, pairs: 4, refresh: "5s")
        let env = ["HOME": world.home.path, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"]
        let healthy = try check(["--config", world.path, "--pair", "pair-3", "--format", "json"], environment: env)
        // moto stores no replica-modification sync, so a two-way pair warns: GO WITH RISK.
        #expect(healthy.status == 1, "\(healthy.output)")
        let suspended = try check(["--config", world.path, "--pair", "pair-0"], environment: env)
        #expect(suspended.status == 2)
        #expect(suspended.output.contains("FAIL     Versioning on both buckets"))
        #expect(try check(["--config", world.path], environment: env).status == 2, "the worst of all pairs")
        server.stop()
        let down = try check(["--config", world.path, "--pair", "pair-3", "--timeout", "20"], environment: env)
        #expect(down.status == 2, "target region unreachable: NO-GO")
        #expect(down.output.contains("FAIL     Target region reachable"))
    }
}
