/// The limits the health evaluator judges by.
public struct Thresholds: Sendable, Equatable {
    /// Lag share of the RPO from which a direction is `warning` (default `Defaults.warningPercent`).
    public var warningShare: Double
    /// Lag share of the RPO above which a direction is `breach` (default `Defaults.breachPercent`).
    public var breachShare: Double
    /// Metrics older than this many seconds are stale and judged `unknown` (default
    /// `Defaults.staleAfterSeconds`).
    public var staleAfterSeconds: Double
    /// How far back trend and drain estimates look, in seconds (default `Defaults.trendWindowSeconds`).
    public var trendWindowSeconds: Double

    /// Creates thresholds; the defaults are drtop's (`Defaults`).
    public init(
        warningShare: Double = Defaults.warningPercent / 100, breachShare: Double = Defaults.breachPercent / 100,
        staleAfterSeconds: Double = Defaults.staleAfterSeconds, trendWindowSeconds: Double = Defaults.trendWindowSeconds
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
