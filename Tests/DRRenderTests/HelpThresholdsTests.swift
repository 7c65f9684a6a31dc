import DRCore
import DRRender
import DRTestSupport
import Testing

/// The help screen says the warning band drtop judges by: the defaults, or `--warn-at`/`--breach-at`.
@Suite struct HelpThresholdsTests {
    static func help(_ thresholds: Thresholds) -> String {
        var state = AppState(now: Fixtures.now, demo: true, width: 100, height: 40, thresholds: thresholds)
        state = Reducer.reduce(state, .key(.char("?"))).0
        return Renderer.render(state).text
    }

    @Test func theBandFollowsTheThresholds() {
        #expect(Self.help(.standard).contains("warning: lag 50–100 % of RPO"))
        let custom = Self.help(Thresholds(warningShare: 0.4, breachShare: 0.9))
        #expect(custom.contains("warning: lag 40–90 % of RPO"), "\(custom)")
        #expect(Defaults.band(Thresholds(warningShare: 0.375, breachShare: 1.25)) == "37.5–125 %")
    }
}
