import Foundation

/// Judges a direction's lag against its RPO, its trend, and when its backlog drains. Pure: time is passed in.
public struct HealthEvaluator: Sendable {
    /// The limits used.
    public var thresholds: Thresholds

    /// Creates an evaluator.
    public init(thresholds: Thresholds = .standard) {
        self.thresholds = thresholds
    }

    /// Whether the direction's metrics are too old (or absent) to trust at `now`.
    public func isStale(_ direction: DirectionStatus, now: Date) -> Bool {
        guard let at = direction.metricsAt else { return true }
        return now.timeIntervalSince(at) > thresholds.staleAfterSeconds
    }

    /// The state for a lag share alone.
    public func state(forShare share: Double) -> HealthState {
        thresholds.state(forShare: share)
    }

    /// Judges `direction` against `rpoSeconds` at `now`.
    public func evaluate(_ direction: DirectionStatus, rpoSeconds: Double, now: Date) -> DirectionHealth {
        let fits = self.fits(direction, now: now)
        let trend = self.trend(direction, rpoSeconds: rpoSeconds, fits: fits)
        if direction.isAbsent {
            return DirectionHealth(state: .unknown, lagShare: nil, trend: .unknown, drain: .unknown,
                                   reason: "not replicated")
        }
        guard let lag = direction.lagSeconds else {
            let why = direction.metricsProblem?.message ?? "no lag data"
            return DirectionHealth(state: .unknown, lagShare: nil, trend: trend, drain: .unknown, reason: why)
        }
        if isStale(direction, now: now) {
            let why: String
            if let at = direction.metricsAt {
                why = "metrics \(Format.duration(now.timeIntervalSince(at))) old"
            } else {
                why = "metrics time unknown"
            }
            return DirectionHealth(state: .unknown, lagShare: nil, trend: trend, drain: .unknown, reason: why)
        }
        let share = rpoSeconds > 0 ? lag / rpoSeconds : (lag > 0 ? Double.infinity : 0)
        let drain = drainEstimate(direction, lag: lag, rpoSeconds: rpoSeconds, fits: fits, trend: trend)
        return DirectionHealth(state: state(forShare: share), lagShare: share, trend: trend, drain: drain)
    }

    /// The fits the trend and the drain estimate read, computed once per judgement.
    private struct Fits {
        var backlog: (rate: Double, span: Double)?
        var lag: (slope: Double, span: Double)?
    }

    private func fits(_ direction: DirectionStatus, now: Date) -> Fits {
        Fits(backlog: backlogRate(direction, now: now),
             lag: direction.lagHistory.fit(over: thresholds.trendWindowSeconds, endingAt: now))
    }

    /// The backlog's net rate, in operations per second, over the trend window: the least-squares slope of
    /// CloudWatch's pending series when it has points enough, else of the followed queue's (polled each tick).
    /// The one rate both the trend and the drain estimate read, so that they cannot contradict each other.
    public func backlogRate(_ direction: DirectionStatus, now: Date) -> (rate: Double, span: Double)? {
        let window = thresholds.trendWindowSeconds
        if let fit = direction.pendingHistory.fit(over: window, endingAt: now) { return (fit.slope, fit.span) }
        if let fit = direction.queueHistory.fit(over: window, endingAt: now) { return (fit.slope, fit.span) }
        return nil
    }

    /// Which way the backlog is heading, from `backlogRate`: growing or draining when it changed by at least one
    /// operation and 2 % of what is waiting over the window, else steady. Without a backlog figure, the lag's
    /// slope (a change under 5 % of the RPO, at least 2 s, is steady).
    public func trend(_ direction: DirectionStatus, rpoSeconds: Double, now: Date) -> Trend {
        trend(direction, rpoSeconds: rpoSeconds, fits: fits(direction, now: now))
    }

    private func trend(_ direction: DirectionStatus, rpoSeconds: Double, fits: Fits) -> Trend {
        if let (rate, span) = fits.backlog {
            let change = rate * span
            let tolerance = max(1, 0.02 * Double(direction.pendingOperations ?? 0))
            return change >= tolerance ? .growing : change <= -tolerance ? .draining : .steady
        }
        guard let (slope, span) = fits.lag else { return .unknown }
        let change = slope * span
        let tolerance = max(2.0, 0.05 * rpoSeconds)
        if change > tolerance { return .growing }
        if change < -tolerance { return .draining }
        return .steady
    }

    /// When the backlog reaches zero at the current net rate (`backlogRate`), and whether the lag crosses the RPO
    /// first (for a backlog that is not draining: within the next trend window). Draining exactly when the
    /// trend says draining.
    public func drainEstimate(
        _ direction: DirectionStatus, lag: Double, rpoSeconds: Double, now: Date
    ) -> DrainEstimate {
        let fits = self.fits(direction, now: now)
        return drainEstimate(direction, lag: lag, rpoSeconds: rpoSeconds, fits: fits,
                             trend: trend(direction, rpoSeconds: rpoSeconds, fits: fits))
    }

    private func drainEstimate(
        _ direction: DirectionStatus, lag: Double, rpoSeconds: Double, fits: Fits, trend: Trend
    ) -> DrainEstimate {
        guard let pending = direction.pendingOperations else { return .unknown }
        if pending == 0 { return .clear }
        let window = thresholds.trendWindowSeconds
        let lagSlope = fits.lag?.slope ?? 0
        let overNow = lag > rpoSeconds * thresholds.breachShare
        guard let (rate, _) = fits.backlog else { return .unknown }
        if trend != .draining || rate >= 0 {
            // Not clearing: does the lag, at its current slope, pass the RPO within one more trend window?
            let projected = lag + max(0, lagSlope) * window
            return .notDraining(breachesRPO: overNow || projected > rpoSeconds * thresholds.breachShare)
        }
        let seconds = Double(pending) / -rate
        let projected = lag + max(0, lagSlope) * seconds
        return .draining(seconds: seconds, breachesRPO: overNow || projected > rpoSeconds * thresholds.breachShare)
    }
}
