import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// Watches a Ceph RGW multisite realm through radosgw's admin API. Zones take the place of regions: each zone's
/// gateway is polled on its own, so a zone that does not answer is that zone's problem while the others keep
/// updating. Each pair of zones of the zonegroup is a pair (named after the zonegroup when it has two zones),
/// master zone first; a direction's lag is read in its destination zone's poll, as `radosgw-admin sync status`
/// computes it there (`CephSyncLag`), with the evidence ("Ceph sync status: …") when it is not caught up.
/// What Ceph cannot tell (per-object replication status, pending counts and bytes in Pacific) stays unknown.
package final class CephSource: ReplicationSource {
    let config: CephConfig
    private let admin: CephAdmin
    let reader: CephSyncReader
    let metadataReader: CephMetadataReader
    private let configRefreshSeconds: Double
    private let clock: @Sendable () -> Date
    private let known = Mutex<(period: CephPeriod, readAt: Date)?>(nil)
    private let stale = Mutex(false)
    let buckets: CephBucketCatalog
    let bucketReader: CephBucketReader
    /// The buckets of the last layout (the per-bucket pairs).
    let watchedBuckets = Mutex<[CephBucket]>([])

    /// Creates the source. The period (zones, endpoints, master) is re-read every `configRefreshSeconds` and on `r`.
    package init(config: CephConfig, admin: CephAdmin, configRefreshSeconds: Double = Defaults.configRefreshSeconds,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config
        self.admin = admin
        self.reader = CephSyncReader(admin: admin)
        self.bucketReader = CephBucketReader(admin: admin)
        self.metadataReader = CephMetadataReader(admin: admin)
        self.buckets = CephBucketCatalog(reader: bucketReader)
        self.configRefreshSeconds = configRefreshSeconds
        self.clock = clock
    }

    /// Ceph.
    package var kind: SourceKind { .ceph }

    /// Requests sent so far, by API and zone.
    package var requestCounts: [RequestCount] { admin.requestCounts }

    package func layout() async throws -> SourceLayout {
        let period = try await currentPeriod()
        let common = await buckets.buckets(period.zones.compactMap(gateway))
        watchedBuckets.withLock { $0 = common }
        return CephLayout.layout(period, buckets: common, rpoSeconds: config.rpoSeconds, strategy: config.strategy,
                                 targets: config.buckets)
    }

    package func invalidateConfiguration() async {
        stale.withLock { $0 = true }
    }

    package func prepare(progress: @escaping @Sendable (PollProgress) -> Void) async throws -> [String] {
        progress(PollProgress(activity: "reading the Ceph realm's period", done: 0))
        let period = try await currentPeriod()
        let names = period.zones.map(\.name).joined(separator: ", ")
        return ["Ceph realm \(period.realmName), zonegroup \(period.zonegroup): zones \(names)"]
    }

    /// Where `zone`'s admin API is called: the configured override, else the zonegroup's first endpoint.
    func gateway(_ zone: CephZone) -> CephGateway? {
        guard let url = config.zoneEndpoints[zone.name] ?? zone.endpoints.lazy.compactMap(URL.init(string:)).first
        else { return nil }
        return CephGateway(zone: zone, url: url)
    }

    /// The period: cached, re-read when old or invalidated, from the configured gateway, else any zone's. A
    /// re-read that no gateway answers keeps the period read before; only the very first read can fail.
    private func currentPeriod() async throws -> CephPeriod {
        let now = clock()
        let forced = stale.withLock { flag in defer { flag = false }; return flag }
        let cached = known.withLock { $0 }
        if let cached, !forced, now.timeIntervalSince(cached.readAt) < configRefreshSeconds { return cached.period }
        var candidates: [(name: String, url: URL)] = []
        let configured = cached?.period.zones.first { gateway($0)?.url == config.endpoint }
        candidates.append((configured?.name ?? CephLayout.hostName(config.endpoint), config.endpoint))
        for zone in cached?.period.zones ?? [] {
            if let gateway = gateway(zone), gateway.url != config.endpoint { candidates.append((zone.name, gateway.url)) }
        }
        var first: SourceProblem?
        for candidate in candidates {
            do {
                let period = try await reader.period(name: candidate.name, base: candidate.url)
                known.withLock { $0 = (period, now) }
                return period
            } catch let problem as SourceProblem {
                first = first ?? problem
            }
        }
        if let cached {
            // Keep watching what was read before; try again at the next poll.
            known.withLock { $0 = (cached.period, now.addingTimeInterval(-configRefreshSeconds)) }
            return cached.period
        }
        throw first ?? SourceProblem(.other, "no gateway to read the Ceph period from")
    }

    package func poll(region: String, now: Date) async throws -> RegionReading {
        guard let period = known.withLock({ $0?.period }), let zone = period.zone(named: region) else {
            throw SourceProblem(.other, "\(region) is not a zone of the Ceph period")
        }
        guard let home = gateway(zone) else {
            throw SourceProblem(.other, "\(region): the zonegroup lists no endpoint (set [ceph.zones.\(region)] endpoint)")
        }
        var reading = RegionReading()
        var latencies: [Double] = []
        // The zone's own answer first: it says whether the zone is up. Without another zone, the period.
        let others = period.zones.filter { $0.id != zone.id }
        if others.isEmpty {
            let started = ContinuousClock.now
            _ = try await reader.period(name: zone.name, base: home.url)
            latencies.append((ContinuousClock.now - started).milliseconds)
        }
        for source in others {
            let key = DirectionKey(source: source.name, destination: zone.name)
            var part = DirectionReading()
            part.rules = [CephLayout.rule(destination: zone.name)]
            let started = ContinuousClock.now
            let status: CephDataSyncStatus
            do {
                status = try await reader.dataSyncStatus(destination: home, source: source)
                latencies.append((ContinuousClock.now - started).milliseconds)
            } catch let problem as SourceProblem {
                if problem.isUnreachable { throw problem }
                part.metricsProblem = problem.kind == .notFound
                    ? SourceProblem(.notFound, "\(zone.name): the gateway at \(CephLayout.hostName(home.url)) serves no sync "
                        + "status from \(source.name) (radosgw serves it only where its sync thread runs: "
                        + "rgw_run_sync_thread = false there?); set [ceph.zones.\(zone.name)] endpoint to a gateway that syncs")
                    : problem
                reading.problems.append(part.metricsProblem ?? problem)
                reading.directions[key] = part
                continue
            }
            guard let remote = gateway(source) else {
                part.metricsProblem = SourceProblem(.other, "\(source.name): the zonegroup lists no endpoint")
                reading.directions[key] = part
                continue
            }
            do {
                let lag = try await reader.lag(from: remote, status: status)
                part.lagSeconds = lag.lagSeconds(at: now)
                part.metricsAt = now
                if !lag.isCaughtUp { part.metricsProblem = SourceProblem(.other, lag.evidence) }
            } catch let problem as SourceProblem {
                // The source zone's log could not be read: its poll says why it is down; here the lag is unknown.
                part.metricsProblem = problem.message.hasPrefix(source.name + ":") ? problem
                    : SourceProblem(problem.kind, "\(source.name): \(problem.message)")
            }
            reading.directions[key] = part
        }
        if let problem = buckets.problem(zone: zone.name) {
            reading.problems.append(SourceProblem(problem.kind, "\(zone.name): \(problem.message)"))
        }
        let watched = watchedBuckets.withLock { $0 }
        for source in others {
            guard let remote = gateway(source) else { continue }
            for (bucket, part) in await bucketDirections(watched, from: remote, to: home, now: now) {
                reading.directions[DirectionKey(source: bucket, destination: bucket, sourceRegion: source.name,
                                                destinationRegion: zone.name)] = part
            }
        }
        await zoneChecks(zone, home: home, period: period, now: now, into: &reading)
        reading.apiLatencyMs = latencies.isEmpty ? nil : latencies.reduce(0, +) / Double(latencies.count)
        reading.requests = admin.requestCounts.filter { $0.region == zone.name }
        reading.clockOffsetSeconds = ClockSkew.shared.offsetSeconds
        return reading
    }
}
