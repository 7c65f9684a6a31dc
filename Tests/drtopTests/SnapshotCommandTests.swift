import DRTestSupport
import Foundation
import Testing

/// `drtop snapshot --json` end to end: the built binary, a configuration file, moto's server.
@Suite(.serialized) struct SnapshotCommandTests {
    static let world = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DRSourcesTests/Moto/world.py").path

    func run(_ arguments: [String], home: String) throws -> (status: Int32, output: String) {
        try Spawn.run(try EndToEndTests.binary(), arguments, capture: true, environment: [
            "HOME": home, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "AWS_ACCESS_KEY_ID": "AKIDTESTING", "AWS_SECRET_ACCESS_KEY": "s3cr3t-never-shown-0123456789",
            "AWS_SESSION_TOKEN": "token-never-shown-9876543210",
        ])
    }

    @Test func snapshotOfTenPairsAgainstMoto() throws {
        let server = try MotoServer()
        _ = try server.runScript(Self.world, ["10"])
        let world = try WorldConfig(endpoint: server.endpoint, pairs: 10, refresh: "5s", rpo: "5m")
        let home = world.home
        let config = world.path
        let result = try run(["snapshot", "--json", "--config", config], home: home.path)
        #expect(result.status == 0)
        #expect(!result.output.contains("s3cr3t-never-shown"), "no secret in the output")
        #expect(!result.output.contains("token-never-shown"), "no session token in the output")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "drtop.snapshot/1")
        #expect(json["source"] as? String == "aws")
        let regions = try #require(json["regions"] as? [[String: Any]])
        #expect(regions.compactMap { $0["reachable"] as? Bool } == [true, true])
        let pairs = try #require(json["pairs"] as? [[String: Any]])
        #expect(pairs.count == 10)
        let pair3 = try #require(pairs.first { $0["name"] as? String == "pair-3" })
        #expect(pair3["rpo_seconds"] as? Int == 300)
        let directions = try #require(pair3["directions"] as? [[String: Any]])
        #expect(directions[0]["lag_seconds"] as? Double == 13)
        #expect(directions[0]["pending_operations"] as? Int == 103)
        #expect(directions[0]["failed_operations"] as? Int == 0)
        #expect(directions[0]["state"] as? String == "ok")
        let pair1 = try #require(pairs.first { $0["name"] as? String == "pair-1" })
        let out1 = try #require((pair1["directions"] as? [[String: Any]])?.first)
        #expect(out1["lag_seconds"] is NSNull, "unknown is null, never 0")
        let cost = try #require(json["estimated_monthly_cost_usd"] as? Double)
        #expect(cost > 0)
        let requests = try #require(json["requests"] as? [[String: Any]])
        #expect(requests.contains { $0["api"] as? String == "GetMetricData" && $0["count"] as? Int == 1 })
    }

    @Test func badConfigurationIsOneLineAndExitTwo() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-bad-\(getpid())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let config = home.appendingPathComponent("bad.toml").path
        try "refresh = \"2s\"\nwhat = 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let process = try Spawn.run(try EndToEndTests.binary(), ["snapshot", "--json", "--config", config],
                                    capture: true, environment: ["HOME": home.path])
        #expect(process.status == 2)
        #expect(process.output.isEmpty, "nothing polled, nothing printed")
    }
}
