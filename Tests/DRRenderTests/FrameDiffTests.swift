import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// What a tick makes the terminal write: nothing when nothing changed, one pair's rows when one lag changed.
@Suite struct FrameDiffTests {
    func state(_ snapshot: Snapshot) -> AppState {
        var state = AppState(now: Fixtures.now, demo: false, width: 120, height: 40)
        state.receive(snapshot)
        return state
    }

    @Test func unchangedFrameWritesNothingAndFirstFrameWritesAll() {
        let frame = Renderer.render(state(Fixtures.world()))
        #expect(FrameDiff(from: frame, to: frame).runs.isEmpty)
        let first = FrameDiff(from: nil, to: frame)
        #expect(first.full)
        #expect(Set(first.runs.map(\.y)).count > 5)
    }

    @Test func oneLagChangeRewritesOnlyItsRow() {
        let world = Fixtures.world()
        let before = Renderer.render(state(world))
        var changed = world
        changed.pairs[0].fromPrimary.lagSeconds = 61
        let after = Renderer.render(state(changed))
        let diff = FrameDiff(from: before, to: after)
        let rows = Set(diff.runs.map(\.y))
        #expect(rows.count == 1, "\(diff.runs)")
        // Only the changed characters: "1m01" where "30s" was, the bar's last cell, the percentage's digit.
        #expect(diff.runs.contains { $0.text.contains("1m01") }, "\(diff.runs)")
        #expect(diff.runs.reduce(0) { $0 + $1.text.count } < 12, "\(diff.runs)")
    }

    @Test func clustersAreComparedByTextNotIndex() {
        var a = ScreenBuffer(width: 4, height: 1)
        a.put("e\u{301}", x: 0, y: 0)
        var b = ScreenBuffer(width: 4, height: 1)
        b.put("a\u{301}", x: 0, y: 0)
        #expect(FrameDiff(from: a, to: b).runs.map(\.text) == ["á"])
        #expect(FrameDiff(from: a, to: a).runs.isEmpty)
    }
}
