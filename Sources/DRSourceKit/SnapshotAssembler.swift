import DRCore
import Foundation

/// Turns the per-region outcomes of one poll into a `Snapshot`. Pure: the previous snapshot and the time are
/// passed in. Configuration (rules, versioning) read earlier is kept when its region fails this time; measured
/// values from a failed region become unknown, with the region's problem as the reason.
package enum SnapshotAssembler {
    /// Builds the snapshot for `layout` from `outcomes` (by region name).
    /// `lastReadings` are each region's last answer: a region whose poll failed but that is not down yet (one
    /// failed poll, not refused) keeps its last answer's values, with their own age, while it is retried.
    package static func assemble(
        layout: SourceLayout, outcomes: [String: RegionOutcome], previous: Snapshot?, now: Date, sequence: Int,
        pollDurationSeconds: Double?, lastReadings: [String: RegionReading] = [:]
    ) -> Snapshot {
        let regions = layout.regions.map { name in
            regionStatus(name, outcomes[name], previous: previous?.region(name), now: now)
        }
        var readings: [RegionReading] = []
        var failed: [String: SourceProblem] = [:]
        for (index, name) in layout.regions.enumerated() {
            switch outcomes[name] {
            case .answered(let reading, _): readings.append(reading)
            case .failed(let problem):
                if regions[index].reachability != .down, let last = lastReadings[name] {
                    readings.append(last)
                } else {
                    failed[name] = problem
                }
            case nil: failed[name] = SourceProblem(.other, "not polled")
            }
        }
        var requests: [RequestCount] = []
        for reading in readings { requests += reading.requests }
        for name in failed.keys { requests += (previous?.requests ?? []).filter { $0.region == name } }
        requests.sort { ($0.region, $0.api) < ($1.region, $1.api) }
        var snapshot = Snapshot(
            takenAt: now, source: layout.kind, scenario: layout.scenario, regions: regions,
            pairs: layout.pairs.map { spec in
                pair(spec, readings: readings, failed: failed, previous: previous?.pair(named: spec.name))
            },
            requests: requests, estimatedMonthlyCostUSD: nil,
            pollDurationSeconds: pollDurationSeconds, sequence: sequence, progress: layout.progress)
        snapshot.regionKinds = layout.regionKinds
        HistoryMerger.merge(previous: previous, into: &snapshot)
        return snapshot
    }

    /// The status of region `name` after this poll's `outcome`.
    package static func regionStatus(
        _ name: String, _ outcome: RegionOutcome?, previous: RegionStatus?, now: Date
    ) -> RegionStatus {
        var status = previous ?? RegionStatus(name: name)
        switch outcome {
        case .answered(let reading, let elapsed):
            status.apiLatencyMs = reading.apiLatencyMs ?? elapsed
            status.lastOK = now
            status.consecutiveFailures = 0
            status.errorCount += reading.problems.count
            status.problem = reading.problems.first
            status.reachability = reading.problems.isEmpty ? .up : .degraded
            status.clockOffsetSeconds = reading.clockOffsetSeconds
            status.checks = reading.checks
        case .failed(let problem):
            // What the source judged at the last answer is not known now.
            status.checks = status.checks.map {
                CheckItem(id: $0.id, title: $0.title, result: .unknown, evidence: "\(name) not read: \(problem.message)")
            }
            status.errorCount += 1
            status.consecutiveFailures += 1
            status.problem = problem
            // One failed poll is a fault to retry, not an outage.
            status.reachability = RegionStatus.isDown(after: problem, failures: status.consecutiveFailures)
                ? .down : .degraded
        case nil:
            break
        }
        return status
    }

    private static func pair(
        _ spec: PairSpec, readings: [RegionReading], failed: [String: SourceProblem], previous: BucketPair?
    ) -> BucketPair {
        func bucket(_ base: Bucket, _ old: Bucket?) -> Bucket {
            var out = base
            let read = readings.lazy.compactMap { $0.versioning[base.name] }.first
            out.versioning = read ?? (failed[base.region] != nil ? old?.versioning : nil) ?? .unknown
            return out
        }
        let primary = bucket(spec.primary, previous?.primary)
        let secondary = bucket(spec.secondary, previous?.secondary)
        let fromPrimary = direction(primary, secondary, readings, failed, previous?.fromPrimary)
        let toPrimary = direction(secondary, primary, readings, failed, previous?.toPrimary)
        var pair = BucketPair(
            name: spec.name, primary: primary, secondary: secondary, rpoSeconds: spec.rpoSeconds,
            strategy: spec.strategy, fromPrimary: fromPrimary, toPrimary: toPrimary)
        pair.rtoSeconds = spec.rtoSeconds
        pair.routing = spec.routing
        pair.backupVault = spec.backupVault
        // Routing and backups are read on their own schedule: what this poll did not read keeps its earlier
        // value, whose times say how old it is.
        if !spec.routing.isEmpty {
            pair.traffic = readings.lazy.compactMap { $0.traffic[spec.name] }.first ?? previous?.traffic
        }
        if pair.watchesBackup {
            pair.backup = readings.lazy.compactMap { $0.backups[spec.name] }.first ?? previous?.backup
        }
        return pair
    }

    private static func direction(
        _ source: Bucket, _ destination: Bucket, _ readings: [RegionReading], _ failed: [String: SourceProblem],
        _ previous: DirectionStatus?
    ) -> DirectionStatus {
        let key = DirectionKey(source: source.name, destination: destination.name)
        // A source that names the same bucket on both sides (Ceph) keys its directions by region too.
        let regional = DirectionKey(source: source.name, destination: destination.name, sourceRegion: source.region,
                                    destinationRegion: destination.region)
        let merged = readings.compactMap { $0.directions[regional] ?? $0.directions[key] }
            .reduce(DirectionReading()) { $0.filled(from: $1) }
        let regionProblem = (failed[destination.region] ?? failed[source.region]).map { problem in
            let region = failed[destination.region] != nil ? destination.region : source.region
            return SourceProblem(problem.kind, "\(region): \(problem.message)")
        }
        var status = DirectionStatus(source: source, destination: destination)
        status.rules = merged.rules
        status.rulesProblem = merged.rulesProblem
        if status.rules == nil, failed[source.region] != nil, let old = previous?.rules {
            status.rules = old
        } else if status.rules == nil, status.rulesProblem == nil, let problem = failed[source.region] {
            status.rulesProblem = SourceProblem(problem.kind, "\(source.region): \(problem.message)")
        }
        status.lagSeconds = merged.lagSeconds
        status.lagHistory = Series(capacity: 240, samples: merged.lagSamples ?? [])
        status.pendingOperations = merged.pendingOperations
        status.pendingBytes = merged.pendingBytes
        status.pendingHistory = Series(capacity: 240, samples: merged.pendingSamples ?? [])
        status.failedOperations = merged.failedOperations
        status.failures = merged.failures ?? []
        status.queue = merged.queue ?? []
        status.queueSource = merged.queue == nil ? nil : merged.queueSource
        status.queueCoverage = merged.queue == nil ? nil : merged.queueCoverage
        status.queueProblem = merged.queueProblem
        status.replicationTime = merged.replicationTime
        // No CloudWatch backlog figure (metrics off, or a store without them): the followed queue's count stands
        // in, marked as such, so the drain estimate and trend still come from live data (HistoryMerger keeps the
        // count's history) — but only a queue that has seen everything: a partial scan is a sample, never a
        // pending count.
        if status.pendingOperations == nil, merged.metricsProblem != nil || merged.pendingSamples == nil,
           let queue = merged.queue, merged.queueSource?.isLive == true, status.queueCoverage?.isComplete ?? true {
            let waiting = queue.filter { $0.status == .pending }
            status.pendingOperations = waiting.count
            status.pendingBytes = waiting.reduce(0) { $0 + $1.size }
            status.pendingFromQueue = true
        }
        status.metricsAt = merged.metricsAt
        status.canaryLagSeconds = merged.canaryLagSeconds
        status.canaryProblem = merged.canaryProblem
        status.replicationRole = merged.replicationRole ?? previous?.replicationRole
        status.metricsProblem = merged.metricsProblem ?? (merged.lagSeconds == nil ? regionProblem : nil)
        return status
    }
}
