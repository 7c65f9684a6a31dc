import DRCore

/// Symbols, words and roles for every state, so that meaning never depends on colour alone.
public enum Style {
    /// Symbol and role of a health state.
    public static func health(_ state: HealthState) -> (symbol: String, role: Role) {
        switch state {
        case .ok: return ("●", .healthy)
        case .warning: return ("▲", .warning)
        case .breach: return ("✖", .critical)
        case .unknown: return ("?", .unknown)
        }
    }

    /// "● up", "✖ down" and the role.
    public static func reachability(_ value: Reachability) -> (text: String, role: Role) {
        switch value {
        case .up: return ("● up", .healthy)
        case .degraded: return ("▲ degraded", .warning)
        case .down: return ("✖ down", .critical)
        case .unknown: return ("? unknown", .unknown)
        }
    }

    /// A region's status word: its reachability, or "▲ retrying" after a failed poll that is not an outage yet.
    public static func region(_ status: RegionStatus) -> (text: String, role: Role) {
        if status.retryNote != nil { return ("▲ retrying", .warning) }
        return reachability(status.reachability)
    }

    /// "● PASS" and the role: the same symbols as every other state (● ok, ▲ warning, ✖ fail, ? unknown).
    public static func check(_ result: CheckResult) -> (text: String, role: Role) {
        switch result {
        case .pass: return ("● PASS", .healthy)
        case .warn: return ("▲ WARN", .warning)
        case .fail: return ("✖ FAIL", .critical)
        case .unknown: return ("? UNKNOWN", .unknown)
        }
    }

    /// The role of a verdict.
    public static func verdictRole(_ verdict: Verdict) -> Role {
        switch verdict {
        case .go: return .healthy
        case .goWithRisk: return .warning
        case .noGo: return .critical
        case .unknown: return .unknown
        }
    }

    /// The overview's readiness word for a verdict: "● ready", "▲ at risk", "✖ no-go", "? unknown".
    public static func readiness(_ verdict: Verdict) -> (text: String, role: Role) {
        switch verdict {
        case .go: return ("● ready", .healthy)
        case .goWithRisk: return ("▲ at risk", .warning)
        case .noGo: return ("✖ no-go", .critical)
        case .unknown: return ("? unknown", .unknown)
        }
    }

    /// "on" / "off".
    public static func onOff(_ value: Bool) -> String { value ? "on" : "off" }
}
