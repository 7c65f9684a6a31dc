import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// The dashboard judges a snapshot once, when it arrives; ticks between polls do not judge again until the
/// clock passes a boundary (metrics turning stale), and then every screen shows the new judgement.
@Suite struct AssessmentStateTests {
    @Test func judgedOnArrivalAndAgainOnlyPastABoundary() throws {
        var state = ScreenTests.state(width: 120, height: 40)
        let first = try #require(state.assessment)
        #expect(first.judgedAt == Fixtures.now.addingTimeInterval(3))
        state = Reducer.reduce(state, .tick(Fixtures.now.addingTimeInterval(60))).0
        #expect(state.assessment == first, "a tick within the boundary keeps the judgement")
        func appRow(_ state: AppState) -> String {
            Renderer.render(state).text.split(separator: "\n").first { $0.hasPrefix(" app ") }.map(String.init) ?? ""
        }
        #expect(appRow(state).hasSuffix("● ready"), "\(appRow(state))")
        // Past 600 s since the metrics were read (30 s before the fixtures' now), every direction is unknown.
        state = Reducer.reduce(state, .tick(Fixtures.now.addingTimeInterval(571))).0
        #expect(state.assessment?.judgedAt == Fixtures.now.addingTimeInterval(571))
        #expect(appRow(state).hasSuffix("? unknown"), "\(appRow(state))")
        #expect(state.assessment?.pair(named: "app")?.fromPrimary.reason == "metrics 10m old")
    }

    /// The dashboard's state does not judge on the clock (it is judged off the UI thread): a tick past a boundary
    /// asks once for the judgement again, and keeps the old one until the new one arrives.
    @Test func pastABoundaryATickAsksOnceToJudgeAgain() throws {
        var state = ScreenTests.state(width: 120, height: 40)
        state.judgesOnTheClock = false
        let first = try #require(state.assessment)
        var (next, reaction) = Reducer.reduce(state, .tick(Fixtures.now.addingTimeInterval(60)))
        #expect(!reaction.rejudge, "within the boundary")
        (next, reaction) = Reducer.reduce(next, .tick(Fixtures.now.addingTimeInterval(571)))
        #expect(reaction.rejudge && next.assessment == first, "asked, not judged on the UI thread")
        (next, reaction) = Reducer.reduce(next, .tick(Fixtures.now.addingTimeInterval(572)))
        #expect(!reaction.rejudge, "asked once per boundary")
        let judged = Assessment(try #require(next.snapshot), thresholds: next.thresholds,
                                now: Fixtures.now.addingTimeInterval(572))
        (next, _) = Reducer.reduce(next, .assessed(next.snapshot!, judged))
        #expect(next.assessment == judged)
    }

    /// No screen, metric or report judges on its own: the evaluator and the checklist are called only by the
    /// assessment (DRCore), never from the outlets' targets.
    @Test func noOutletJudgesOnItsOwn() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var offenders: [String] = []
        for target in ["DRRender", "DRMetrics", "DRTerminal", "drtop"] {
            let folder = sources.appendingPathComponent(target)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "\(folder.path)")
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for call in ["HealthEvaluator(", "FailoverChecklist(", ".evaluate("] where text.contains(call) {
                    offenders.append("\(target)/\(file): \(call)")
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}

/// The dashboard's snapshots arrive judged (off the UI thread): the state keeps that judgement as it is.
@Suite struct ArrivingAssessmentTests {
    @Test func aJudgedSnapshotIsNotJudgedAgain() {
        let world = Fixtures.world()
        let judged = Assessment(world, thresholds: .standard, now: Fixtures.now.addingTimeInterval(1))
        let state = Reducer.reduce(AppState(now: Fixtures.now, demo: false), .assessed(world, judged)).0
        #expect(state.assessment == judged)
        #expect(state.visiblePairs.map(\.name) == ["app", "backup", "logs"])
        // One judged before its own snapshot was taken cannot be right: judged again.
        let early = Assessment(world, thresholds: .standard, now: Fixtures.now.addingTimeInterval(-60))
        let again = Reducer.reduce(AppState(now: Fixtures.now, demo: false), .assessed(world, early)).0
        #expect(again.assessment?.judgedAt == Fixtures.now)
    }
}
