/// When a direction's backlog clears at the current net rate.
public enum DrainEstimate: Sendable, Equatable {
    /// Nothing is waiting.
    case clear
    /// The backlog shrinks and reaches zero in `seconds`; `breachesRPO` tells whether the lag crosses the RPO first.
    case draining(seconds: Double, breachesRPO: Bool)
    /// The backlog is flat or growing: it never clears at the current rate. `breachesRPO` tells whether lag
    /// is already past the RPO or heading there.
    case notDraining(breachesRPO: Bool)
    /// Not enough data.
    case unknown

    /// Whether the lag is expected to exceed the RPO before the backlog clears; nil when unknown.
    public var breachesRPO: Bool? {
        switch self {
        case .clear: return false
        case .draining(_, let breaches), .notDraining(let breaches): return breaches
        case .unknown: return nil
        }
    }
}
