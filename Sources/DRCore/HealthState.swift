/// How one direction stands against its RPO.
public enum HealthState: String, Sendable, Equatable, Codable, Comparable {
    /// Lag below the warning share.
    case ok
    /// Lag between the warning share and the RPO.
    case warning
    /// Lag above the RPO.
    case breach
    /// Data missing or stale: a state of its own, never shown as ok.
    case unknown

    /// How bad, for ordering: ok 0, unknown 1, warning 2, breach 3 (the one order every outlet sorts by).
    public var severity: Int {
        switch self {
        case .ok: return 0
        case .unknown: return 1
        case .warning: return 2
        case .breach: return 3
        }
    }

    public static func < (lhs: HealthState, rhs: HealthState) -> Bool { lhs.severity < rhs.severity }
}
