import DRCore
import DRSourceKit
import Foundation

extension CephSource {
    /// Each bucket's direction from `source` into `destination` (its lag from the bucket sync status, the
    /// evidence when behind), 8 buckets at a time. A bucket whose state cannot be read is unknown, with why.
    func bucketDirections(_ buckets: [CephBucket], from source: CephGateway, to destination: CephGateway, now: Date)
        async -> [String: DirectionReading] {
        await withTaskGroup(of: (String, DirectionReading).self) { group in
            var next = 0
            func add() {
                let bucket = buckets[next]
                next += 1
                group.addTask {
                    var part = DirectionReading()
                    part.rules = [CephLayout.bucketRule(destination: bucket.name)]
                    do {
                        let lag = try await self.bucketReader.lag(bucket, from: source, to: destination)
                        part.lagSeconds = lag.lagSeconds(at: now)
                        part.metricsAt = now
                        if !lag.isCaughtUp { part.metricsProblem = SourceProblem(.other, lag.evidence) }
                    } catch let problem as SourceProblem {
                        part.metricsProblem = problem.kind == .notFound
                            ? SourceProblem(.notFound, "\(destination.zone.name): no bucket sync status for \(bucket.name) "
                                + "from \(source.zone.name) (not synced there yet, or the gateway runs no sync thread): "
                                + problem.message)
                            : problem
                    } catch {
                        part.metricsProblem = SourceProblem(.other, "\(bucket.name): \(error)")
                    }
                    return (bucket.name, part)
                }
            }
            while next < min(8, buckets.count) { add() }
            var parts: [String: DirectionReading] = [:]
            for await (name, part) in group {
                parts[name] = part
                if next < buckets.count { add() }
            }
            return parts
        }
    }
}
