@testable import DRCore
import DRTestSupport
import Foundation
import Testing

/// Large snapshots are judged in lanes side by side; the judgement is the same as judging the pairs in turn.
@Suite struct AssessmentLanesTests {
    /// 1,203 pairs made from the fixtures' worlds (healthy, growing backlog, one-way, routed, backup-only, a region
    /// down), each with its own name and lag, and one name given twice.
    static func fleet() -> Snapshot {
        let worlds = [Fixtures.world(), Fixtures.world(west: .down),
                      Fixtures.routedWorld()]
        var snapshot = worlds[2]
        snapshot.pairs = (0..<1_203).map { index in
            let world = worlds[index % worlds.count]
            var pair = world.pairs[index % world.pairs.count]
            pair.name = index == 700 ? "pair-3" : "pair-\(index)"
            if pair.fromPrimary.lagSeconds != nil { pair.fromPrimary.lagSeconds = Double((index * 37) % 1_200) }
            return pair
        }
        return snapshot
    }

    @Test func lanesJudgeAsOneLaneDoes() throws {
        let snapshot = Self.fleet()
        let now = Fixtures.now
        let inTurn = Assessment(snapshot, thresholds: .standard, now: now, lanes: 1)
        for lanes in [2, 3, 8, 5_000] {
            let side = Assessment(snapshot, thresholds: .standard, now: now, lanes: lanes)
            #expect(side == inTurn, "\(lanes) lanes")
            #expect(side.pairs.map(\.verdict) == inTurn.pairs.map(\.verdict))
            #expect(side.validUntil == inTurn.validUntil, "\(lanes) lanes: the first boundary of all lanes")
            #expect(side.pair(named: "pair-3")?.fromPrimary == side.pairs[3].fromPrimary,
                    "a name given twice finds the first pair of it")
        }
        #expect(inTurn.pairs.map(\.name) == snapshot.pairs.map(\.name), "in the snapshot's order")
        #expect(Assessment(snapshot, thresholds: .standard, now: now) == inTurn, "the default lanes")
        #expect(Assessment.lanes(for: 10) == 1 && Assessment.lanes(for: 10_000) >= 1)
        let empty = Assessment(Snapshot(takenAt: now, source: .aws, regions: [], pairs: [], sequence: 1),
                               thresholds: .standard, now: now, lanes: 4)
        #expect(empty.pairs.isEmpty && empty.validUntil == nil)
    }

    @Test func lanesCoverEveryPairOnce() {
        for count in [0, 1, 2, 999, 1_000, 10_001] {
            for lanes in 1...9 {
                let ranges = (0..<lanes).map { Assessment.range(of: $0, lanes: lanes, count: count) }
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                #expect(ranges.allSatisfy { abs($0.count - count / lanes) <= 1 })
            }
        }
    }
}
