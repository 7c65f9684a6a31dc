import DRCore
import DRSourceKit
import DRTestSupport
import Foundation
import Testing

/// One failed poll is a fault to retry, not an outage: the region says "1 poll failed, retrying", keeps its
/// last answer's values, and the failover check warns; a second failure in a row, or a refused connection, is
/// down and fails it. Pure: the assembler and the checklist.
@Suite struct RetryingRegionTests {
    static let pair = PairSpec(name: "app", primary: Bucket(name: "app-use1", region: "us-east-1"),
                               secondary: Bucket(name: "app-usw2", region: "us-west-2"), rpoSeconds: 900)
    static let layout = SourceLayout(kind: .aws, regions: ["us-east-1", "us-west-2"], pairs: [pair])
    static let key = DirectionKey(source: "app-use1", destination: "app-usw2")

    static func reading(lag: Double) -> RegionReading {
        var part = DirectionReading()
        part.lagSeconds = lag
        part.pendingOperations = 4
        return RegionReading(directions: [key: part])
    }

    func assemble(_ west: RegionOutcome, previous: Snapshot?, last: [String: RegionReading], at now: Date) -> Snapshot {
        SnapshotAssembler.assemble(layout: Self.layout,
                                   outcomes: ["us-east-1": .answered(RegionReading(), elapsedMs: 5), "us-west-2": west],
                                   previous: previous, now: now, sequence: (previous?.sequence ?? 0) + 1,
                                   pollDurationSeconds: 0.1, lastReadings: last)
    }

    @Test func oneFailedPollRetriesTheSecondIsDown() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let good = Self.reading(lag: 42)
        let first = assemble(.answered(good, elapsedMs: 5), previous: nil, last: [:], at: start)
        let reset = SourceProblem(.unreachable, "127.0.0.1:5002: connection reset")
        let retrying = assemble(.failed(reset), previous: first, last: ["us-west-2": good], at: start + 1)
        let west = retrying.region("us-west-2")
        #expect(west?.reachability == .degraded)
        #expect(west?.retryNote == "1 poll failed, retrying")
        #expect(west?.problemLine == "1 poll failed, retrying: 127.0.0.1:5002: connection reset")
        #expect(retrying.pairs[0].fromPrimary.lagSeconds == 42, "the last answer's values are kept")
        let check = FailoverChecklist().run(pair: retrying.pairs[0], in: retrying, now: start + 1)
        #expect(check.items.first { $0.id == "target-reachable" }?.result == .warn)
        let json = SnapshotDocument.make(retrying, assessment: Assessment(retrying, thresholds: .standard,
                                                                          now: retrying.takenAt)).text()
        #expect(json.contains("\"note\": \"1 poll failed, retrying\""), "\(json)")
        #expect(json.contains("\"failed_polls\": 1"))

        let down = assemble(.failed(reset), previous: retrying, last: ["us-west-2": good], at: start + 2)
        #expect(down.region("us-west-2")?.reachability == .down)
        #expect(down.region("us-west-2")?.retryNote == nil)
        #expect(down.pairs[0].fromPrimary.lagSeconds == nil, "down: measured values are unknown")
        let failed = FailoverChecklist().run(pair: down.pairs[0], in: down, now: start + 2)
        #expect(failed.items.first { $0.id == "target-reachable" }?.result == .fail)
    }

    @Test func refusedOnEveryRetryIsDownAtOnce() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let good = Self.reading(lag: 42)
        let first = assemble(.answered(good, elapsedMs: 5), previous: nil, last: [:], at: start)
        let refused = SourceProblem(.refused, "127.0.0.1:5002: connection refused")
        let down = assemble(.failed(refused), previous: first, last: ["us-west-2": good], at: start + 1)
        #expect(down.region("us-west-2")?.reachability == .down)
        #expect(down.region("us-west-2")?.consecutiveFailures == 1)
    }
}
