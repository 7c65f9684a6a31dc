import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import DRWire
import Foundation
import Testing

/// The AWS source against a real S3 + CloudWatch server process (moto's server) on loopback.
@Suite(.serialized) struct AWSSourceMotoTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Moto/world.py").path

    struct Expected: Decodable {
        var name: String
        var primary: String
        var secondary: String
        var lag: Double
        var pending: Int
        var pending_bytes: Int64
        var failed: Int
        var back_lag: Double?
    }

    static func source(_ server: MotoServer, _ expected: [Expected], region west: String = "us-west-2",
                       endpoint: String? = nil) -> AWSSource {
        let pairs = expected.map { pair in
            PairSpec(name: pair.name, primary: Bucket(name: pair.primary, region: "us-east-1"),
                     secondary: Bucket(name: pair.secondary, region: west), rpoSeconds: 900)
        }
        let url = URL(string: endpoint ?? server.endpoint)!
        let endpoints = AWSEndpoints(regionOverrides: ["us-east-1": url, west: url])
        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")
        let client = AWSClient(transport: HTTPTransport(connectTimeout: 1, requestTimeout: 3), endpoints: endpoints,
                               credentials: { credentials })
        return AWSSource(pairs: pairs, client: client)
    }

    /// One poll of every region, assembled into a snapshot as the poller does.
    static func snapshot(_ source: AWSSource) async throws -> Snapshot {
        let layout = try await source.layout()
        var outcomes: [String: RegionOutcome] = [:]
        for region in layout.regions {
            do {
                outcomes[region] = .answered(try await source.poll(region: region, now: Date()), elapsedMs: 1)
            } catch let problem as SourceProblem {
                outcomes[region] = .failed(problem)
            }
        }
        return SnapshotAssembler.assemble(layout: layout, outcomes: outcomes, previous: nil, now: Date(), sequence: 1,
                                          pollDurationSeconds: nil)
    }

    @Test func snapshotEqualsTheWorldSetUp() async throws {
        let server = try MotoServer()
        let output = try server.runScript(Self.script, ["12"])
        let expected = try JSONDecoder().decode([Expected].self, from: Data(output.utf8))
        let source = Self.source(server, expected)
        let snapshot = try await Self.snapshot(source)
        #expect(snapshot.regions.map(\.reachability) == [.up, .up])
        #expect(snapshot.pairs.count == 12)
        for want in expected {
            let pair = try #require(snapshot.pair(named: want.name))
            let out = pair.fromPrimary
            let back = pair.toPrimary
            switch want.name {
            case "pair-1":
                #expect(out.rules?.first?.enabled == false, "disabled rule is read as disabled")
                #expect(out.lagSeconds == nil, "no enabled rule, no metrics asked")
            default:
                #expect(out.lagSeconds == want.lag, "\(want.name)")
                #expect(out.pendingOperations == want.pending, "\(want.name)")
                #expect(out.pendingBytes == want.pending_bytes, "\(want.name)")
                #expect(out.failedOperations == want.failed, "\(want.name)")
                #expect(out.lagHistory.samples.count == 3, "\(want.name)")
            }
            #expect(back.lagSeconds == want.back_lag, "\(want.name)")
            let rule = try #require(out.rules?.first)
            #expect(rule.id == "to-usw2")
            #expect(rule.destinationBucket == want.secondary)
            #expect(rule.replicationTimeControl && rule.metrics)
            // moto 5.2.1 stores DeleteMarkerReplication as Disabled whatever was put; drtop reports what it answers.
            #expect(!rule.deleteMarkerReplication)
            #expect(pair.primary.versioning == .enabled)
            #expect(pair.secondary.versioning == (want.name == "pair-0" ? .suspended : .enabled))
            if want.name == "pair-2" { #expect(back.rules == [], "one direction missing") }
        }

        // Misconfigurations appear as the checklist items they should.
        let checklist = FailoverChecklist()
        func result(_ name: String, _ id: String) -> CheckResult? {
            snapshot.pair(named: name).flatMap { pair in
                checklist.run(pair: pair, in: snapshot, now: Date()).items.first { $0.id == id }?.result
            }
        }
        #expect(result("pair-0", "versioning") == .fail)
        #expect(result("pair-1", "rules-enabled") == .fail)
        #expect(result("pair-2", "rules-enabled") == .warn)
        #expect(result("pair-3", "data-loss") == .pass)
        #expect(result("pair-3", "target-reachable") == .pass)

        // Requests are counted by API and region; one GetMetricData call per region for these few queries.
        let counts = source.requestCounts
        for region in ["us-east-1", "us-west-2"] {
            #expect(counts.first { $0.api == "GetMetricData" && $0.region == region }?.count == 1)
            #expect(counts.first { $0.api == "GetBucketReplication" && $0.region == region }?.count == 12)
        }
        // Configuration is cached: a second poll reads metrics only.
        _ = try await Self.snapshot(source)
        let again = source.requestCounts
        #expect(again.first { $0.api == "GetBucketReplication" && $0.region == "us-east-1" }?.count == 12)
        #expect(again.first { $0.api == "GetMetricData" && $0.region == "us-east-1" }?.count == 2)
    }

    @Test func fiveHundredQueriesACall() async throws {
        let server = try MotoServer()
        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")
        let client = AWSClient(transport: HTTPTransport(),
                               endpoints: AWSEndpoints(regionOverrides: ["us-east-1": URL(string: server.endpoint)!]),
                               credentials: { credentials })
        let queries = (0..<1001).map {
            MetricQuery(metric: .latency, sourceBucket: "s\($0)", destinationBucket: "d\($0)", ruleID: "r")
        }
        let results = try await CloudWatchMetrics(client: client).fetch(queries, region: "us-east-1", now: Date())
        let datapoints = results.values.reduce(0) { $0 + $1.count }
        #expect(datapoints == 0, "no datapoints for metrics never published")
        #expect(client.requestCounts.first { $0.api == "GetMetricData" }?.count == 3, "ceil(1001 / 500) calls")
        #expect(CloudWatchMetrics.maxQueriesPerCall == 500)
    }

    @Test func wrongRegionIsShownOnThePair() async throws {
        let server = try MotoServer()
        let output = try server.runScript(Self.script, ["1"])
        let expected = try JSONDecoder().decode([Expected].self, from: Data(output.utf8))
        // The secondary really lives in us-west-2; say eu-west-1.
        let source = Self.source(server, expected, region: "eu-west-1")
        let snapshot = try await Self.snapshot(source)
        let pair = try #require(snapshot.pair(named: "pair-0"))
        #expect(pair.toPrimary.rulesProblem?.kind == .wrongRegion)
        #expect(pair.toPrimary.rulesProblem?.message == "w0-usw2 is in us-west-2, not eu-west-1 as configured")
        #expect(pair.secondary.versioning == .unknown)
        #expect(snapshot.region("eu-west-1")?.reachability == .degraded)
    }

    @Test func headObjectReadsTheReplicationStatus() async throws {
        let server = try MotoServer()
        _ = try server.runScript(Self.script, ["1"])
        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")
        let url = URL(string: server.endpoint)!
        let client = AWSClient(transport: HTTPTransport(), endpoints: AWSEndpoints(regionOverrides: ["us-east-1": url]),
                               credentials: { credentials })
        let objects = S3Objects(client: client)
        let bucket = Bucket(name: "w0-use1", region: "us-east-1")
        await #expect {
            _ = try await objects.replicationStatus(bucket: bucket, key: "missing/key with space.txt")
        } throws: { ($0 as? SourceProblem)?.kind == .notFound }
        // moto never sets x-amz-replication-status: the object is found and its status is honestly absent.
        #expect(try await objects.replicationStatus(bucket: bucket, key: "probe/hello world.txt") == nil)
        #expect(client.requestCounts.first { $0.api == "HeadObject" }?.count == 2)
    }

    @Test func missingBucketAndStoppedServerAreData() async throws {
        let server = try MotoServer()
        let output = try server.runScript(Self.script, ["1"])
        var expected = try JSONDecoder().decode([Expected].self, from: Data(output.utf8))
        expected.append(Expected(name: "ghost", primary: "no-such-bucket-use1", secondary: "no-such-bucket-usw2",
                                 lag: 0, pending: 0, pending_bytes: 0, failed: 0, back_lag: nil))
        let source = Self.source(server, expected)
        let snapshot = try await Self.snapshot(source)
        let ghost = try #require(snapshot.pair(named: "ghost"))
        #expect(ghost.fromPrimary.rules == nil)
        #expect(ghost.fromPrimary.rulesProblem?.kind == .notFound)
        #expect(ghost.fromPrimary.rulesProblem?.message.contains("NoSuchBucket") == true)
        #expect(snapshot.pair(named: "pair-0")?.fromPrimary.lagSeconds == 10)

        server.stop()
        await source.invalidateConfiguration()
        let down = try await Self.snapshot(source)
        #expect(down.regions.allSatisfy { $0.reachability == .down })
        #expect(down.regions.first?.problem?.message.contains("connection refused") == true)
        #expect(down.pair(named: "pair-0")?.fromPrimary.lagSeconds == nil)
    }
}
