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
        if share > thresholds.breachShare { return .breach }
        if share >= thresholds.warningShare { return .warning }
        return .ok
    }

    /// Judges `direction` against `rpoSeconds` at `now`.
    public func evaluate(_ direction: DirectionStatus, rpoSeconds: Double, now: Date) -> DirectionHealth {
        let trend = self.trend(direction, rpoSeconds: rpoSeconds, now: now)
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
        let drain = drainEstimate(direction, lag: lag, rpoSeconds: rpoSeconds, now: now)
        return DirectionHealth(state: state(forShare: share), lagShare: share, trend: trend, drain: drain)
    }

    /// Trend of the lag over the trend window. A change smaller than 5 % of the RPO (at least 2 s) is steady.
    public func trend(_ direction: DirectionStatus, rpoSeconds: Double, now: Date) -> Trend {
        let window = thresholds.trendWindowSeconds
        guard let slope = direction.lagHistory.slope(over: window, endingAt: now) else {
            // Too few CloudWatch points yet (one a minute): the followed queue, polled each tick, says which way
            // the backlog goes.
            guard let rate = direction.queueHistory.slope(over: window, endingAt: now) else { return .unknown }
            let points = direction.queueHistory.window(window, endingAt: now)
            let change = rate * ((points.last?.time.timeIntervalSince(points.first?.time ?? now)) ?? 0)
            return change >= 1 ? .growing : change <= -1 ? .draining : .steady
        }
        let points = direction.lagHistory.window(window, endingAt: now)
        let span = (points.last?.time.timeIntervalSince(points.first?.time ?? now)) ?? 0
        let change = slope * span
        let tolerance = max(2.0, 0.05 * rpoSeconds)
        if change > tolerance { return .growing }
        if change < -tolerance { return .draining }
        return .steady
    }

    /// When the backlog reaches zero at the current net rate, and whether the lag crosses the RPO first
    /// (for a backlog that is not draining: within the next trend window).
    public func drainEstimate(
        _ direction: DirectionStatus, lag: Double, rpoSeconds: Double, now: Date
    ) -> DrainEstimate {
        guard let pending = direction.pendingOperations else { return .unknown }
        if pending == 0 { return .clear }
        let window = thresholds.trendWindowSeconds
        let lagSlope = direction.lagHistory.slope(over: window, endingAt: now) ?? 0
        let overNow = lag > rpoSeconds * thresholds.breachShare
        // CloudWatch's series (one point a minute) when it has enough points; else the followed queue's, per poll.
        guard let rate = direction.pendingHistory.slope(over: window, endingAt: now)
            ?? direction.queueHistory.slope(over: window, endingAt: now) else { return .unknown }
        if rate >= 0 {
            // Not clearing: does the lag, at its current slope, pass the RPO within one more trend window?
            let projected = lag + max(0, lagSlope) * window
            return .notDraining(breachesRPO: overNow || projected > rpoSeconds * thresholds.breachShare)
        }
        let seconds = Double(pending) / -rate
        let projected = lag + max(0, lagSlope) * seconds
        return .draining(seconds: seconds, breachesRPO: overNow || projected > rpoSeconds * thresholds.breachShare)
    }
}
