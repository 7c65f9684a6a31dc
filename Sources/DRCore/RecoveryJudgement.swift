import Foundation

/// A pair's traffic, recovery time and backup exposure, derived once: each nil where the pair does not name what
/// it rests on (routing; routing, a backup or an RTO; a backup), so pairs without them cost nothing.
public struct RecoveryJudgement: Sendable, Equatable {
    /// Where users go; nil without routing.
    public var traffic: TrafficSummary?
    /// How long recovery would take; nil without routing, backup or RTO.
    public var recovery: RecoveryTimeEstimate?
    /// What a restore would give back; nil when the pair is not judged by its backups.
    public var backup: BackupExposure?
    /// The pair's routing as judged now: a route read longer ago than `staleAfterSeconds` says nothing of where
    /// users go now (its traffic and health are unknown, and its system is a problem); nil without routing.
    public var status: TrafficStatus?

    /// No judgement: a pair that names no routing, backup or RTO.
    init() {}

    /// True when the pair names none of routing, a backup or an RTO.
    var isEmpty: Bool { traffic == nil && recovery == nil && backup == nil && status == nil }

    /// `traffic` with routes older than `staleAfter` seconds made unknown, each stale system said as a problem.
    static func fresh(_ traffic: TrafficStatus?, staleAfter: Double, now: Date) -> TrafficStatus? {
        guard var traffic else { return nil }
        var stale: [TrafficRoute.Kind: Date] = [:]
        for index in traffic.routes.indices where now.timeIntervalSince(traffic.routes[index].observedAt) > staleAfter {
            let route = traffic.routes[index]
            stale[route.kind] = min(stale[route.kind] ?? route.observedAt, route.observedAt)
            traffic.routes[index].carriesTraffic = nil
            traffic.routes[index].healthy = nil
        }
        for kind in TrafficRoute.Kind.allCases where stale[kind] != nil && !traffic.problems.contains(where: { $0.kind == kind }) {
            traffic.problems.append(.init(kind: kind, message: "last read \(Format.duration(now.timeIntervalSince(stale[kind]!))) ago: "
                + "too old to say where users go now"))
        }
        return traffic
    }

    /// When a route of `pair` read by `now` turns too old to judge (`fresh`), if it will.
    static func staleness(_ pair: BucketPair, staleAfter: Double, now: Date) -> Date? {
        (pair.traffic?.routes ?? []).map { $0.observedAt.addingTimeInterval(staleAfter) }.filter { $0 >= now }.min()
    }

    /// Derives them for `pair` whose primary → secondary direction is judged `fromPrimary`, at `now`.
    public init(_ pair: borrowing BucketPair, fromPrimary: DirectionHealth, thresholds: Thresholds, now: Date) {
        guard !pair.routing.isEmpty || pair.judgesBackup || pair.rtoSeconds != nil else { return }
        if !pair.routing.isEmpty {
            status = Self.fresh(pair.traffic, staleAfter: thresholds.staleAfterSeconds, now: now)
            traffic = TrafficSummary(status)
        }
        recovery = RecoveryTimeEstimate(pair: pair, drain: fromPrimary.drain,
                                        lagSeconds: fromPrimary.lagShare != nil ? pair.fromPrimary.lagSeconds : nil,
                                        trend: fromPrimary.trend)
        if pair.judgesBackup {
            backup = BackupExposure(pair.backup, rpoSeconds: pair.rpoSeconds, thresholds: thresholds, now: now)
        }
    }
}
