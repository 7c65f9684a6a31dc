import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// Each page holds its own state: going back shows the page below as it was left, and the lists a page draws
/// from follow whatever changed them, without a step that keeps them in step.
@Suite struct PageStateTests {
    let base = ScreenTests.state()
    func press(_ state: AppState, _ keys: Key...) -> AppState {
        keys.reduce(state) { Reducer.reduce($0, .key($1)).0 }
    }

    @Test func backRestoresTheDrillDownAsItWasLeft() throws {
        var state = press(base, .end, .enter, .down, .down, .down)
        let left = try #require(state.drillDown)
        #expect(left.queueSelection == 3 && left.queueScroll == 0)
        // Help and the failover check above it have their own scroll, and leave the drill-down alone.
        state = press(state, .char("?"), .down, .down)
        guard case .help(let scroll) = state.page else { Issue.record("help not shown"); return }
        #expect(scroll == 2)
        state = press(state, .escape)
        #expect(state.drillDown == left)
        state = press(state, .char("f"), .down)
        #expect(state.failover?.pair == left.pair)
        state = press(state, .escape)
        #expect(state.drillDown == left, "back from the check: the same direction, row and scroll")
        state = press(state, .escape)
        #expect(state.page.context == .overview && state.selected?.name == "logs")
        // Drilling in again starts that page afresh: forward direction, first row.
        state = press(state, .enter)
        #expect(state.drillDown == DrillDownPage(pair: "logs"))
    }

    @Test func theHelpOpenedAgainStartsAtTheTop() {
        var state = press(base, .char("?"), .down, .down, .escape, .char("?"))
        guard case .help(let scroll) = state.page else { Issue.record("help not shown"); return }
        #expect(scroll == 0)
        state = press(state, .escape)
        #expect(state.stack.count == 1, "the overview is the root and stays")
        state = press(state, .escape)
        #expect(state.stack.count == 1 && state.page.context == .overview)
    }

    @Test func listsFollowThePageStateTheyAreMadeFrom() {
        var state = base
        let byName = state.visiblePairs.map(\.name)
        #expect(byName == byName.sorted())
        state.overview.filter = "lo"
        #expect(state.visiblePairs.map(\.name) == ["logs"], "a changed filter is listed at once")
        state.overview.filter = ""
        state.overview.sort = .lag
        let byLag = state.visiblePairs
        #expect(Set(byLag.map(\.name)) == Set(byName))
        // A copy taken before the change keeps its own order: copies share the lists but never each other's.
        #expect(base.visiblePairs.map(\.name) == byName)
        #expect(state.visiblePairs.map(\.name) == byLag.map(\.name))
    }

    @Test func theQueueFollowsTheDirectionAndTheSort() throws {
        var state = press(base, .end, .enter)
        let forward = state.shownQueue.map(\.key)
        #expect(!forward.isEmpty)
        state.queueSort = .size
        let bySize = state.shownQueue
        #expect(bySize.map(\.size) == bySize.map(\.size).sorted(by: >), "largest first")
        #expect(Set(bySize.map(\.key)) == Set(forward))
        state.drillDown?.switchDirection()
        let back = try #require(state.snapshot?.pair(named: "logs")).toPrimary.queue
        #expect(state.shownQueue.count == back.count)
    }
}
