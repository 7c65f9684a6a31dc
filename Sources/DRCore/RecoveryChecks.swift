/// The failover checklist's items about traffic and recovery, for a pair that names its routing, a backup or an
/// RTO: where users are now, whether the routing systems answer, whether the target's health checks are healthy,
/// the RTO estimate against its target, and the newest recovery point against the RPO. An item that does not
/// apply to the pair is left out, never UNKNOWN.
public struct RecoveryChecks: Sendable {
    /// The thresholds that turn a share of a target into WARN / FAIL.
    public var thresholds: Thresholds

    /// Creates the checks.
    public init(thresholds: Thresholds) { self.thresholds = thresholds }

    /// The items for `pair`, with what the assessment derived: `traffic` (nil without routing), `recovery` (nil
    /// without routing, backup or RTO) and `backup` (nil when its backups are not watched).
    public func items(_ pair: BucketPair, traffic: TrafficSummary?, recovery: RecoveryTimeEstimate?,
                      backup: BackupExposure?) -> [CheckItem] {
        var items: [CheckItem] = []
        if let traffic {
            items.append(placement(pair, traffic))
            items.append(answers(pair))
            if let health = targetHealth(pair) { items.append(health) }
        }
        if let recovery { items.append(rto(recovery)) }
        if let backup { items.append(recoveryPoint(backup)) }
        return items
    }

    /// Users on the primary: a failover moves them. Already on the target, or split: said (WARN), unless the pair
    /// is active-active, where a split is its normal state.
    func placement(_ pair: BucketPair, _ traffic: TrafficSummary) -> CheckItem {
        let id = "traffic-placement", title = "Traffic placement"
        guard let by = traffic.decidedBy else {
            return CheckItem(id: id, title: title, result: .unknown,
                             evidence: "where users go is not known: " + (pair.traffic?.problems.map(\.message).first
                                ?? "routing not read yet"))
        }
        let from = traffic.percent(of: pair.primaryRegion) ?? 0, to = traffic.percent(of: pair.secondaryRegion) ?? 0
        // Where each disagreeing system sends them instead, in its own words.
        let others = traffic.disagreeing.map { kind -> String in
            let carrying = (TrafficSummary.shares(pair.traffic?.routes(kind) ?? []) ?? []).filter { $0.percent > 0 }
            return "; \(kind.label) sends them to "
                + (carrying.isEmpty ? "neither side" : carrying.map(\.region).joined(separator: " and "))
        }.joined()
        func share(_ percent: Double) -> String { Format.percent(percent / 100) }
        if from >= 99.5 {
            return CheckItem(id: id, title: title, result: traffic.disagreeing.isEmpty ? .pass : .warn,
                             evidence: "\(by.label) sends users to \(pair.primaryRegion) (the primary, \(share(from))): "
                                + "a failover moves them to \(pair.secondaryRegion)" + others)
        }
        if to >= 99.5 {
            return CheckItem(id: id, title: title, result: .warn,
                             evidence: "\(by.label) sends users to \(pair.secondaryRegion) (the target, \(share(to))): "
                                + "they already moved; writes should follow" + others)
        }
        if from + to < 0.5 {
            return CheckItem(id: id, title: title, result: .fail,
                             evidence: "\(by.label) sends users to neither side" + others)
        }
        return CheckItem(id: id, title: title, result: pair.strategy == .activeActive ? .pass : .warn,
                         evidence: "\(by.label): both sides take users, each the nearest"
                            + (pair.strategy == .activeActive ? " (active-active)" : "") + others)
    }

    /// Each configured routing system answered the last read; a system that did not cannot be relied on to move
    /// traffic now.
    func answers(_ pair: BucketPair) -> CheckItem {
        let id = "routing-answers", title = "Routing control answers"
        guard let traffic = pair.traffic else {
            return CheckItem(id: id, title: title, result: .unknown, evidence: "routing not read yet")
        }
        if !traffic.problems.isEmpty {
            return CheckItem(id: id, title: title, result: .fail, evidence: traffic.problems
                .map { "\($0.kind.label): \($0.message)" }.joined(separator: "; "))
        }
        let kinds = TrafficSummary.precedence.filter { !traffic.routes($0).isEmpty }.map(\.label)
        let evidence = kinds.joined(separator: ", ") + " answered" + (traffic.notes.isEmpty ? "" : " (" + traffic.notes.joined(separator: "; ") + ")")
        return CheckItem(id: id, title: title, result: .pass, evidence: evidence)
    }

    /// The health checks and endpoints of the target region; nil when no configured system reports health.
    func targetHealth(_ pair: BucketPair) -> CheckItem? {
        let id = "target-health-check", title = "Target health check healthy"
        let configured = pair.routing.route53 != nil || pair.routing.acceleratorARN != nil
        guard configured else { return nil }
        let routes = (pair.traffic?.routes ?? []).filter {
            $0.region == pair.secondaryRegion && ($0.kind == .route53 || $0.kind == .accelerator)
        }
        guard !routes.isEmpty else {
            return CheckItem(id: id, title: title, result: .unknown,
                             evidence: "no Route 53 record or accelerator endpoint group of \(pair.secondaryRegion) was read")
        }
        func say(_ route: TrafficRoute) -> String {
            "\(route.kind.label) \(route.name): " + (route.healthy.map { $0 ? "healthy" : "unhealthy" } ?? "health not known")
                + (route.healthDetail.map { " (\($0))" } ?? "")
        }
        let evidence = routes.map(say).joined(separator: "; ")
        let result: CheckResult = routes.contains { $0.healthy == false } ? .fail
            : routes.contains { $0.healthy == nil } ? .unknown : .pass
        return CheckItem(id: id, title: title, result: result, evidence: evidence)
    }

    /// The RTO estimate against its target: WARN from the warning share of the target, FAIL above it.
    func rto(_ recovery: RecoveryTimeEstimate) -> CheckItem {
        let id = "rto-estimate", title = "RTO estimate within target"
        let parts = recovery.parts.map { "\($0.name) \($0.seconds.map { Format.duration($0) } ?? "?") (\($0.basis))" }
            .joined(separator: " + ")
        let target = recovery.targetSeconds.map { " (target \(Format.duration($0)))" } ?? " (no target: set rto or a strategy)"
        guard let total = recovery.totalSeconds else {
            return CheckItem(id: id, title: title, result: .unknown, evidence: "RTO estimate unknown\(target): \(parts)")
        }
        let evidence = "RTO estimate \(Format.duration(total))\(target): \(parts)"
        guard let goal = recovery.targetSeconds else { return CheckItem(id: id, title: title, result: .pass, evidence: evidence) }
        let state = thresholds.state(forShare: total / goal)
        return CheckItem(id: id, title: title, result: state == .breach ? .fail : state == .warning ? .warn : .pass,
                         evidence: evidence)
    }

    /// The newest recovery point against the RPO (AWS Backup).
    func recoveryPoint(_ backup: BackupExposure) -> CheckItem {
        let result: CheckResult = switch backup.state {
        case .ok: .pass
        case .warning: .warn
        case .breach: .fail
        case .unknown: .unknown
        }
        return CheckItem(id: "backup-recovery-point", title: "Recovery point within RPO", result: result,
                         evidence: backup.summary)
    }
}
