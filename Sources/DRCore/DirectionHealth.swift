/// The evaluator's judgement of one direction.
public struct DirectionHealth: Sendable, Equatable {
    /// ok / warning / breach / unknown.
    public var state: HealthState
    /// Lag as a share of the RPO (0.48 = 48 %), when the lag is known and fresh.
    public var lagShare: Double?
    /// Which way the lag is heading.
    public var trend: Trend
    /// When the backlog clears.
    public var drain: DrainEstimate
    /// Why the state is unknown, when it is.
    public var reason: String?

    /// Creates a judgement.
    public init(state: HealthState, lagShare: Double?, trend: Trend, drain: DrainEstimate, reason: String? = nil) {
        self.state = state
        self.lagShare = lagShare
        self.trend = trend
        self.drain = drain
        self.reason = reason
    }
}
