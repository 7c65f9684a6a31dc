import DRCore
import Foundation

/// Snapshots of any size for the render benchmark: `pairs` pairs with a lag history each, and optionally one
/// direction with a long pending-object queue.
enum SyntheticWorld {
    static let start = Date(timeIntervalSince1970: 1_795_600_000)

    static func snapshot(pairs: Int, queue: Int = 0, at now: Date = start, lagOf: (Int) -> Double = { Double($0 % 700) })
        -> Snapshot {
        let list = (0..<pairs).map { index -> BucketPair in
            let name = String(format: "pair-%05d", index)
            let east = Bucket(name: "\(name)-use1", region: "us-east-1", versioning: .enabled)
            let west = Bucket(name: "\(name)-usw2", region: "us-west-2", versioning: .enabled)
            func direction(_ source: Bucket, _ destination: Bucket) -> DirectionStatus {
                var status = DirectionStatus(source: source, destination: destination)
                status.rules = [ReplicationRule(id: "to-\(destination.name)", priority: 1, replicationTimeControl: true,
                                                metrics: true, destinationBucket: destination.name)]
                let lag = lagOf(index)
                status.lagSeconds = lag
                status.pendingOperations = index % 50
                status.pendingBytes = Int64(index % 50) * 1_000_000
                status.failedOperations = 0
                status.metricsAt = now.addingTimeInterval(-30)
                status.lagHistory = Series(capacity: 240, samples: (0..<60).map {
                    Sample(time: now.addingTimeInterval(Double($0 - 60) * 60), value: lag)
                })
                return status
            }
            var pair = BucketPair(name: name, primary: east, secondary: west, rpoSeconds: 900,
                                  fromPrimary: direction(east, west), toPrimary: direction(west, east))
            if index == 0, queue > 0 {
                pair.fromPrimary.queueSource = .events
                pair.fromPrimary.queue = (0..<queue).map {
                    PendingObject(key: String(format: "ingest/2026/11/25/object-%06d.parquet", $0),
                                  versionID: "v\($0)", size: Int64(($0 * 7919) % 50_000_000),
                                  writtenAt: now.addingTimeInterval(-Double(queue - $0) * 0.01), status: .pending)
                }
            }
            return pair
        }
        let regions = ["us-east-1", "us-west-2"].map {
            RegionStatus(name: $0, reachability: .up, apiLatencyMs: 40, lastOK: now)
        }
        return Snapshot(takenAt: now, source: .aws, regions: regions, pairs: list, sequence: 1)
    }
}
