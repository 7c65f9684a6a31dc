import DRCore
import DRFrontDoor
import DRTestSupport
import Foundation
import Testing

/// The front door, called directly: a `SourceRequest` in, a `BuiltSource` (or one line) out — no binary spawned.
@Suite(.serialized) struct SourceAssemblyTests {
    static let world = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Moto/world.py")
        .path

    /// A folder of the test's own: no default configuration, empty shared AWS files.
    static func home() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-assembly-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        for file in ["credentials", "config"] {
            try Data().write(to: folder.appendingPathComponent(".aws/\(file)"))
        }
        return folder
    }

    /// An environment with the test's keys and nothing of the machine's.
    static func environment(_ home: URL, keys: Bool = true) -> [String: String] {
        var environment = ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                           "AWS_SHARED_CREDENTIALS_FILE": home.appendingPathComponent(".aws/credentials").path,
                           "AWS_CONFIG_FILE": home.appendingPathComponent(".aws/config").path,
                           "AWS_EC2_METADATA_DISABLED": "true"]
        if keys { environment["AWS_ACCESS_KEY_ID"] = "testing"; environment["AWS_SECRET_ACCESS_KEY"] = "testing" }
        return environment
    }

    /// A configuration of `pairs` (name, primary bucket, secondary bucket) against `endpoint`.
    static func config(_ home: URL, endpoint: String, pairs: [(String, String, String)], extra: String = "",
                       events: Bool = false) throws -> String {
        var text = """
            \(extra)
            [regions.us-east-1]
            endpoint = "\(endpoint)"
            [regions.us-west-2]
            endpoint = "\(endpoint)"

            """
        for (name, primary, secondary) in pairs {
            text += """
                [[pair]]
                name = "\(name)"
                primary = { bucket = "\(primary)", region = "us-east-1" }
                secondary = { bucket = "\(secondary)", region = "us-west-2"\(events ? ", events = \"http://127.0.0.1:1/q-\(name)\"" : "") }

                """
        }
        let path = home.appendingPathComponent("drtop.toml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func failure(_ request: SourceRequest, _ environment: [String: String]) -> String? {
        do {
            _ = try SourceAssembly(environment: environment).build(request, start: Fixtures.now)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func noConfigurationIsTheDemoWithEveryDefault() throws {
        let home = try Self.home()
        let built = try SourceAssembly(environment: Self.environment(home)).build(SourceRequest(), start: Fixtures.now)
        #expect(built.demo != nil)
        #expect(built.client == nil)
        #expect(built.refreshSeconds == Defaults.demoRefreshSeconds)
        #expect(built.thresholds == Thresholds.standard)
        #expect(built.thresholds.warningShare == Defaults.warningPercent / 100)
    }

    @Test func theDemoFollowsTheRequestsThresholdsRefreshAndRPO() async throws {
        var request = SourceRequest()
        request.warnAtPercent = 40
        request.breachAtPercent = 120
        request.refreshSeconds = 0.5
        request.rpoSeconds = 600
        let built = try SourceAssembly(environment: Self.environment(try Self.home())).build(request, start: Fixtures.now)
        #expect(built.thresholds.warningShare == 0.4)
        #expect(built.thresholds.breachShare == 1.2)
        #expect(built.refreshSeconds == 0.5)
        let layout = try await built.source.layout()
        #expect(layout.kind == .demo)
        #expect(layout.pairs.contains { $0.rpoSeconds == 600 }, "the demo's unnamed RPOs follow the request")
    }

    @Test func aConfigurationAgainstMotoIsReadAsConfigured() async throws {
        let server = try MotoServer()
        let expected = try JSONSerialization.jsonObject(with: Data(try server.runScript(Self.world, ["2"]).utf8))
            as? [[String: Any]] ?? []
        let pairs = expected.map { ($0["name"] as! String, $0["primary"] as! String, $0["secondary"] as! String) }
        #expect(pairs.count == 2)
        let home = try Self.home()
        var request = SourceRequest()
        request.configPath = try Self.config(home, endpoint: server.endpoint, pairs: pairs,
                                             extra: "[thresholds]\nwarning = 30")
        request.breachAtPercent = 90
        let built = try SourceAssembly(environment: Self.environment(home)).build(request, start: Fixtures.now)
        #expect(built.demo == nil)
        #expect(built.client != nil)
        #expect(built.refreshSeconds == Defaults.realAPIRefreshSeconds)
        #expect(built.profile == "default")
        #expect(built.thresholds.warningShare == 0.3, "the file's warning")
        #expect(built.thresholds.breachShare == 0.9, "the request wins over the file")
        let layout = try await built.source.layout()
        #expect(layout.kind == .aws)
        #expect(layout.pairs.map(\.name) == pairs.map(\.0))
        #expect(layout.pairs.allSatisfy { $0.rpoSeconds == Defaults.rpoSeconds })
        let reading = try await built.source.poll(region: "us-east-1", now: Date())
        #expect(reading.directions.count >= 1, "the region answered through the assembled client")
    }

    @Test func onlyPairNarrowsTheConfigurationBeforeAnythingIsRead() async throws {
        let home = try Self.home()
        var request = SourceRequest()
        request.configPath = try Self.config(home, endpoint: "http://127.0.0.1:1",
                                             pairs: [("a", "a-east", "a-west"), ("b", "b-east", "b-west")], events: true)
        request.onlyPair = "b"
        let built = try SourceAssembly(environment: Self.environment(home)).build(request, start: Fixtures.now)
        let layout = try await built.source.layout()
        #expect(layout.pairs.map(\.name) == ["b"])
        let config = try ConfigLoader.load(path: request.configPath!)
        let narrowed = try SourceAssembly.narrowed(config, to: "b")
        #expect(narrowed.eventQueues.keys.sorted() == ["b-west"], "the other pairs' queues are dropped")
    }

    /// A file with both `[[pair]]` and `[ceph]`: a configured pair is asked of AWS alone (a realm that does not
    /// answer cannot hold up its verdict), any other name of the realm alone.
    @Test func inAFileWithBothTheAskedPairDecidesWhichPartIsRead() async throws {
        let home = try Self.home()
        var request = SourceRequest()
        request.configPath = try Self.config(home, endpoint: "http://127.0.0.1:1", pairs: [("a", "a-east", "a-west")],
                                             extra: "[ceph]\nendpoint = \"http://127.0.0.1:1\"\n")
        request.onlyPair = "a"
        let aws = try SourceAssembly(environment: Self.environment(home)).build(request, start: Fixtures.now)
        #expect(aws.source.kind == .aws)
        #expect(try await aws.source.layout().pairs.map(\.name) == ["a"])
        request.onlyPair = "zone-a:zone-b"
        let realm = try SourceAssembly(environment: Self.environment(home)).build(request, start: Fixtures.now)
        #expect(realm.source.kind == .ceph)
        request.onlyPair = nil
        let both = try SourceAssembly(environment: Self.environment(home)).build(request, start: Fixtures.now)
        #expect(both.source.kind == .awsAndCeph)
    }

    @Test func anUnknownPairIsOneLineNamingTheKnownOnes() throws {
        let home = try Self.home()
        var request = SourceRequest()
        request.configPath = try Self.config(home, endpoint: "http://127.0.0.1:1",
                                             pairs: [("a", "a-east", "a-west"), ("b", "b-east", "b-west")])
        request.onlyPair = "nope"
        #expect(Self.failure(request, Self.environment(home)) == "no pair named 'nope' (pairs: a, b)")
    }

    @Test func aBadProfileIsOneLineBeforeAnythingIsPolled() throws {
        let home = try Self.home()
        var request = SourceRequest()
        request.configPath = try Self.config(home, endpoint: "http://127.0.0.1:1", pairs: [("a", "a-east", "a-west")])
        request.profile = "nosuch"
        let line = Self.failure(request, Self.environment(home))
        #expect(line?.hasPrefix("no AWS credentials found; tried environment (skipped: --profile given)") == true,
                "\(line ?? "built")")
        #expect(line?.contains("profile nosuch") == true, "\(line ?? "built")")
        #expect(line?.contains("\n") == false)
    }

    @Test func badRequestsAndFilesAreOneLine() throws {
        let home = try Self.home()
        var request = SourceRequest()
        request.configPath = home.appendingPathComponent("missing.toml").path
        #expect(Self.failure(request, Self.environment(home)) == "\(request.configPath!): no such file")
        var demo = SourceRequest()
        demo.demo = true
        demo.canary = true
        #expect(Self.failure(demo, Self.environment(home)) == "--canary writes to real buckets; the demo has none")
        var thresholds = SourceRequest()
        thresholds.warnAtPercent = 120
        #expect(thresholds.problem == "--warn-at must be above 0 and at most --breach-at (got 120.0 and 100.0)")
        var secondary = SourceRequest()
        secondary.configPath = try Self.config(home, endpoint: "http://127.0.0.1:1", pairs: [("a", "a-east", "a-west")])
        secondary.secondaryProfile = "dr"
        #expect(Self.failure(secondary, Self.environment(home))?.hasPrefix("--secondary-profile is for discovery") == true)
    }

    @Test func theRequestTimeoutRuleHasOneOwner() {
        #expect(Defaults.requestTimeout(refresh: 60) == 10)
        #expect(Defaults.requestTimeout(refresh: 0.5) == 1)
        #expect(Defaults.requestTimeout(refresh: 60, commandTimeout: 30) == 3.75, "an eighth of the command's")
        #expect(DrtopConfig.defaultRequestTimeout(refresh: 4) == Defaults.requestTimeout(refresh: 4))
    }
}
