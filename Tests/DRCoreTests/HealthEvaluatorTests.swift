import DRCore
import DRTestSupport
import Foundation
import Testing

@Suite struct HealthEvaluatorTests {
    let evaluator = HealthEvaluator()

    private func state(lag: Double, rpo: Double = 100, evaluator: HealthEvaluator = HealthEvaluator()) -> HealthState {
        let pair = Fixtures.pair(rpo: rpo, lag: lag)
        return evaluator.evaluate(pair.fromPrimary, rpoSeconds: rpo, now: Fixtures.now).state
    }

    @Test func thresholdEdges() {
        #expect(state(lag: 0) == .ok)
        #expect(state(lag: 49.9) == .ok)
        #expect(state(lag: 50) == .warning)
        #expect(state(lag: 99.9) == .warning)
        #expect(state(lag: 100) == .warning)
        #expect(state(lag: 100.1) == .breach)
        #expect(state(lag: 5000) == .breach)
    }

    @Test func thresholdsAreConfigurable() {
        let strict = HealthEvaluator(thresholds: Thresholds(warningShare: 0.2, breachShare: 0.8))
        #expect(state(lag: 19, evaluator: strict) == .ok)
        #expect(state(lag: 20, evaluator: strict) == .warning)
        #expect(state(lag: 80, evaluator: strict) == .warning)
        #expect(state(lag: 81, evaluator: strict) == .breach)
    }

    @Test func lagShareIsReported() {
        let pair = Fixtures.pair(rpo: 200, lag: 50)
        let health = evaluator.evaluate(pair.fromPrimary, rpoSeconds: 200, now: Fixtures.now)
        #expect(health.lagShare == 0.25)
    }

    @Test func missingLagIsUnknownNeverOk() {
        var direction = Fixtures.pair().fromPrimary
        direction.lagSeconds = nil
        let health = evaluator.evaluate(direction, rpoSeconds: 900, now: Fixtures.now)
        #expect(health.state == .unknown)
        #expect(health.lagShare == nil)
    }

    @Test func staleMetricsAreUnknown() {
        var direction = Fixtures.pair().fromPrimary
        direction.metricsAt = Fixtures.now.addingTimeInterval(-600)
        #expect(evaluator.evaluate(direction, rpoSeconds: 900, now: Fixtures.now).state == .ok)
        direction.metricsAt = Fixtures.now.addingTimeInterval(-601)
        let stale = evaluator.evaluate(direction, rpoSeconds: 900, now: Fixtures.now)
        #expect(stale.state == .unknown)
        #expect(stale.reason?.contains("old") == true)
        direction.metricsAt = nil
        #expect(evaluator.evaluate(direction, rpoSeconds: 900, now: Fixtures.now).state == .unknown)
    }

    @Test func absentDirectionIsNotOk() {
        var direction = Fixtures.pair().toPrimary
        direction.rules = []
        let health = evaluator.evaluate(direction, rpoSeconds: 900, now: Fixtures.now)
        #expect(health.state == .unknown)
        #expect(health.reason == "not replicated")
    }

    @Test func trendFollowsTheLagHistoryWithoutABacklogFigure() {
        var direction = Fixtures.pair().fromPrimary
        direction.pendingHistory = Series()
        direction.lagHistory = Fixtures.series([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
        #expect(evaluator.trend(direction, rpoSeconds: 900, now: Fixtures.now) == .growing)
        direction.lagHistory = Fixtures.series([100, 90, 80, 70, 60, 50, 40, 30, 20, 10])
        #expect(evaluator.trend(direction, rpoSeconds: 900, now: Fixtures.now) == .draining)
        direction.lagHistory = Fixtures.series([30, 31, 29, 30, 31, 30, 29, 30, 31, 30])
        #expect(evaluator.trend(direction, rpoSeconds: 900, now: Fixtures.now) == .steady)
        direction.lagHistory = Fixtures.series([30, 40])
        #expect(evaluator.trend(direction, rpoSeconds: 900, now: Fixtures.now) == .unknown)
    }

    /// One rate feeds the trend and the drain: a backlog that drains is "draining" with a time to clear, even
    /// while the lag (the age of the oldest waiting object) still grows; one that grows is "growing", not draining.
    @Test func trendAndDrainReadOneRateAndNeverContradict() {
        var direction = Fixtures.pair().fromPrimary
        direction.pendingOperations = 1000
        direction.pendingHistory = Fixtures.series((0..<10).map { Double(1900 - $0 * 100) })
        direction.lagHistory = Fixtures.series((0..<10).map { Double(100 + $0 * 30) })
        #expect(evaluator.trend(direction, rpoSeconds: 900, now: Fixtures.now) == .draining)
        let health = evaluator.evaluate(direction, rpoSeconds: 900, now: Fixtures.now)
        #expect(health.trend == .draining)
        #expect(health.drain == .draining(seconds: 100, breachesRPO: false))
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let start = Double.random(in: 0...5000, using: &random)
            let step = Double.random(in: -200...200, using: &random)
            let values = (0..<10).map { max(0, start + Double($0) * step + Double.random(in: -50...50, using: &random)) }
            direction.pendingHistory = Fixtures.series(values)
            direction.pendingOperations = Int(values.last!)
            let health = evaluator.evaluate(direction, rpoSeconds: 900, now: Fixtures.now)
            if case .draining = health.drain {
                #expect(health.trend == .draining, "\(values)")
            } else if health.trend == .draining {
                #expect(health.drain == .clear, "draining trend, drain \(health.drain): \(values)")
            }
            if health.trend == .growing {
                #expect(health.drain.breachesRPO != nil && health.drain != .clear || values.last == 0)
            }
        }
    }

    @Test func drainEstimate() {
        var direction = Fixtures.pair().fromPrimary
        #expect(evaluator.drainEstimate(direction, lag: 30, rpoSeconds: 900, now: Fixtures.now) == .clear)

        // 1,000 pending, falling 10 per second: clears in 100 s; lag flat, far below the RPO.
        direction.pendingOperations = 1000
        direction.pendingHistory = Fixtures.series((0..<10).map { Double(1900 - $0 * 100) })
        let draining = evaluator.drainEstimate(direction, lag: 30, rpoSeconds: 900, now: Fixtures.now)
        #expect(draining == .draining(seconds: 100, breachesRPO: false))

        // The same drain while lag grows 5 s per second: 30 + 5 × 100 > 400, the RPO is crossed first.
        direction.lagHistory = Fixtures.series((0..<10).map { Double($0 * 50) })
        let late = evaluator.drainEstimate(direction, lag: 30, rpoSeconds: 400, now: Fixtures.now)
        #expect(late == .draining(seconds: 100, breachesRPO: true))

        // Growing backlog never clears.
        direction.pendingHistory = Fixtures.series((0..<10).map { Double($0 * 100) })
        direction.lagHistory = Fixtures.series((0..<10).map { _ in 30 })
        #expect(evaluator.drainEstimate(direction, lag: 30, rpoSeconds: 900, now: Fixtures.now)
                == .notDraining(breachesRPO: false))
        #expect(evaluator.drainEstimate(direction, lag: 950, rpoSeconds: 900, now: Fixtures.now)
                == .notDraining(breachesRPO: true))

        // Pending known but no history: unknown, not a guess.
        direction.pendingHistory = Series()
        #expect(evaluator.drainEstimate(direction, lag: 30, rpoSeconds: 900, now: Fixtures.now) == .unknown)
        direction.pendingOperations = nil
        #expect(evaluator.drainEstimate(direction, lag: 30, rpoSeconds: 900, now: Fixtures.now) == .unknown)
    }
}
