/// The failover checklist's items about traffic and recovery, for a pair that names its routing, a backup or an
/// RTO: where users are now, whether the routing systems answer, whether the target's health checks are healthy,
/// the RTO estimate against its target, and the newest recovery point against the RPO. An item that does not
/// apply to the pair is left out (its result is nil), never UNKNOWN. They read what the assessment derived once
/// (`CheckFacts.recovery`: traffic nil without routing, recovery nil without routing, backup or RTO, backup nil
/// when its backups are not watched).
enum RecoveryChecks {
    /// The items, in the report's order, after the replication items (`FailoverChecklist.items`).
    static let items: [CheckDefinition] = [placement, answers, targetHealth, rto, recoveryPoint]

    /// Users on the primary: a failover moves them. Already on the target, or both sides active: said (WARN),
    /// unless the pair is active-active, where both sides taking users is its normal state.
    static let placement = CheckDefinition(
        id: "traffic-placement", title: "Traffic placement",
        result: { pair, facts in
            guard let traffic = facts.recovery.traffic else { return nil }
            guard traffic.decidedBy != nil else { return .unknown }
            let from = traffic.percent(of: pair.primaryRegion) ?? 0, to = traffic.percent(of: pair.secondaryRegion) ?? 0
            if from >= 99.5 { return traffic.disagreeing.isEmpty ? .pass : .warn }
            if to >= 99.5 { return .warn }
            if from + to < 0.5 { return .fail }
            return pair.strategy == .activeActive ? .pass : .warn
        },
        evidence: { pair, facts, _ in
            guard let traffic = facts.recovery.traffic, let by = traffic.decidedBy else {
                return "where users go is not known: " + (facts.recovery.status?.problems.map(\.message).first
                    ?? "routing not read yet")
            }
            let from = traffic.percent(of: pair.primaryRegion) ?? 0, to = traffic.percent(of: pair.secondaryRegion) ?? 0
            // Where each disagreeing system sends them instead, in its own words.
            let others = traffic.disagreeing.map { kind -> String in
                let carrying = (TrafficSummary.shares(facts.recovery.status?.routes(kind) ?? []) ?? []).filter { $0.percent > 0 }
                return "; \(kind.label) sends them to "
                    + (carrying.isEmpty ? "neither side" : carrying.map(\.region).joined(separator: " and "))
            }.joined() + (traffic.unreadAhead ? "; a routing system ahead of \(by.label) was not read" : "")
            func share(_ percent: Double) -> String { Format.percent(percent / 100) }
            if from >= 99.5 {
                return "\(by.label) sends users to \(pair.primaryRegion) (the primary, \(share(from))): "
                    + "a failover moves them to \(pair.secondaryRegion)" + others
            }
            if to >= 99.5 {
                return "\(by.label) sends users to \(pair.secondaryRegion) (the target, \(share(to))): "
                    + "they already moved; writes should follow" + others
            }
            if from + to < 0.5 { return "\(by.label) sends users to neither side" + others }
            return "\(by.label): both sides take users, each the nearest"
                + (pair.strategy == .activeActive ? " (active-active)" : "") + others
        })

    /// Each configured routing system answered the last read. One whose control plane could not be reached
    /// cannot be relied on to move traffic now (FAIL); one that answered with an error (drtop's own permissions,
    /// a throttle) says nothing about that (UNKNOWN).
    static let answers = CheckDefinition(
        id: "routing-answers", title: "Routing control answers",
        result: { pair, facts in
            guard facts.recovery.traffic != nil else { return nil }
            guard let traffic = facts.recovery.status else { return .unknown }
            if traffic.problems.isEmpty { return .pass }
            return traffic.problems.contains(where: \.unreachable) ? .fail : .unknown
        },
        evidence: { _, facts, _ in
            guard let traffic = facts.recovery.status else { return "routing not read yet" }
            if !traffic.problems.isEmpty {
                return traffic.problems.map { "\($0.kind.label): \($0.message)" }.joined(separator: "; ")
            }
            let kinds = TrafficSummary.precedence.filter { !traffic.routes($0).isEmpty }.map(\.label)
            return kinds.joined(separator: ", ") + " answered"
                + (traffic.notes.isEmpty ? "" : " (" + traffic.notes.joined(separator: "; ") + ")")
        })

    /// The routes of the target region that report health (Route 53 records, accelerator endpoint groups). A
    /// record whose health check is an ARC routing-control check is left out: it is unhealthy by design while
    /// the standby's control is Off (the ARC step of the runbook turns it On).
    private static func targetRoutes(_ pair: BucketPair, _ facts: CheckFacts) -> [TrafficRoute] {
        (facts.recovery.status?.routes ?? []).filter {
            $0.region == pair.secondaryRegion && ($0.kind == .route53 || $0.kind == .accelerator)
                && $0.healthCheckType != "RECOVERY_CONTROL"
        }
    }

    /// Whether a Route 53 record has no health check and evaluates no target: Route 53 treats it as healthy.
    private static func healthyWithoutCheck(_ route: TrafficRoute) -> Bool {
        route.kind == .route53 && route.healthCheckID == nil && route.healthy == nil && !route.evaluatesTargetHealth
    }

    /// Whether a route is healthy as its system treats it (`healthyWithoutCheck`); otherwise as read, nil when
    /// not known.
    private static func healthy(_ route: TrafficRoute) -> Bool? {
        healthyWithoutCheck(route) ? true : route.healthy
    }

    /// The health checks and endpoints of the target region; left out when no configured system reports health.
    static let targetHealth = CheckDefinition(
        id: "target-health-check", title: "Target health check healthy",
        result: { pair, facts in
            guard facts.recovery.traffic != nil, pair.routing.route53 != nil || pair.routing.acceleratorARN != nil else {
                return nil
            }
            let routes = targetRoutes(pair, facts)
            if routes.isEmpty { return .unknown }
            return routes.contains { healthy($0) == false } ? .fail : routes.contains { healthy($0) == nil } ? .unknown : .pass
        },
        evidence: { pair, facts, _ in
            let routes = targetRoutes(pair, facts)
            guard !routes.isEmpty else {
                return "no Route 53 record or accelerator endpoint group of \(pair.secondaryRegion) was read"
            }
            func say(_ route: TrafficRoute) -> String {
                if healthyWithoutCheck(route) {
                    return "Route 53 \(route.name): no health check (Route 53 treats it as healthy)"
                }
                return "\(route.kind.label) \(route.name): "
                    + (route.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "health not known")
                    + (route.healthDetail.map { " (\($0))" } ?? "")
            }
            return routes.map(say).joined(separator: "; ")
        })

    /// The RTO estimate against its target: WARN from the warning share of the target, FAIL above it.
    static let rto = CheckDefinition(
        id: "rto-estimate", title: "RTO estimate within target",
        result: { _, facts in
            guard let recovery = facts.recovery.recovery else { return nil }
            guard let total = recovery.totalSeconds else { return .unknown }
            guard let goal = recovery.targetSeconds else { return .pass }
            let state = facts.thresholds.state(forShare: total / goal)
            return state == .breach ? .fail : state == .warning ? .warn : .pass
        },
        evidence: { _, facts, _ in
            guard let recovery = facts.recovery.recovery else { return "" }
            let parts = recovery.parts.map { "\($0.name) \($0.seconds.map { Format.duration($0) } ?? "?") (\($0.basis))" }
                .joined(separator: " + ")
            let target = recovery.targetSeconds.map { " (target \(Format.duration($0)))" } ?? " (no target: set rto or a strategy)"
            guard let total = recovery.totalSeconds else { return "RTO estimate unknown\(target): \(parts)" }
            return "RTO estimate \(Format.duration(total))\(target): \(parts)"
        })

    /// The newest recovery point against the RPO (AWS Backup).
    static let recoveryPoint = CheckDefinition(
        id: "backup-recovery-point", title: "Recovery point within RPO",
        result: { _, facts in facts.recovery.backup.map { FailoverChecklist.result(of: $0.state) } },
        evidence: { _, facts, _ in facts.recovery.backup?.summary ?? "" })
}
