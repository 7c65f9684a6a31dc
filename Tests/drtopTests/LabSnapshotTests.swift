import DRTestSupport
import Foundation
import Testing

/// `drtop snapshot --json` against the replication lab: the object queue, its sources (scan or S3 events),
/// failure reasons, the drain estimate, and loop safety, as a script reading drtop's JSON would see them.
@Suite(.serialized) struct LabSnapshotTests {
    static func snapshot(_ lab: Lab, polls: Int = 4) throws -> [String: Any] {
        let result = try Spawn.run(try EndToEndTests.binary(), [
            "snapshot", "--json", "--config", lab.config, "--polls", "\(polls)", "--refresh", "0.5",
        ], capture: true, environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                        "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"])
        guard result.status == 0,
              let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] else {
            throw TestFailure("snapshot failed (\(result.status)): \(result.output)")
        }
        return json
    }

    static func direction(_ json: [String: Any], from source: String) throws -> [String: Any] {
        let pairs = json["pairs"] as? [[String: Any]] ?? []
        let all = pairs.flatMap { $0["directions"] as? [[String: Any]] ?? [] }
        return try #require(all.first { $0["source_bucket"] as? String == source }, "no direction from \(source)")
    }

    /// Polls snapshots until `accept` likes the direction from `source`, or `seconds` pass; returns the last.
    static func until(_ lab: Lab, _ source: String, seconds: Double, _ accept: ([String: Any]) -> Bool) throws
        -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try direction(snapshot(lab), from: source)
        while !accept(last), Date() < deadline {
            usleep(300_000)
            last = try direction(snapshot(lab), from: source)
        }
        return last
    }

    static func queue(_ direction: [String: Any]) -> [[String: Any]] { direction["queue"] as? [[String: Any]] ?? [] }

    @Test func steadyThenBacklogWithDrainEstimate() async throws {
        let lab = try Lab(pairs: 1, rpo: "1m")
        try lab.write(4, to: "lab0-use1", region: "us-east-1")
        // Steady: everything replicates; the queue empties, lag far under the RPO, healthy.
        let steady = try Self.until(lab, "lab0-use1", seconds: 15) {
            Self.queue($0).isEmpty && $0["state"] as? String == "ok" && $0["lag_seconds"] is Double
        }
        #expect(Self.queue(steady).isEmpty, "\(steady)")
        #expect(steady["queue_source"] as? String == "scan")
        #expect((steady["lag_seconds"] as? Double ?? 99) < 10)
        #expect(steady["state"] as? String == "ok", "\(steady)")

        // Backlog: the direction is slowed to 60 s an object; new objects wait as PENDING, the backlog is
        // counted, and the drain estimate is computed from it.
        try await lab.fault("/direction/lab0-use1/lab0-usw2/slow?delay=60")
        try lab.write(8, to: "lab0-use1", region: "us-east-1")
        let backlog = try Self.until(lab, "lab0-use1", seconds: 30) {
            Self.queue($0).count == 8 && ($0["pending_operations"] as? Double ?? 0) >= 8
                && !["unknown", "clear"].contains(($0["drain"] as? [String: Any])?["state"] as? String ?? "unknown")
        }
        let pending = Self.queue(backlog)
        #expect(pending.count == 8, "\(backlog)")
        #expect(pending.allSatisfy { $0["status"] as? String == "PENDING" && ($0["size"] as? Double) == 1024 })
        #expect(pending.allSatisfy { ($0["version_id"] as? String ?? "").count > 0 })
        // CloudWatch's backlog and the followed queue agree.
        #expect(backlog["pending_operations"] as? Double == 8, "\(backlog)")
        #expect(backlog["pending_operations_from"] as? String == "cloudwatch")
        let drain = try #require(backlog["drain"] as? [String: Any])
        #expect(["draining", "not-draining"].contains(drain["state"] as? String ?? ""), "\(drain)")
        #expect(["growing", "steady"].contains(backlog["trend"] as? String ?? ""), "\(backlog)")
    }

    @Test func failedObjectsCarryTheirReasonFromEvents() async throws {
        let lab = try Lab(pairs: 1, events: true)
        try await lab.fault("/direction/lab0-use1/lab0-usw2/fail?reason=DstKmsKeyNotFound")
        try lab.write(3, to: "lab0-use1", region: "us-east-1")
        let failing = try Self.until(lab, "lab0-use1", seconds: 20) {
            Self.queue($0).filter { $0["failure_reason"] as? String == "DstKmsKeyNotFound" }.count == 3
        }
        #expect(failing["queue_source"] as? String == "events", "\(failing)")
        let queue = Self.queue(failing)
        #expect(queue.count == 3 && queue.allSatisfy { $0["status"] as? String == "FAILED" }, "\(queue)")
        #expect(queue.allSatisfy { $0["failure_reason"] as? String == "DstKmsKeyNotFound" }, "\(queue)")
        let failures = failing["failures"] as? [[String: Any]] ?? []
        #expect(failures.first?["reason"] as? String == "DstKmsKeyNotFound" && failures.first?["count"] as? Double == 3,
                "\(failures)")
        #expect(failing["state"] as? String != "healthy")
        // The queue came from events: drtop never listed the bucket.
        let requests = try await lab.requests()
        #expect(requests["drtop JSON ReceiveMessage", default: 0] > 0, "\(requests)")
        let json = try Self.snapshot(lab, polls: 1)
        let apis = (json["requests"] as? [[String: Any]] ?? []).compactMap { $0["api"] as? String }
        #expect(!apis.contains("ListObjectVersions"), "\(apis)")
        #expect(apis.contains("ReceiveMessage"), "\(apis)")
        #expect(requests["drtop JSON DeleteMessageBatch", default: 0] > 0, "messages read are deleted: \(requests)")
    }

    @Test func bothSidesWrittenAtOnceReplicateExactlyOnce() async throws {
        let lab = try Lab(pairs: 1)
        try lab.writeAtOnce([(6, "lab0-use1", "us-east-1"), (6, "lab0-usw2", "us-west-2")])
        let forward = try Self.until(lab, "lab0-use1", seconds: 15) { Self.queue($0).isEmpty }
        let back = try Self.until(lab, "lab0-usw2", seconds: 15) { Self.queue($0).isEmpty }
        #expect(Self.queue(forward).isEmpty && Self.queue(back).isEmpty)
        // 12 originals, each COMPLETED once with one REPLICA; no replica replicated back.
        let status = try await lab.status()
        let objects = status["objects"] as? [String: Int] ?? [:]
        #expect(objects["COMPLETED"] == 12 && objects["REPLICA"] == 12, "\(objects)")
        #expect(objects["PENDING", default: 0] == 0 && objects["FAILED", default: 0] == 0, "\(objects)")
    }
}
