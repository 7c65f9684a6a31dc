import DRCore
import Foundation

/// Sorts pairs for the overview; the name breaks ties so the order is stable.
public enum PairOrdering {
    /// `pairs` in `order`: name ascending, otherwise worst first. Health sorts by what the READINESS column
    /// shows (the failover verdict: no-go, unknown, at risk, ready), then the worst direction — both read from
    /// `assessment`, whose verdict and state orders are `Verdict`'s and `HealthState`'s own.
    public static func sorted(_ pairs: [BucketPair], by order: PairSort, assessment: Assessment?) -> [BucketPair] {
        if order == .name { return pairs.sorted { $0.name < $1.name } }
        let keyed = pairs.map { pair in (pair, key(pair, order, assessment?.pair(named: pair.name))) }
        return keyed.sorted { lhs, rhs in
            lhs.1 != rhs.1 ? lhs.1 > rhs.1 : lhs.0.name < rhs.0.name
        }.map(\.0)
    }

    private static func key(_ pair: BucketPair, _ order: PairSort, _ judged: PairAssessment?) -> Double {
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
            guard let judged else { return 0 }
            let worst = judged.worstState(of: pair).map { Double($0.severity) } ?? 0
            return 10 * Double(judged.verdict.severity) + worst
        }
    }
}
