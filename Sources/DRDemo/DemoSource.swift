import DRCore
import DRSourceKit
import Foundation
import Synchronization

/// The embedded demo: a simulated pair of regions whose replication drifts, backs up, fails and recovers,
/// served through the same `ReplicationSource` seam as the AWS APIs. Deterministic for a given seed.
package final class DemoSource: ReplicationSource {
    private let simulation: Mutex<DemoSimulation>
    private let defaultRPOSeconds: Double
    private let maxQueue = 200

    /// Creates the demo world at `start`, with `warmupSeconds` of history already simulated; a `scenario` other
    /// than steady began five minutes before `start`. Pairs that name neither an RPO nor a strategy get
    /// `defaultRPOSeconds`.
    package init(
        seed: UInt64, scenario: DemoScenario = .steady, start: Date, defaultRPOSeconds: Double = Defaults.rpoSeconds,
        warmupSeconds: Int = 900
    ) {
        self.simulation = Mutex(DemoSimulation(seed: seed, start: start, warmup: warmupSeconds, scenario: scenario))
        self.defaultRPOSeconds = defaultRPOSeconds
    }

    /// The scenario running now.
    package var scenario: DemoScenario { simulation.withLock { $0.scenario } }

    /// Switches to `scenario` from now on (the demo-only keys call this).
    package func setScenario(_ scenario: DemoScenario) {
        simulation.withLock { $0.set(scenario) }
    }

    /// The demo.
    package var kind: SourceKind { .demo }

    package func layout() async throws -> SourceLayout {
        let scenario = self.scenario
        let pairs = DemoCatalog.pairs.map { profile in
            PairSpec(
                name: profile.name, primary: profile.primary, secondary: profile.secondary,
                rpoSeconds: PairSpec.rpo(explicit: profile.rpo, strategy: profile.strategy,
                                         fallback: defaultRPOSeconds),
                strategy: profile.strategy)
        }.enumerated().map { index, spec in
            var spec = spec
            spec.routing = DemoCatalog.pairs[index].routing
            spec.backupVault = DemoCatalog.pairs[index].backupVault
            return spec
        }
        return SourceLayout(kind: .demo, scenario: scenario.rawValue, regions: [DemoCatalog.east, DemoCatalog.west],
                            pairs: pairs)
    }

    package func invalidateConfiguration() async {}

    package func poll(region: String, now: Date) async throws -> RegionReading {
        try simulation.withLock { simulation in
            simulation.advance(to: Int(now.timeIntervalSince1970.rounded(.down)))
            if simulation.isDown(region) {
                throw SourceProblem(.refused, "connection refused (s3.\(region).amazonaws.com:443)")
            }
            return reading(simulation, region: region)
        }
    }

    private func reading(_ simulation: DemoSimulation, region: String) -> RegionReading {
        var reading = RegionReading()
        let time = Date(timeIntervalSince1970: TimeInterval(simulation.second))
        for (pairIndex, profile) in simulation.profiles.enumerated() {
            for bucket in [profile.primary, profile.secondary] where bucket.region == region {
                reading.versioning[bucket.name] = bucket.versioning
            }
            for side in 0...1 {
                let source = side == 0 ? profile.primary : profile.secondary
                let destination = side == 0 ? profile.secondary : profile.primary
                let key = DirectionKey(source: source.name, destination: destination.name)
                var part = DirectionReading()
                let state = simulation.directions[pairIndex][side]
                let directionProfile = simulation.profile(pairIndex, side)
                if source.region == region {
                    part.rules = directionProfile.map { [rule($0, side: side, destination: destination)] } ?? []
                    part.replicationRole = "arn:aws:iam::123456789012:role/demo-replication"
                    if directionProfile != nil {
                        part.failedOperations = state.failures.reduce(0) { $0 + $1.count }
                        var byReason: [String: Int] = [:]
                        for event in state.failures { byReason[event.reason, default: 0] += event.count }
                        part.failures = byReason.map { FailureCount(reason: $0.key, count: $0.value) }
                            .sorted { $0.count > $1.count }
                        part.queue = queue(simulation, state, pairIndex: pairIndex, side: side)
                        part.queueSource = .simulated
                    }
                }
                if destination.region == region, directionProfile != nil {
                    part.lagSeconds = state.lag
                    part.lagSamples = state.lagSamples
                    part.pendingOperations = state.pendingOps
                    part.pendingBytes = state.pendingBytes
                    part.pendingSamples = state.pendingSamples
                    part.metricsAt = time
                }
                reading.directions[key] = part
            }
        }
        for profile in simulation.profiles {
            // Route 53, ARC and Global Accelerator answer from us-east-1 / us-west-2's control planes; the demo
            // reads them with us-east-1's poll, and a bucket's backups with its own region's.
            if region == DemoCatalog.east,
               let traffic = DemoRouting.traffic(profile, time: time, isDown: { simulation.isDown($0) }) {
                reading.traffic[profile.name] = traffic
            }
            if region == profile.primary.region, let backup = DemoRouting.backup(profile, time: time) {
                reading.backups[profile.name] = backup
            }
        }
        let base = region == DemoCatalog.east ? 38.0 : 54.0
        reading.apiLatencyMs = base + 20 * simulation.random.unit(simulation.second, region.count, 9)
        return reading
    }

    private func rule(_ profile: DemoDirectionProfile, side: Int, destination: Bucket) -> ReplicationRule {
        ReplicationRule(
            id: "to-\(destination.region)", priority: 1, enabled: true, prefix: "",
            deleteMarkerReplication: profile.deleteMarkers, replicaModifications: profile.replicaModifications,
            existingObjectReplication: false, replicationTimeControl: profile.rtc, metrics: true,
            destinationBucket: destination.name, storageClass: profile.storageClass, kmsKeyID: profile.kmsKey)
    }

    private func queue(
        _ simulation: DemoSimulation, _ state: DemoDirectionState, pairIndex: Int, side: Int
    ) -> [PendingObject] {
        guard let profile = simulation.profile(pairIndex, side) else { return [] }
        var objects: [PendingObject] = []
        var index = state.head
        while objects.count < maxQueue, index < state.batches.count {
            let batch = state.batches[index]
            for item in batch.served..<batch.count where objects.count < maxQueue {
                objects.append(DemoObjects.object(
                    random: simulation.random, profile: profile, direction: pairIndex * 2 + side,
                    second: batch.second, index: item, status: .pending, size: batch.size))
            }
            index += 1
        }
        return objects + state.failedObjects.reversed()
    }
}
