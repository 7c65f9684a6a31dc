import DRCore
import Foundation

/// Builders for tests: a healthy bidirectional pair at a fixed time, to be bent one way per test, and a small
/// world of three pairs of different health for screen tests.
package enum Fixtures {
    package static let now = Date(timeIntervalSince1970: 1_795_000_000)
    package static let east = "us-east-1"
    package static let west = "us-west-2"

    package static func rule(to destination: String, rtc: Bool = true, dm: Bool = true, rm: Bool = true,
                     enabled: Bool = true) -> ReplicationRule {
        ReplicationRule(id: "to-\(destination)", priority: 1, enabled: enabled, deleteMarkerReplication: dm,
                        replicaModifications: rm, replicationTimeControl: rtc, metrics: true,
                        destinationBucket: destination)
    }

    /// A direction with lag `lag`, nothing pending, fresh metrics and a flat history.
    package static func direction(_ source: Bucket, _ destination: Bucket, lag: Double = 30, pending: Int = 0,
                          failed: Int = 0, rules: [ReplicationRule]? = nil) -> DirectionStatus {
        var status = DirectionStatus(source: source, destination: destination)
        status.rules = rules ?? [rule(to: destination.name)]
        status.lagSeconds = lag
        status.pendingOperations = pending
        status.pendingBytes = Int64(pending) * 1000
        status.failedOperations = failed
        status.metricsAt = now.addingTimeInterval(-30)
        status.lagHistory = series((0..<10).map { _ in lag })
        status.pendingHistory = series((0..<10).map { _ in Double(pending) })
        return status
    }

    /// A series of `values` one every 10 s, ending at `now`.
    package static func series(_ values: [Double]) -> Series {
        let start = now.addingTimeInterval(-Double(values.count - 1) * 10)
        return Series(capacity: 120, samples: values.enumerated().map {
            Sample(time: start.addingTimeInterval(Double($0.offset) * 10), value: $0.element)
        })
    }

    package static func pair(name: String = "app", rpo: Double = 900, lag: Double = 30) -> BucketPair {
        let a = Bucket(name: "\(name)-use1", region: east, versioning: .enabled)
        let b = Bucket(name: "\(name)-usw2", region: west, versioning: .enabled)
        return BucketPair(name: name, primary: a, secondary: b, rpoSeconds: rpo,
                          fromPrimary: direction(a, b, lag: lag), toPrimary: direction(b, a, lag: lag))
    }

    package static func region(_ name: String, _ reachability: Reachability = .up) -> RegionStatus {
        RegionStatus(name: name, reachability: reachability, apiLatencyMs: 40, lastOK: now.addingTimeInterval(-2),
                     problem: reachability == .down ? SourceProblem(.unreachable, "connection refused") : nil)
    }

    package static func snapshot(_ pairs: [BucketPair], west: Reachability = .up) -> Snapshot {
        Snapshot(takenAt: now, source: .demo, regions: [region(east), region(Fixtures.west, west)], pairs: pairs,
                 sequence: 1)
    }

    /// Three pairs: "app" healthy; "logs" with a growing backlog at 60 % of its RPO and failures; "backup"
    /// replicating one way only, its metrics unknown.
    package static func world(west: Reachability = .up) -> Snapshot {
        let app = pair(name: "app", rpo: 900, lag: 48)
        var logs = pair(name: "logs", rpo: 600, lag: 360)
        logs.strategy = .pilotLight
        logs.fromPrimary.pendingOperations = 88_410
        logs.fromPrimary.pendingBytes = 212 * 1024 * 1024 * 1024
        logs.fromPrimary.pendingHistory = series((0..<10).map { Double(80_000 + $0 * 1000) })
        logs.fromPrimary.lagHistory = series((0..<10).map { Double(300 + $0 * 6) })
        logs.fromPrimary.failedOperations = 17
        logs.fromPrimary.failures = [FailureCount(reason: "DstKmsKeyNotFound", count: 17)]
        logs.fromPrimary.queue = (0..<30).map { (index: Int) -> PendingObject in
            let failed = index == 29
            let age = Double(400 - index * 10)
            return PendingObject(
                key: "logs/app=web/part-\(1000 + index).json.gz", versionID: "v\(index)abcdefghijklmnop",
                size: Int64(1000 * (index + 1)), writtenAt: now.addingTimeInterval(-age),
                status: failed ? .failed : .pending, failureReason: failed ? "DstKmsKeyNotFound" : nil)
        }
        var backup = pair(name: "backup", rpo: 4 * 3600, lag: 0)
        backup.strategy = .backupAndRestore
        backup.toPrimary.rules = []
        backup.fromPrimary.lagSeconds = nil
        backup.fromPrimary.pendingOperations = nil
        backup.fromPrimary.pendingBytes = nil
        backup.fromPrimary.metricsAt = nil
        backup.fromPrimary.lagHistory = Series()
        backup.fromPrimary.metricsProblem = SourceProblem(.accessDenied, "AccessDenied: cloudwatch:GetMetricData")
        return snapshot([app, logs, backup], west: west)
    }
}
