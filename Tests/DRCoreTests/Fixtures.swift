import DRCore
import Foundation

/// Builders for DRCore tests: a healthy bidirectional pair at a fixed time, to be bent one way per test.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let east = "us-east-1"
    static let west = "us-west-2"

    static func rule(to destination: String, rtc: Bool = true, dm: Bool = true, rm: Bool = true,
                     enabled: Bool = true) -> ReplicationRule {
        ReplicationRule(id: "to-\(destination)", priority: 1, enabled: enabled, deleteMarkerReplication: dm,
                        replicaModifications: rm, replicationTimeControl: rtc, metrics: true,
                        destinationBucket: destination)
    }

    /// A direction with lag `lag`, nothing pending, fresh metrics and a flat history.
    static func direction(_ source: Bucket, _ destination: Bucket, lag: Double = 30, pending: Int = 0,
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
    static func series(_ values: [Double]) -> Series {
        let start = now.addingTimeInterval(-Double(values.count - 1) * 10)
        return Series(capacity: 120, samples: values.enumerated().map {
            Sample(time: start.addingTimeInterval(Double($0.offset) * 10), value: $0.element)
        })
    }

    static func pair(rpo: Double = 900, lag: Double = 30) -> BucketPair {
        let a = Bucket(name: "app-use1", region: east, versioning: .enabled)
        let b = Bucket(name: "app-usw2", region: west, versioning: .enabled)
        return BucketPair(name: "app", primary: a, secondary: b, rpoSeconds: rpo,
                          fromPrimary: direction(a, b, lag: lag), toPrimary: direction(b, a, lag: lag))
    }

    static func region(_ name: String, _ reachability: Reachability = .up) -> RegionStatus {
        RegionStatus(name: name, reachability: reachability, apiLatencyMs: 40, lastOK: now.addingTimeInterval(-2),
                     problem: reachability == .down ? SourceProblem(.unreachable, "connection refused") : nil)
    }

    static func snapshot(_ pairs: [BucketPair], west: Reachability = .up) -> Snapshot {
        Snapshot(takenAt: now, source: .demo, regions: [region(east), region(Fixtures.west, west)], pairs: pairs,
                 sequence: 1)
    }
}
