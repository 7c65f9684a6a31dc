import DRCore
import Foundation

/// The drill-down's traffic, RTO and backup lines of one pair: each routing system's routes with their state,
/// health and age (one line per system), what did not answer, the RTO estimate with its parts, and what a restore
/// would give back. Nothing for a pair that names none of them.
enum RecoveryLines {
    /// One line and its colour.
    struct Line {
        var text: String
        var role: Role
    }

    static func lines(_ pair: BucketPair, _ judged: PairAssessment?, now: Date, width: Int) -> [Line] {
        var lines: [Line] = []
        let traffic = pair.traffic ?? TrafficStatus()
        for kind in pair.routing.kinds {
            let routes = traffic.routes(kind)
            var text = " TRAFFIC  \(kind.label)"
            if kind == .route53, let name = pair.routing.route53?.name { text += " \(name)" }
            if let problem = traffic.problems.first(where: { $0.kind == kind }) {
                lines.append(Line(text: text + ": not read: \(problem.message)"
                                  + (routes.isEmpty ? "" : " (showing what was read before)"), role: .critical))
            } else if routes.isEmpty {
                lines.append(Line(text: text + ": not read yet", role: .unknown))
                continue
            }
            guard !routes.isEmpty else { continue }
            // Where users go first, so that a cut line keeps it.
            let ordered = routes.filter { $0.carriesTraffic == true } + routes.filter { $0.carriesTraffic != true }
            text += "  " + ordered.map(describe).joined(separator: " · ")
            if let oldest = routes.map(\.observedAt).min() {
                text += "  (\(Format.duration(now.timeIntervalSince(oldest))) ago)"
            }
            let unhealthy = routes.contains { $0.healthy == false }
            lines.append(Line(text: text, role: unhealthy ? .warning : routes.contains { $0.carriesTraffic == nil }
                ? .unknown : .normal))
        }
        for note in traffic.notes { lines.append(Line(text: " TRAFFIC  \(note)", role: .dim)) }
        if let recovery = judged?.recovery, !recovery.parts.isEmpty {
            var text = " RTO      " + (recovery.totalSeconds.map { Format.duration($0) } ?? "unknown")
            if let target = recovery.targetSeconds { text += " (target \(Format.duration(target)))" }
            // The parts with what each rests on while the line fits, else the parts alone (the failover check and
            // the export carry the bases in full).
            func parts(_ basis: Bool) -> String {
                ": " + recovery.parts.map { part in
                    "\(part.isRoutingSwitch ? "" : "+ ")\(part.name) \(part.seconds.map { Format.duration($0) } ?? "?")"
                        + (basis ? " (\(part.basis))" : "")
                }.joined(separator: " · ")
            }
            text += TextWidth.of(text + parts(true)) <= width ? parts(true) : parts(false)
            let role: Role = recovery.exceedsTarget == true ? .critical : recovery.totalSeconds == nil ? .unknown : .normal
            lines.append(Line(text: text, role: role))
        }
        if let exposure = judged?.backup {
            var text = " BACKUP   " + Style.health(exposure.state).symbol + " " + exposure.summary
            if let point = pair.backup?.latestPeriodic {
                text += " · newest point \(Format.timestamp(point.createdAt))\(point.vault.map { " in \($0)" } ?? "")"
            }
            if let job = pair.backup?.latestJob, exposure.jobFailure == nil { text += " · last job \(job.state)" }
            lines.append(Line(text: text, role: Style.health(exposure.state).role))
        }
        return lines
    }

    /// "us-east-1 PRIMARY ✔ ◀ users", "us-west-2 0%", "eu-west-1 100% ✖ UNHEALTHY (Timeout)".
    private static func describe(_ route: TrafficRoute) -> String {
        var text = (route.region ?? route.name) + " " + route.state
        switch route.healthy {
        case true?: text += " ✔"
        case false?: text += " ✖" + (route.healthDetail.map { " \($0)" } ?? "")
        case nil: if route.healthCheckID != nil { text += " ? health" }
        }
        if route.carriesTraffic == true { text += " ◀ users" }
        return text
    }
}
