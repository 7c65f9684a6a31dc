import DRCore
import DRSourceKit
import Foundation
import Synchronization

/// A source whose regions behave as a test says: answer, fail, or hang. It exercises the poller's seam,
/// not any network code.
final class ScriptedSource: ReplicationSource {
    enum Behaviour: Sendable {
        case answer
        case fail(SourceProblem)
        case hang
    }

    private let behaviours: Mutex<[String: Behaviour]>
    private let polls = Mutex<[String: Int]>([:])
    private let invalidations = Mutex(0)
    /// How many more times `pollsAgainAtOnce` answers yes (a first look's follow-up).
    private let followUps = Mutex(0)
    let pair = PairSpec(
        name: "p", primary: Bucket(name: "a", region: "r-east"), secondary: Bucket(name: "b", region: "r-west"),
        rpoSeconds: 600)

    init(_ behaviours: [String: Behaviour]) {
        self.behaviours = Mutex(behaviours)
    }

    func set(_ region: String, _ behaviour: Behaviour) { behaviours.withLock { $0[region] = behaviour } }
    func pollCount(_ region: String) -> Int { polls.withLock { $0[region] ?? 0 } }
    var invalidationCount: Int { invalidations.withLock { $0 } }
    /// Makes the next `count` polls ask for another poll at once.
    func askAgainAtOnce(_ count: Int) { followUps.withLock { $0 = count } }

    func pollsAgainAtOnce() async -> Bool {
        followUps.withLock { left in
            defer { left = max(0, left - 1) }
            return left > 0
        }
    }

    func layout() async throws -> SourceLayout {
        SourceLayout(kind: .aws, regions: ["r-east", "r-west"], pairs: [pair])
    }

    func invalidateConfiguration() async { invalidations.withLock { $0 += 1 } }

    func poll(region: String, now: Date) async throws -> RegionReading {
        polls.withLock { $0[region, default: 0] += 1 }
        switch behaviours.withLock({ $0[region] ?? .answer }) {
        case .answer:
            var reading = RegionReading(versioning: [region == "r-east" ? "a" : "b": .enabled], apiLatencyMs: 12)
            var part = DirectionReading()
            if region == "r-east" {
                part.rules = [ReplicationRule(id: "r1", destinationBucket: "b")]
                part.failedOperations = 0
            } else {
                part.lagSeconds = 42
                part.pendingOperations = 7
                part.metricsAt = now
            }
            reading.directions[DirectionKey(source: "a", destination: "b")] = part
            return reading
        case .fail(let problem):
            throw problem
        case .hang:
            // Never answers and ignores cancellation, like a request to a server that accepted and went silent.
            await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
            throw SourceProblem(.other, "unreachable")
        }
    }
}
