import DRCore
import Foundation

/// Sorts pairs for the overview; the name breaks ties so the order is stable.
public enum PairOrdering {
    /// `pairs` in `order`: name ascending, otherwise worst first. Health sorts by what the READINESS column
    /// shows (the failover verdict of `snapshot`: no-go, unknown, at risk, ready), then the worst direction.
    public static func sorted(
        _ pairs: [BucketPair], by order: PairSort, evaluator: HealthEvaluator, now: Date, snapshot: Snapshot? = nil
    ) -> [BucketPair] {
        if order == .name { return pairs.sorted { $0.name < $1.name } }
        let checklist = FailoverChecklist(thresholds: evaluator.thresholds)
        let keyed = pairs.map { pair in
            var value = key(pair, order, evaluator, now)
            if order == .health, let snapshot {
                let rank: [Verdict: Double] = [.go: 0, .goWithRisk: 1, .unknown: 2, .noGo: 3]
                value += 10 * (rank[checklist.run(pair: pair, in: snapshot, now: now).verdict] ?? 0)
            }
            return (pair, value)
        }
        return keyed.sorted { lhs, rhs in
            lhs.1 != rhs.1 ? lhs.1 > rhs.1 : lhs.0.name < rhs.0.name
        }.map(\.0)
    }

    private static func key(_ pair: BucketPair, _ order: PairSort, _ evaluator: HealthEvaluator, _ now: Date) -> Double {
        switch order {
        case .name:
            return 0
        case .lag:
            return pair.directions.compactMap { $0.lagSeconds.map { $0 / max(1, pair.rpoSeconds) } }.max() ?? -1
        case .pending:
            return Double(pair.directions.compactMap(\.pendingOperations).reduce(0, +))
        case .failed:
            return Double(pair.directions.compactMap(\.failedOperations).reduce(0, +))
        case .health:
            let states = pair.directions.filter { !$0.isAbsent }
                .map { evaluator.evaluate($0, rpoSeconds: pair.rpoSeconds, now: now).state }
            let rank: [HealthState: Double] = [.ok: 0, .unknown: 1, .warning: 2, .breach: 3]
            return states.map { rank[$0] ?? 0 }.max() ?? 0
        }
    }
}
