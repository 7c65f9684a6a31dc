import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// Screens rendered to a cell grid and compared with the expected text.
@Suite struct ScreenTests {
    static func state(width: Int = 80, height: Int = 24, west: Reachability = .up) -> AppState {
        var state = AppState(now: Fixtures.now.addingTimeInterval(3), demo: true, width: width, height: height)
        state = Reducer.reduce(state, .snapshot(Fixtures.world(west: west))).0
        return state
    }

    static func press(_ state: AppState, _ keys: Key...) -> AppState {
        keys.reduce(state) { Reducer.reduce($0, .key($1)).0 }
    }

    @Test func overviewAt80x24() {
        let screen = Renderer.render(Self.state())
        #expect(screen.text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ 3 pairs ─ polled 3s ago  DEMO           ? help
             REGION        STATUS        LATENCY ERR 15m  LAST OK  PROBLEM
             us-east-1     ● up            40 ms       0       5s
             us-west-2     ● up            40 ms       0       5s
             BUCKET PAIR▼           DIR LAG (vs RPO)   PENDING           FAILED  READINESS
             app                    →      48s ●   5%  0 / 0 B                0  ● ready
               primary us-east-1    ←      48s ●   5%  0 / 0 B                0
             backup                 →        — ?       —                      0  ? unknown
               primary us-east-1    ←   — not replicated (no rule)
             logs                   →       6m ▲  60%  88,410 / 212 GiB      17  ✖ no-go
               primary us-east-1    ←       6m ▲  60%  0 / 0 B                0











             DIR → primary to secondary (lost on failover), ← back · LAG % of RPO · ? = no …
             ↑↓ select  ⏎ drill in  f failover check  r refresh  s sort  / filter  ? help
            """)
    }

    @Test func tooSmall() {
        let screen = Renderer.render(Self.state(width: 40, height: 12))
        #expect(screen.text.contains("terminal too small (need 60x15)"))
        #expect(Renderer.render(Self.state(width: 59, height: 30)).text.contains("terminal too small"))
        #expect(Renderer.render(Self.state(width: 60, height: 15)).text.contains("PAIR▼"))
        // Degenerate sizes never crash.
        for (width, height) in [(0, 0), (1, 1), (3, 1), (1, 40), (300, 100)] {
            _ = Renderer.render(Self.state(width: width, height: height))
        }
    }
}
