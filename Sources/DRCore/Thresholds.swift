/// The limits the health evaluator judges by.
public struct Thresholds: Sendable, Equatable {
    /// Lag share of the RPO from which a direction is `warning` (default 0.5).
    public var warningShare: Double
    /// Lag share of the RPO above which a direction is `breach` (default 1.0).
    public var breachShare: Double
    /// Metrics older than this many seconds are stale and judged `unknown` (default 600: CloudWatch publishes
    /// replication metrics each minute, a few minutes late).
    public var staleAfterSeconds: Double
    /// How far back trend and drain estimates look, in seconds (default 300).
    public var trendWindowSeconds: Double

    /// Creates thresholds; the defaults are drtop's.
    public init(
        warningShare: Double = 0.5, breachShare: Double = 1.0, staleAfterSeconds: Double = 600,
        trendWindowSeconds: Double = 300
    ) {
        self.warningShare = warningShare
        self.breachShare = breachShare
        self.staleAfterSeconds = staleAfterSeconds
        self.trendWindowSeconds = trendWindowSeconds
    }

    /// drtop's defaults.
    public static let standard = Thresholds()

    /// The state a lag share alone stands for: breach above `breachShare`, warning from `warningShare`, else ok.
    public func state(forShare share: Double) -> HealthState {
        if share > breachShare { return .breach }
        if share >= warningShare { return .warning }
        return .ok
    }
}
