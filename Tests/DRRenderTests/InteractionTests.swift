import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// Key sequences → state → screen.
@Suite struct InteractionTests {
    let base = ScreenTests.state()
    func press(_ state: AppState, _ keys: Key...) -> AppState {
        keys.reduce(state) { Reducer.reduce($0, .key($1)).0 }
    }

    @Test func selectDrillInScrollAndBack() {
        var state = press(base, .down)
        #expect(state.selected?.name == "backup")
        state = press(state, .down, .char("k"), .char("j"), .char("j"))
        #expect(state.selected?.name == "logs")
        state = press(state, .down)
        #expect(state.selected?.name == "logs", "the selection stops at the last pair")
        state = press(state, .enter)
        #expect(state.drillDown?.pair == "logs")
        var screen = Renderer.render(state).text
        #expect(screen.contains("RULES"))
        #expect(screen.contains("LAG  logs-use1 → logs-usw2"))
        #expect(screen.contains("failures (15m): 17 — DstKmsKeyNotFound ×17"))
        #expect(screen.contains("logs/app=web/part-1000.json"))
        state = press(state, .end)
        #expect(state.drillDown?.queueSelection == 29)
        screen = Renderer.render(state).text
        #expect(screen.contains("DstKmsKeyNotFound"))
        #expect(!screen.contains("part-1000.json"), "scrolled to the end")
        state = press(state, .pageUp, .home)
        #expect(state.drillDown?.queueSelection == 0 && state.drillDown?.queueScroll == 0)
        state = press(state, .char("s"))
        #expect(state.queueSort == .size)
        #expect(Renderer.render(state).text.contains("QUEUE by size ▼"))
        state = press(state, .tab)
        #expect(Renderer.render(state).text.contains("LAG  logs-usw2 → logs-use1"))
        state = press(state, .escape)
        #expect(state.page.context == .overview)
        #expect(state.selected?.name == "logs")
    }

    @Test func filterByName() {
        var state = press(base, .char("/"), .char("l"), .char("o"))
        #expect(state.overview.editingFilter)
        let screen = Renderer.render(state).text
        #expect(screen.contains("filter: lo"))
        #expect(screen.contains("logs"))
        #expect(!screen.contains(" app "))
        state = press(state, .enter)
        #expect(!state.overview.editingFilter && state.overview.filter == "lo")
        #expect(state.visiblePairs.map(\.name) == ["logs"])
        state = press(state, .char("/"), .char("z"))
        #expect(Renderer.render(state).text.contains("no pair matches “loz”"))
        state = press(state, .escape)
        #expect(state.overview.filter.isEmpty && state.visiblePairs.count == 3)
        // A kept filter (⏎) is cleared by Esc on the overview, as help and the README say.
        state = press(state, .char("/"), .char("l"), .char("o"), .enter)
        #expect(!state.overview.editingFilter && state.visiblePairs.map(\.name) == ["logs"])
        state = press(state, .escape)
        #expect(state.overview.filter.isEmpty && state.visiblePairs.count == 3 && state.page.context == .overview)
    }

    @Test func sortCycles() {
        var state = press(base, .char("s"))
        #expect(state.overview.sort == .lag)
        #expect(state.visiblePairs.first?.name == "logs")
        #expect(Renderer.render(state).text.contains("LAG (vs RPO)▼"))
        for _ in PairSort.allCases.indices.dropFirst() { state = press(state, .char("s")) }
        #expect(state.overview.sort == .name)
    }

    @Test func helpIsGeneratedFromTheKeymap() {
        var wide = base
        wide = Reducer.reduce(wide, .resize(width: 120, height: 60)).0
        let state = press(wide, .char("?"))
        #expect(state.page.context == .help)
        let screen = Renderer.render(state).text
        for binding in Keymap.table {
            #expect(screen.contains(binding.help), "\(binding.help)")
            #expect(screen.contains(binding.keyLabel), "\(binding.keyLabel)")
        }
        #expect(press(state, .escape).page.context == .overview)
    }

    @Test func footerComesFromTheKeymap() {
        let footer = Renderer.render(base).row(23)
        for item in Keymap.footer(for: .overview, demo: true) where footer.count > 60 {
            if item.label == "help" { #expect(footer.contains("? help")) }
        }
        #expect(footer.contains("⏎ drill in"))
        #expect(footer.contains("f failover check"))
    }

    @Test func aCheckAskedBeforeTheFirstPollIsRunAgainOnTheFirstData() {
        var first = Fixtures.world()
        first.sequence = 0
        var state = Reducer.reduce(AppState(now: Fixtures.now, demo: true), .snapshot(first)).0
        state = press(state, .char("f"))
        #expect(state.rerunCheckOnSnapshot, "the placeholder's check waits for data")
        state = Reducer.reduce(state, .snapshot(Fixtures.world(west: .down))).0
        guard let report = state.failover?.report else {
            Issue.record("no failover page")
            return
        }
        #expect(report.verdict == .noGo && !state.rerunCheckOnSnapshot)
        // A check of real data stays as it was when run.
        state = Reducer.reduce(press(base, .char("f")), .snapshot(Fixtures.world(west: .down))).0
        guard let kept = state.failover?.report else { return }
        #expect(kept.verdict == .go)
    }

    @Test func failoverCheckRefreshAndExport() {
        var state = press(base, .char("f"))
        guard let name = state.failover?.pair, let report = state.failover?.report else {
            Issue.record("no failover page")
            return
        }
        #expect(name == "app")
        #expect(report.verdict == .go)
        var (next, reaction) = Reducer.reduce(state, .key(.char("r")))
        #expect(reaction.refresh)
        #expect(next.rerunCheckOnSnapshot)
        // A newer snapshot with the target region down re-runs the check.
        state = Reducer.reduce(next, .snapshot(Fixtures.world(west: .down))).0
        guard let rerun = state.failover?.report else { return }
        #expect(rerun.verdict == .noGo)
        #expect(Renderer.render(state).text.contains("NO-GO"))
        (next, reaction) = Reducer.reduce(state, .key(.char("e")))
        guard let export = reaction.export else {
            Issue.record("e did not export")
            return
        }
        #expect(export.markdown.contains("**Verdict:** NO-GO"))
        #expect(export.fileName.hasPrefix("drtop-failover-app-"))
        #expect(export.fileName.hasSuffix(".md"))
        state = Reducer.reduce(next, .exported(path: "/tmp/x.md")).0
        #expect(Renderer.render(state).text.contains("failover check written to /tmp/x.md"))
    }

    @Test func quitKeys() {
        #expect(Reducer.reduce(base, .key(.char("q"))).1.quit)
        #expect(Reducer.reduce(base, .key(.ctrl("c"))).1.quit)
        #expect(!Reducer.reduce(base, .key(.char("x"))).1.quit)
    }

    @Test func demoKeysOnlyInDemo() {
        #expect(Reducer.reduce(base, .key(.char("2"))).1.scenario == "region-outage")
        var real = base
        real.demo = false
        #expect(Reducer.reduce(real, .key(.char("2"))).1.scenario == nil)
        #expect(!Renderer.render(real).text.contains("DEMO"))
        #expect(Renderer.render(base).text.contains("DEMO"))
    }

    @Test func resizeAtAnyMoment() {
        var state = press(base, .char("/"), .char("l"))
        for (width, height) in [(1, 1), (300, 100), (59, 14), (60, 15), (80, 24), (0, 0), (120, 40)] {
            state = Reducer.reduce(state, .resize(width: width, height: height)).0
            let screen = Renderer.render(state)
            #expect(screen.width == max(0, width) && screen.height == max(0, height))
        }
        state = press(state, .escape, .enter, .end)
        for (width, height) in [(60, 15), (1, 1), (200, 60)] {
            state = Reducer.reduce(state, .resize(width: width, height: height)).0
            _ = Renderer.render(state)
        }
    }
}
