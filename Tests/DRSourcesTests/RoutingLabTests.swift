import DRAWS
import DRCore
import DRFrontDoor
import DRSourceKit
import DRTestSupport
import DRWire
import Foundation
import Testing

/// Traffic and recovery read from the replication lab (`setup.py --routing`, issue 15): MRAP routes with one
/// control plane region gone, Route 53 failover records with CloudWatch health, ARC routing controls on a cluster
/// with an endpoint refused or hanging, Global Accelerator dials and health, and AWS Backup's points and jobs.
@Suite(.serialized) struct RoutingLabTests {
    /// The lab's configuration as drtop reads it, polled every 0.1 s with 1 s requests.
    static func source(_ lab: Lab) throws -> AWSSource {
        let config = try ConfigLoader.load(path: lab.config)
        return AWSSource(pairs: config.pairs, client: lab.client(requestTimeout: 1), pollIntervalSeconds: 0.1,
                         trackObjects: false)
    }

    /// Polls `region` until `accept` likes pair lab0's traffic or `seconds` pass; the last traffic.
    static func traffic(_ source: AWSSource, _ region: String = "us-east-1", within seconds: Double = 5,
                        until accept: (TrafficStatus) -> Bool = { _ in true }) async throws -> TrafficStatus {
        let deadline = Date().addingTimeInterval(seconds)
        var last = TrafficStatus()
        repeat {
            last = try await source.poll(region: region, now: Date()).traffic["lab0"] ?? TrafficStatus()
            if accept(last) { return last }
            try await Task.sleep(for: .milliseconds(200))
        } while Date() < deadline
        return last
    }

    static func route(_ traffic: TrafficStatus, _ kind: TrafficRoute.Kind, _ region: String) -> TrafficRoute? {
        traffic.routes(kind).first { $0.region == region }
    }

    @Test func mrapDialMovedShowsInTheNextPollAndOneControlPlaneRegionDoesNotHideIt() async throws {
        let lab = try Lab(pairs: 1, routing: true)
        let source = try Self.source(lab)
        let first = try await Self.traffic(source)
        #expect(first.routes(.mrap).count == 2, "\(first)")
        #expect(Self.route(first, .mrap, "us-west-2")?.dialPercent == 100)
        #expect(Self.route(first, .mrap, "us-west-2")?.state == "100%")
        #expect(Self.route(first, .mrap, "us-west-2")?.name == "lab0-usw2")

        try await lab.fault("/mrap/lab0/dial?bucket=lab0-usw2&percent=0")
        let moved = try await source.poll(region: "us-east-1", now: Date()).traffic["lab0"] ?? TrafficStatus()
        #expect(Self.route(moved, .mrap, "us-west-2")?.dialPercent == 0, "the next poll: \(moved.routes(.mrap))")
        #expect(Self.route(moved, .mrap, "us-west-2")?.carriesTraffic == false)
        #expect(Self.route(moved, .mrap, "us-east-1")?.carriesTraffic == true)

        // us-east-1's control plane gone: us-west-2 answers, the note names what failed; the us-west-2 poll
        // carries the pair's traffic (us-east-1's poll fails with its region).
        try await lab.fault("/region/us-east-1/refuse")
        try await lab.fault("/mrap/lab0/dial?bucket=lab0-usw2&percent=100")
        let failedOver = try await Self.traffic(source, "us-west-2") { Self.route($0, .mrap, "us-west-2")?.dialPercent == 100 }
        try await lab.fault("/region/us-east-1/ok")
        #expect(Self.route(failedOver, .mrap, "us-west-2")?.dialPercent == 100, "\(failedOver)")
        #expect(failedOver.problems.allSatisfy { $0.kind != .mrap }, "\(failedOver.problems)")
        let note = failedOver.notes.first { $0.hasPrefix("MRAP routes from us-west-2: ") } ?? ""
        #expect(note.contains("GetMultiRegionAccessPointRoutes us-east-1") && note.contains("connection refused"),
                "\(failedOver.notes)")

        // No control plane region answers: the routes read before stay (with their time), and the problem says why.
        try await lab.fault("/deny/GetMultiRegionAccessPointRoutes")
        let denied = try await Self.traffic(source) { $0.problems.contains { $0.kind == .mrap } }
        let problem = denied.problems.first { $0.kind == .mrap }?.message ?? ""
        #expect(problem.contains("AccessDenied (needs s3:GetMultiRegionAccessPointRoutes)"), "\(problem)")
        #expect(denied.routes(.mrap).count == 2, "the routes read before: \(denied.routes)")
        #expect(denied.routes(.mrap).allSatisfy { $0.observedAt <= failedOver.readAt ?? Date() })
        #expect(denied.problems.first { $0.kind == .mrap }?.unreachable == false, "an answer, though a refusal")

        // Every control plane region refused: the control plane could not be reached at all.
        try await lab.fault("/allow/GetMultiRegionAccessPointRoutes")
        try await lab.fault("/region/us-east-1/refuse")
        try await lab.fault("/region/us-west-2/refuse")
        let cutOff = try await Self.traffic(source) { $0.problems.contains { $0.kind == .mrap && $0.unreachable } }
        try await lab.fault("/region/us-east-1/ok")
        try await lab.fault("/region/us-west-2/ok")
        let problem2 = cutOff.problems.first { $0.kind == .mrap }
        #expect(problem2?.unreachable == true, "\(cutOff.problems)")
        #expect(problem2?.message.hasPrefix("no control plane region answered: ") == true, "\(cutOff.problems)")
    }

    /// A control plane region that holds requests (us-east-1 hangs) holds no poll beyond the request timeout:
    /// the routes come from us-west-2 a poll later.
    @Test func aHangingControlPlaneRegionDoesNotHoldThePoll() async throws {
        let lab = try Lab(pairs: 1, routing: true)
        let source = try Self.source(lab)
        _ = try await Self.traffic(source, "us-west-2")
        try await lab.fault("/region/us-east-1/hang")
        try await lab.fault("/mrap/lab0/dial?bucket=lab0-use1&percent=0")
        var longest = 0.0
        var last = TrafficStatus()
        let deadline = Date().addingTimeInterval(8)
        while Date() < deadline {
            let started = Date()
            last = try await source.poll(region: "us-west-2", now: Date()).traffic["lab0"] ?? TrafficStatus()
            longest = max(longest, Date().timeIntervalSince(started))
            if Self.route(last, .mrap, "us-east-1")?.dialPercent == 0 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        try await lab.fault("/region/us-east-1/ok")
        #expect(Self.route(last, .mrap, "us-east-1")?.dialPercent == 0, "\(last)")
        #expect(last.notes.contains { $0.hasPrefix("MRAP routes from us-west-2") && $0.contains("timed out") }, "\(last.notes)")
        #expect(longest < 2.5, "a poll took \(longest) s with us-east-1 hanging")
    }

    @Test func aFailedHealthCheckMakesItsRecordUnhealthy() async throws {
        let lab = try Lab(pairs: 1, routing: true)
        let routing = try #require(lab.routing)
        let source = try Self.source(lab)
        let steady = try await Self.traffic(source) { Self.route($0, .route53, "us-west-2")?.healthy == true }
        let primary = try #require(Self.route(steady, .route53, "us-east-1"), "\(steady)")
        let secondary = try #require(Self.route(steady, .route53, "us-west-2"))
        #expect(primary.state == "PRIMARY" && primary.carriesTraffic == true && primary.healthy == true)
        #expect(secondary.state == "SECONDARY" && secondary.carriesTraffic == false)
        #expect(primary.ttlSeconds == 60 && primary.detectionSeconds == 90, "30 s × 3")
        #expect(primary.healthCheckID == routing.healthChecks["lab0"]?["us-east-1"])
        #expect(secondary.healthDetail == "HealthCheckStatus 1")

        let check = try #require(routing.healthChecks["lab0"]?["us-west-2"])
        try await lab.fault("/health-check/\(check)/fail?reason=Timeout")
        let failed = try await Self.traffic(source) { Self.route($0, .route53, "us-west-2")?.healthy == false }
        #expect(Self.route(failed, .route53, "us-west-2")?.healthy == false, "\(failed)")
        #expect(Self.route(failed, .route53, "us-west-2")?.healthDetail == "HealthCheckStatus 0")
        #expect(Self.route(failed, .route53, "us-east-1")?.carriesTraffic == true)

        // The primary's check fails too: nothing is healthy, and Route 53 answers with the primary.
        let primaryCheck = try #require(routing.healthChecks["lab0"]?["us-east-1"])
        try await lab.fault("/health-check/\(primaryCheck)/fail?reason=Timeout")
        let both = try await Self.traffic(source) { Self.route($0, .route53, "us-east-1")?.healthy == false }
        #expect(Self.route(both, .route53, "us-east-1")?.carriesTraffic == true, "\(both)")
        #expect(Self.route(both, .route53, "us-west-2")?.carriesTraffic == false)

        // CloudWatch denied: the records stay, their health unknown, the problem names the permission.
        try await lab.fault("/deny/GetMetricData")
        let denied = try await Self.traffic(source) { $0.problems.contains { $0.kind == .route53 } }
        #expect(denied.problems.first { $0.kind == .route53 }?.message.contains("cloudwatch:GetMetricData") == true,
                "\(denied.problems)")
        #expect(Self.route(denied, .route53, "us-east-1")?.healthy == nil)
        #expect(Self.route(denied, .route53, "us-east-1")?.carriesTraffic == nil)
    }

    @Test func arcStatesWithOneEndpointRefusedAndOneHanging() async throws {
        let lab = try Lab(pairs: 1, routing: true)
        let source = try Self.source(lab)
        let steady = try await Self.traffic(source)
        #expect(Self.route(steady, .arc, "us-east-1")?.state == "On", "\(steady)")
        #expect(Self.route(steady, .arc, "us-west-2")?.state == "Off")
        #expect(Self.route(steady, .arc, "us-west-2")?.dialPercent == 0)
        #expect(Self.route(steady, .arc, "us-east-1")?.name == "lab0-use1")
        #expect(Self.route(steady, .arc, "us-east-1")?.arn == lab.routing?.arcControls["lab0"]?["us-east-1"])

        // The endpoint that answered refuses: the next one does, and the note says which failed.
        try await lab.fault("/arc/endpoint/us-east-1/refuse")
        try await lab.fault("/arc/control/lab0-usw2/On")
        let refused = try await Self.traffic(source) { Self.route($0, .arc, "us-west-2")?.state == "On" }
        #expect(Self.route(refused, .arc, "us-west-2")?.carriesTraffic == true, "\(refused)")
        #expect(refused.problems.isEmpty, "\(refused.problems)")
        #expect(refused.notes.contains { $0.hasPrefix("ARC states from us-west-2: ") && $0.contains("us-east-1") },
                "\(refused.notes)")

        // The endpoint answering now hangs: no poll waits on it beyond the request timeout (1 s); the states come
        // from the next endpoint a poll or two later.
        try await lab.fault("/arc/endpoint/us-west-2/hang")
        try await lab.fault("/arc/control/lab0-use1/Off")
        var longest = 0.0
        let deadline = Date().addingTimeInterval(8)
        var last = TrafficStatus()
        while Date() < deadline {
            let started = Date()
            last = try await source.poll(region: "us-east-1", now: Date()).traffic["lab0"] ?? TrafficStatus()
            longest = max(longest, Date().timeIntervalSince(started))
            if Self.route(last, .arc, "us-east-1")?.state == "Off" { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        try await lab.fault("/arc/endpoint/us-west-2/ok")
        try await lab.fault("/arc/endpoint/us-east-1/ok")
        #expect(Self.route(last, .arc, "us-east-1")?.state == "Off", "\(last)")
        #expect(longest < 2.5, "a poll took \(longest) s with one endpoint hanging")
    }

    @Test func acceleratorDialAndHealth() async throws {
        let lab = try Lab(pairs: 1, routing: true)
        let source = try Self.source(lab)
        let steady = try await Self.traffic(source)
        #expect(Self.route(steady, .accelerator, "us-west-2")?.dialPercent == 100, "\(steady)")
        #expect(Self.route(steady, .accelerator, "us-west-2")?.healthy == true)
        #expect(Self.route(steady, .accelerator, "us-west-2")?.healthDetail == "HEALTHY")
        try await lab.fault("/accelerator/lab0/dial?region=us-west-2&percent=0")
        try await lab.fault("/accelerator/lab0/health?region=us-east-1&state=UNHEALTHY&reason=Timeout")
        let moved = try await source.poll(region: "us-east-1", now: Date()).traffic["lab0"] ?? TrafficStatus()
        #expect(Self.route(moved, .accelerator, "us-west-2")?.dialPercent == 0, "\(moved)")
        #expect(Self.route(moved, .accelerator, "us-west-2")?.carriesTraffic == false)
        #expect(Self.route(moved, .accelerator, "us-east-1")?.healthy == false)
        #expect(Self.route(moved, .accelerator, "us-east-1")?.healthDetail == "UNHEALTHY (Timeout)")
        #expect(Self.route(moved, .accelerator, "us-east-1")?.carriesTraffic == false)
        #expect(Self.route(moved, .accelerator, "us-east-1")?.arn?.contains("/endpoint-group/") == true)
        try await lab.fault("/deny/ListEndpointGroups")
        let denied = try await Self.traffic(source) { $0.problems.contains { $0.kind == .accelerator } }
        #expect(denied.problems.first { $0.kind == .accelerator }?.message
            == "ListEndpointGroups us-west-2: AccessDenied (needs globalaccelerator:ListEndpointGroups)", "\(denied)")
        #expect(denied.routes(.accelerator).count == 2, "kept from before")
    }

    @Test func backupAndRestorePairsBackupStatus() async throws {
        let lab = try Lab(pairs: 1, pairLines: "strategy = \"backup-and-restore\"\n[pair.backup]\nvault = \"lab-vault\"\n")
        let source = try Self.source(lab)
        func backup() async throws -> BackupStatus? {
            await source.invalidateConfiguration()
            return try await source.poll(region: "us-east-1", now: Date()).backups["lab0"]
        }
        // Never backed up: nothing to restore, and no error (DescribeProtectedResource's ResourceNotFoundException).
        let none = try #require(try await backup())
        #expect(none.problem == nil && none.latestPeriodic == nil && none.lastBackupTime == nil && none.latestJob == nil,
                "\(none)")
        #expect(none.vault == "lab-vault" && none.restorableUpTo == nil)

        try await lab.fault("/backup/lab0-use1/recovery-point?age=7200&vault=lab-vault")
        try await lab.fault("/backup/lab0-use1/recovery-point?age=60&vault=other-vault")
        let periodic = try #require(try await backup())
        let age = Date().timeIntervalSince(periodic.latestPeriodic?.createdAt ?? Date())
        #expect(abs(age - 7200) < 30, "the vault's point, not the other vault's: \(periodic)")
        #expect(periodic.latestPeriodic?.vault == "lab-vault" && periodic.latestJob?.state == "COMPLETED")

        try await lab.fault("/backup/lab0-use1/fail?message=Access%20denied&vault=lab-vault")
        let failed = try #require(try await backup())
        #expect(failed.latestJob?.state == "FAILED" && failed.latestJob?.statusMessage == "Access denied", "\(failed)")
        #expect(failed.latestPeriodic == periodic.latestPeriodic)

        try await lab.fault("/backup/lab0-use1/recovery-point?age=864000&type=continuous&vault=lab-vault")
        let continuous = try #require(try await backup())
        #expect(continuous.continuous?.isContinuous == true && continuous.continuous?.status != "STOPPED", "\(continuous)")
        #expect(Date().timeIntervalSince(continuous.restorableUpTo ?? .distantPast) < 30, "PITR reaches now")
        try await lab.fault("/backup/lab0-use1/stop")
        try await Task.sleep(for: .seconds(2))
        let stopped = try #require(try await backup())
        #expect(stopped.continuous?.status == "STOPPED", "\(stopped)")
        #expect(Date().timeIntervalSince(stopped.lastBackupTime ?? Date()) >= 1.5, "LastBackupTime stays at the stop")

        try await lab.fault("/deny/ListRecoveryPointsByResource")
        let denied = try #require(try await backup())
        #expect(denied.problem?.contains("ListRecoveryPointsByResource us-east-1: AccessDenied (needs "
                                         + "backup:ListRecoveryPointsByResource)") == true, "\(denied)")
        #expect(denied.continuous == stopped.continuous, "what was read before stays")
    }

    /// `drtop check --pair lab1` (a request for one pair) reads that pair's routing and backups only.
    @Test func onePairAskedReadsOnlyThatPairsRoutingAndBackups() async throws {
        let lab = try Lab(pairs: 2, routing: true, pairLines: "[pair.backup]\nvault = \"lab-vault\"\n")
        var request = SourceRequest()
        request.configPath = lab.config
        request.onlyPair = "lab1"
        let environment = ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                           "AWS_EC2_METADATA_DISABLED": "true",
                           "AWS_SHARED_CREDENTIALS_FILE": lab.home.appendingPathComponent("none").path,
                           "AWS_CONFIG_FILE": lab.home.appendingPathComponent("none").path]
        let built = try SourceAssembly(environment: environment).build(request, start: Date())
        _ = try await built.source.layout()
        let reading = try await built.source.poll(region: "us-east-1", now: Date())
        #expect(Array(reading.traffic.keys) == ["lab1"], "\(reading.traffic.keys)")
        #expect(Array(reading.backups.keys) == ["lab1"], "\(reading.backups.keys)")
        let counts = Dictionary(built.client?.requestCounts.map { ($0.api, $0.count) } ?? [], uniquingKeysWith: +)
        #expect(counts["GetMultiRegionAccessPointRoutes"] == 1 && counts["GetRoutingControlState"] == 2, "\(counts)")
        #expect(counts["ListRecoveryPointsByResource"] == 1 && counts["ListListeners"] == 1, "\(counts)")
    }

    /// Pairs that name no routing and watch no backups send none of these requests.
    @Test func onlyPairsThatNameThemCostRequests() async throws {
        let lab = try Lab(pairs: 1)
        let client = lab.client(requestTimeout: 1)
        let config = try ConfigLoader.load(path: lab.config)
        let source = AWSSource(pairs: config.pairs, client: client, pollIntervalSeconds: 0.1, trackObjects: false)
        let reading = try await source.poll(region: "us-east-1", now: Date())
        #expect(reading.traffic.isEmpty && reading.backups.isEmpty)
        let apis = Set(client.requestCounts.map(\.api))
        #expect(apis.isDisjoint(with: ["GetMultiRegionAccessPointRoutes", "ListResourceRecordSets", "GetRoutingControlState",
                                       "ListListeners", "ListRecoveryPointsByResource", "DescribeCluster"]), "\(apis)")
    }
}
