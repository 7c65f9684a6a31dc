/// How long moving a pair's users to its secondary would take, in parts: the routing switch of each system that
/// routes the pair (the slowest decides, as every path must move), the backlog that the runbook waits for, and for
/// backup-and-restore pairs the restore. Each part says what it rests on; a part drtop cannot time is unknown,
/// and so is the total then.
public struct RecoveryTimeEstimate: Sendable, Equatable {
    /// One part of the estimate.
    public struct Part: Sendable, Equatable {
        /// What the part is ("Route 53 failover", "backlog drains", "restore").
        public var name: String
        /// Its duration in seconds; nil when drtop cannot tell.
        public var seconds: Double?
        /// What the figure rests on ("health check 30 s × 3 + TTL 60 s").
        public var basis: String
        /// Whether it runs alongside the other routing switches (the slowest of them counts) rather than after.
        public var isRoutingSwitch: Bool
    }

    /// The parts, routing switches first.
    public var parts: [Part]
    /// The estimate in seconds: the slowest routing switch plus the parts that follow it; nil when a part is
    /// unknown or there is nothing to time.
    public var totalSeconds: Double?
    /// The target (the configured RTO, else the strategy's band); nil when neither is set.
    public var targetSeconds: Double?

    /// The estimate for `pair` whose primary → secondary direction drains as `drain` says; `lagSeconds` is that
    /// direction's fresh lag, the wait for what is in flight when no drain rate is known yet.
    /// A backlog that is steady (arrivals as fast as departures) is waited for by the current lag too.
    public init(pair: borrowing BucketPair, drain: DrainEstimate, lagSeconds: Double? = nil, trend: Trend = .unknown) {
        var parts: [Part] = []
        let traffic = pair.traffic ?? TrafficStatus()
        if pair.routing.mrapARN != nil {
            parts.append(Part(name: "MRAP route change", seconds: Defaults.mrapRouteChangeSeconds,
                              basis: "AWS: route changes apply within \(Format.duration(Defaults.mrapRouteChangeSeconds))",
                              isRoutingSwitch: true))
        }
        let records = traffic.routes(.route53)
        // An alias record has no TTL of its own: the target's answers, assumed to be an ELB's.
        let aliased = records.contains { $0.isAlias && $0.ttlSeconds == nil }
        let ttl = (records.compactMap(\.ttlSeconds) + (aliased ? [Defaults.aliasTTLSeconds] : [])).max()
        if pair.routing.route53 != nil {
            let detection = records.compactMap(\.detectionSeconds).max()
            let seconds = detection.flatMap { d in ttl.map { d + $0 } }
            let basis = records.isEmpty ? "records not read"
                : "health check \(detection.map { Format.duration($0) } ?? "?") + TTL \(ttl.map { Format.duration($0) } ?? "?")"
                    + (aliased ? " (alias: the target's TTL, assumed \(Format.duration(Defaults.aliasTTLSeconds)))" : "")
            parts.append(Part(name: "Route 53 failover", seconds: seconds, basis: basis, isRoutingSwitch: true))
        }
        if pair.routing.arc != nil {
            parts.append(Part(name: "ARC control change", seconds: ttl,
                              basis: ttl.map { "control change + record TTL \(Format.duration($0))" }
                                  ?? "needs the Route 53 record's TTL ([pair.routing] route53)",
                              isRoutingSwitch: true))
        }
        if pair.routing.acceleratorARN != nil {
            // Global Accelerator moves users off a region once its endpoint group's health checks fail (interval
            // × threshold count); a dial change applies to new connections, a time AWS does not publish.
            let detection = traffic.routes(.accelerator).compactMap(\.detectionSeconds).max()
            parts.append(Part(name: "Global Accelerator failover", seconds: detection,
                              basis: detection.map { "endpoint health checks \(Format.duration($0))" }
                                  ?? "endpoint groups' health checks not read",
                              isRoutingSwitch: true))
        }
        if pair.routing.isEmpty {
            // Without routing drtop cannot time the switch. A backup-and-restore pair's recovery is its restore:
            // moving its users is said as not timed rather than leaving the restore's figure unknown.
            parts.append(pair.judgesBackup
                ? Part(name: "moving users", seconds: 0, basis: "no [pair.routing]: moved by hand, not timed",
                       isRoutingSwitch: true)
                : Part(name: "routing switch", seconds: nil, basis: "no [pair.routing] names what moves the users",
                       isRoutingSwitch: true))
        }
        switch drain {
        case .clear: break
        case .draining(let seconds, _):
            parts.append(Part(name: "backlog drains", seconds: seconds, basis: "at the current net rate",
                              isRoutingSwitch: false))
        case .notDraining:
            let steady = trend == .steady ? lagSeconds : nil
            parts.append(Part(name: "backlog drains", seconds: steady,
                              basis: steady == nil ? "not draining at the current rate" : "steady: the current lag",
                              isRoutingSwitch: false))
        case .unknown:
            if !pair.fromPrimary.isAbsent {
                parts.append(Part(name: "backlog drains", seconds: lagSeconds,
                                  basis: lagSeconds == nil ? "backlog not measured" : "in flight: the current lag",
                                  isRoutingSwitch: false))
            }
        }
        if pair.judgesBackup {
            let size = pair.backup?.latestPeriodic?.sizeBytes ?? pair.backup?.continuous?.sizeBytes
            parts.append(Part(name: "restore", seconds: size.map { $0 / Defaults.restoreBytesPerSecond },
                              basis: size.map { "\(Format.bytes(Int64($0))) at an assumed \(Format.bytes(Int64(Defaults.restoreBytesPerSecond)))/s" }
                                  ?? "recovery point size not known",
                              isRoutingSwitch: false))
        }
        self.parts = parts
        targetSeconds = pair.rtoTargetSeconds
        if parts.isEmpty || parts.contains(where: { $0.seconds == nil }) {
            totalSeconds = nil
        } else {
            let switches = parts.filter(\.isRoutingSwitch).compactMap(\.seconds).max() ?? 0
            totalSeconds = switches + parts.filter { !$0.isRoutingSwitch }.compactMap(\.seconds).reduce(0, +)
        }
    }

    /// Whether the estimate exceeds the target; nil when either is unknown.
    public var exceedsTarget: Bool? {
        guard let totalSeconds, let targetSeconds else { return nil }
        return totalSeconds > targetSeconds
    }
}
