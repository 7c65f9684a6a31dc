import DRCore
@testable import DRRender
import DRTestSupport
import Foundation
import Testing

/// The drill-down's chart over 1 h, 6 h and 24 h: `c` cycles the span, a longer span asks the source for the
/// pair on screen (never the fleet), an answer to an earlier question is not drawn, the answer is asked again
/// after one period and on `r`, and a slice nothing was measured in is a dot, never a zero.
@Suite struct LagChartTests {
    static func drill(width: Int = 120, height: Int = 40) -> AppState {
        DrillDownScreenTests.drill(width: width, height: height)
    }

    static func reduce(_ state: AppState, _ event: AppEvent) -> (AppState, Reaction) {
        Reducer.reduce(state, event)
    }

    /// A day of five-minute maxima: 120 s, with a 20-minute breach of 1,500 s around 18 h ago.
    static func day(for request: LagHistoryRequest, problem: SourceProblem? = nil) -> LagHistory {
        let end = Fixtures.now
        let samples = (0..<288).map { index -> Sample in
            let time = end.addingTimeInterval(-86_400 + Double(index) * 300)
            let hoursAgo = end.timeIntervalSince(time) / 3600
            return Sample(time: time, value: hoursAgo > 18 && hoursAgo < 18.34 ? 1500 : 120)
        }
        return LagHistory(request: request, samples: samples, periodSeconds: 300,
                          origin: "CloudWatch ReplicationLatency, 5-min maximum", problem: problem, readAt: end)
    }

    @Test func cCyclesTheSpanAndAsksOnlyForThePairOnScreen() throws {
        var (state, reaction) = Self.reduce(Self.drill(), .key(.char("c")))
        #expect(state.chartSpan == .sixHours)
        let asked = try #require(reaction.history)
        #expect(asked.pair == "logs" && asked.source.name == "logs-use1" && asked.destination.name == "logs-usw2")
        #expect(asked.seconds == 6 * 3600)
        (state, reaction) = Self.reduce(state, .key(.char("c")))
        #expect(state.chartSpan == .day && reaction.history?.seconds == 86_400)
        (state, reaction) = Self.reduce(state, .key(.char("c")))
        #expect(state.chartSpan == .hour && reaction.history == nil, "the hour is drawn from the snapshots")
        // Tab at 6 h asks for the other direction.
        (state, _) = Self.reduce(state, .key(.char("c")))
        (state, reaction) = Self.reduce(state, .key(.tab))
        #expect(reaction.history?.source.name == "logs-usw2" && reaction.history?.destination.name == "logs-use1")
        // The overview never asks, whatever the span.
        (state, reaction) = Self.reduce(state, .key(.escape))
        #expect(state.page.context == .overview && reaction.history == nil)
        (_, reaction) = Self.reduce(state, .snapshot(Fixtures.world()))
        #expect(reaction.history == nil)
    }

    @Test func anAnswerIsKeptUntilItIsOnePeriodOldAndRefreshAsksAgain() throws {
        var (state, reaction) = Self.reduce(Self.drill(), .key(.char("c")))
        let asked = try #require(reaction.history)
        (state, reaction) = Self.reduce(state, .lagHistory(Self.day(for: asked)))
        #expect(state.shownHistory != nil && reaction.history == nil)
        (state, reaction) = Self.reduce(state, .tick(state.now.addingTimeInterval(60)))
        #expect(reaction.history == nil, "a minute later the answer still stands")
        (state, reaction) = Self.reduce(state, .tick(state.now.addingTimeInterval(300)))
        #expect(reaction.history == asked, "five minutes on it is asked again")
        (state, reaction) = Self.reduce(state, .key(.char("r")))
        #expect(reaction.refresh && reaction.history == asked)
        // An answer to another question (the other direction, asked before Tab) is not drawn.
        var other = asked
        other.source = asked.destination
        other.destination = asked.source
        (state, _) = Self.reduce(state, .lagHistory(Self.day(for: other)))
        #expect(state.shownHistory?.request == asked)
    }

    @Test func unmeasuredSlicesAreDotsAndAPeriodCoversItsColumns() {
        let now = Fixtures.now
        // One-minute samples over the last 10 minutes of an hour drawn in 60 columns: 10 columns measured.
        let minutes = (0..<10).map { Sample(time: now.addingTimeInterval(-600 + Double($0) * 60), value: Double($0)) }
        let columns = LagChart.worstPerColumn(minutes, columns: 60, seconds: 3600, now: now)
        #expect(columns.prefix(50).allSatisfy { $0 == nil })
        #expect(columns.suffix(10) == (0..<10).map { Double($0) })
        // Five-minute maxima in a chart of one-minute columns fill five columns each, and the worst wins.
        let coarse = [Sample(time: now.addingTimeInterval(-600), value: 5), Sample(time: now.addingTimeInterval(-300), value: 9)]
        let wide = LagChart.worstPerColumn(coarse, columns: 10, seconds: 600, now: now)
        #expect(wide == [5, 5, 5, 5, 5, 9, 9, 9, 9, 9])
        // A gap longer than twice the usual spacing is a gap.
        let gappy = [0, 1, 2, 8, 9].map { Sample(time: now.addingTimeInterval(-600 + Double($0) * 60), value: 1) }
        let holes = LagChart.worstPerColumn(gappy, columns: 10, seconds: 600, now: now)
        #expect(holes == [1, 1, 1, 1, nil, nil, nil, nil, 1, 1], "the sample at minute 2 stands until minute 4")
        // Several samples in one column: the worst.
        let dense = (0..<60).map { Sample(time: now.addingTimeInterval(-60 + Double($0)), value: Double($0 % 7)) }
        #expect(LagChart.worstPerColumn(dense, columns: 1, seconds: 60, now: now) == [6])
    }

    @Test func theDayAt120x40() throws {
        var (state, _) = Self.reduce(Self.drill(), .key(.char("c")))
        (state, _) = Self.reduce(state, .key(.char("c")))
        let asked = try #require(state.historyAsked)
        let loading = Renderer.render(state).text
        #expect(loading.contains("└−1d ") && loading.contains("reading 24 h of history…"), "\(loading)")
        (state, _) = Self.reduce(state, .lagHistory(Self.day(for: asked)))
        #expect(Renderer.render(state).text.split(separator: "\n").dropFirst(7).prefix(8).joined(separator: "\n") == """
               27m┤                          ▃▃
                  ┤                          ██
                  ┤                          ██
                  ┤                          ██
                  ┤╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌██╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ RPO 10m
                  ┤                          ██                                                                                   ▄
                0s┤▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄██▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄█
                  └−1d ───────────────────────────── CloudWatch ReplicationLatency, 5-min maximum ───────────────────────────── now
            """)
    }

    @Test func aSourceWithoutHistorySaysSoAt80x24() throws {
        var (state, _) = Self.reduce(Self.drill(width: 80, height: 24), .key(.char("c")))
        let asked = try #require(state.historyAsked)
        (state, _) = Self.reduce(state, .lagHistory(.notKept(asked, by: .ceph, at: Fixtures.now)))
        let text = Renderer.render(state).text
        #expect(text.contains("└−6h ─ Ceph sync status has no history: the chart shows what drtop… ─ now"),
                "\(text)")
    }

    @Test func aFailedAnswerIsAskedAgainWithTheNextSnapshotAndAnOlderNeverWins() throws {
        var (state, reaction) = Self.reduce(Self.drill(), .key(.char("c")))
        let asked = try #require(reaction.history)
        let failed = LagHistory(request: asked, origin: "CloudWatch",
                                problem: SourceProblem(.notFound, "the replication rules of logs-use1 are not read yet"),
                                readAt: Fixtures.now)
        (state, _) = Self.reduce(state, .lagHistory(failed))
        (state, reaction) = Self.reduce(state, .tick(state.now.addingTimeInterval(1)))
        #expect(reaction.history == nil, "a tick does not ask again")
        (state, reaction) = Self.reduce(state, .snapshot(Fixtures.world()))
        #expect(reaction.history == asked, "the next snapshot does")
        // Answers that cross: the newer one stays.
        let newer = Self.day(for: asked)
        var older = Self.day(for: asked)
        older.readAt = newer.readAt.addingTimeInterval(-30)
        (state, _) = Self.reduce(state, .lagHistory(newer))
        (state, _) = Self.reduce(state, .lagHistory(older))
        #expect(state.shownHistory?.readAt == newer.readAt)
    }

    @Test func versioningLearnedBetweenPollsIsTheSameQuestion() throws {
        let (_, reaction) = Self.reduce(Self.drill(), .key(.char("c")))
        var asked = try #require(reaction.history)
        let known = asked
        asked.source.versioning = .unknown
        asked.destination.versioning = .suspended
        #expect(asked == known)
        asked.destination.region = "eu-west-1"
        #expect(asked != known)
    }

    @Test func aSampleAheadOfTheClockIsNowsAndAPeriodHoldsItsLength() {
        let now = Fixtures.now
        let ahead = [Sample(time: now.addingTimeInterval(40), value: 7)]
        #expect(LagChart.worstPerColumn(ahead, columns: 10, seconds: 600, now: now).last == 7)
        // Five-minute maxima stand five minutes each, whatever a denser series around them does.
        let coarse = (0..<4).map { Sample(time: now.addingTimeInterval(-1200 + Double($0) * 300), value: 3) }
        let columns = LagChart.worstPerColumn(coarse, columns: 20, seconds: 1200, now: now, hold: 300)
        #expect(columns.allSatisfy { $0 == 3 }, "\(columns)")
    }
}
