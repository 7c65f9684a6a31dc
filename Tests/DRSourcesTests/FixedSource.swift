import DRCore
import DRSourceKit
import Foundation
import Synchronization

/// A source with a fixed layout that records what it is asked (polls by region, invalidations, preparations)
/// and answers each poll with a reading naming the region in its latency; for joining sources.
final class FixedSource: ReplicationSource {
    let fixed: SourceLayout
    let cost: Double?
    private let log = Mutex<[String]>([])
    private let failure = Mutex<SourceProblem?>(nil)

    /// Makes `layout` and `prepare` fail with `problem` (nil: answer again), as an unreachable endpoint would.
    func fail(with problem: SourceProblem?) { failure.withLock { $0 = problem } }

    init(kind: SourceKind, regions: [String], pairs: [PairSpec], cost: Double? = nil) {
        fixed = SourceLayout(kind: kind, regions: regions, pairs: pairs)
        self.cost = cost
    }

    /// What was asked, in order: "poll REGION", "invalidate", "prepare".
    var calls: [String] { log.withLock { $0 } }

    var kind: SourceKind { fixed.kind }

    func layout() async throws -> SourceLayout {
        if let problem = failure.withLock({ $0 }) { throw problem }
        return fixed
    }

    func poll(region: String, now: Date) async throws -> RegionReading {
        log.withLock { $0.append("poll \(region)") }
        return RegionReading(apiLatencyMs: Double(region.count))
    }

    func invalidateConfiguration() async { log.withLock { $0.append("invalidate") } }

    func estimatedMonthlyCostUSD() async -> Double? { cost }

    func prepare(progress: @escaping @Sendable (PollProgress) -> Void) async throws -> [String] {
        log.withLock { $0.append("prepare") }
        if let problem = failure.withLock({ $0 }) { throw problem }
        return ["\(fixed.kind.rawValue) ready"]
    }
}
