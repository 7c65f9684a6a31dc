import DRCore
@testable import DRRender
import DRTestSupport
import Foundation
import Testing

/// The overview's rows are drawn once per snapshot and judgement and copied in later frames: a copied frame is
/// the frame drawing would give, the selection still moves, and another snapshot (even one with the same
/// sequence and time, as tests make them) is drawn afresh.
@Suite struct RowMemoTests {
    @Test func aCopiedFrameIsTheDrawnFrame() {
        var state = ScreenTests.state(width: 120, height: 40)
        let drawn = Renderer.render(state)
        #expect(state.rows.memo.rows(of: "logs", key: state.rowKey) != nil, "the rows were kept")
        state = Reducer.reduce(state, .tick(Fixtures.now.addingTimeInterval(20))).0
        let copied = Renderer.render(state)
        var fresh = AppState(now: state.now, demo: true, width: 120, height: 40)
        fresh = Reducer.reduce(fresh, .snapshot(Fixtures.world())).0
        fresh = Reducer.reduce(fresh, .tick(Fixtures.now.addingTimeInterval(20))).0
        #expect(copied == Renderer.render(fresh))
        #expect(copied.text != drawn.text, "the title's clock moved")
        // The highlight follows the selection over copied rows.
        let moved = Renderer.render(Reducer.reduce(state, .key(.down)).0)
        let row = { (buffer: ScreenBuffer, y: Int) in buffer[1, y].highlight }
        let first = (0..<40).first { row(copied, $0) } ?? -1
        let second = (0..<40).first { row(moved, $0) } ?? -1
        #expect(second == first + 2, "\(first) → \(second)")
    }

    @Test func anotherSnapshotIsDrawnAfresh() {
        var state = ScreenTests.state(width: 120, height: 40)
        #expect(Renderer.render(state).text.contains("● ready"))
        // The same sequence and time, another world: the target region down.
        state = Reducer.reduce(state, .snapshot(Fixtures.world(west: .down))).0
        let text = Renderer.render(state).text
        #expect(!text.contains("● ready") && text.contains("✖ no-go"), "\(text)")
    }
}
