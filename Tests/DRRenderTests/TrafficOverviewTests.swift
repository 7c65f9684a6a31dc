import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// The overview of pairs that name their routing: the TRAFFIC · RTO column from 100 columns, the second row's
/// "traffic …" below, a system that did not answer, and a backup-and-restore pair judged by its recovery point.
@Suite struct TrafficOverviewTests {
    static func text(width: Int, height: Int) -> String {
        var state = AppState(now: Fixtures.now.addingTimeInterval(3), demo: true, width: width, height: height)
        state.refreshSeconds = 2
        return Renderer.render(Reducer.reduce(state, .snapshot(Fixtures.routedWorld())).0).text
    }

    @Test func at120x40() {
        let text = Self.text(width: 120, height: 16)
        #expect(text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ 3 pairs ─ polled 3s ago  DEMO                                                   ? help
             REGION        STATUS        LATENCY ERR 15m  LAST OK  PROBLEM
             us-east-1     ● up            40 ms       0       5s
             us-west-2     ● up            40 ms       0       5s
             BUCKET PAIR▼        PRIMARY     DIR LAG (vs RPO)            PENDING ops/bytes     FAILED  TRAFFIC · RTO     READINESS
             app                 us-east-1   →      48s ▍        ●   5%  0 / 0 B                    0  → us-east-1 100%  ✖ no-go
               RPO 15m                       ←      48s ▍        ●   5%  0 / 0 B                    0  RTO 2m30s / 15m
             backup              us-east-1   →   ● backup 1h ago (RPO 4h)                                                ● ready
               RPO 4h                        ←   — not replicated (no rule)                            RTO 8m32s / 1d
             logs                us-east-1   →       6m ████▊    ▲  60%  88,410 / 212 GiB          17  ?                 ✖ no-go
               RPO 10m                       ←       6m ████▊    ▲  60%  0 / 0 B                    0  RTO ? / 4h



             DIR → primary to secondary (lost on failover), ← back · LAG % of RPO · ? = no or stale data
             ↑↓ select  ⏎ drill in  f failover check  r refresh  s sort  / filter  ? help  q quit
            """)
    }

    @Test func at80x24() {
        let text = Self.text(width: 80, height: 16)
        #expect(text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ 3 pairs ─ polled 3s ago  DEMO           ? help
             REGION        STATUS        LATENCY ERR 15m  LAST OK  PROBLEM
             us-east-1     ● up            40 ms       0       5s
             us-west-2     ● up            40 ms       0       5s
             BUCKET PAIR▼           DIR LAG (vs RPO)   PENDING           FAILED  READINESS
             app                    →      48s ●   5%  0 / 0 B                0  ✖ no-go
               → us-east-1 100%     ←      48s ●   5%  0 / 0 B                0
             backup                 →   ● backup 1h ago (RPO 4h)                 ● ready
               primary us-east-1    ←   — not replicated (no rule)
             logs                   →       6m ▲  60%  88,410 / 212 GiB      17  ✖ no-go
               traffic ? · RPO 10m  ←       6m ▲  60%  0 / 0 B                0



             DIR → primary to secondary (lost on failover), ← back · LAG % of RPO · ? = no …
             ↑↓ select  ⏎ drill in  f failover check  r refresh  s sort  / filter  ? help
            """)
    }

    /// The drill-down of "app": each system's routes on one line with state, health and age; the RTO with its
    /// parts; then the rules.
    @Test func drillDownAt120x40() {
        var state = AppState(now: Fixtures.now.addingTimeInterval(3), demo: true, width: 120, height: 40)
        state = Reducer.reduce(state, .snapshot(Fixtures.routedWorld())).0
        state = Reducer.reduce(state, .key(.enter)).0
        let text = Renderer.render(state).text
        #expect(text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ app ─ polled 3s ago  DEMO                                                       ? help
             app   primary app-use1 (us-east-1) ⇄ app-usw2 (us-west-2) · RPO 15m · versioning Enabled/Enabled
             TRAFFIC · RECOVERY · RULES
             TRAFFIC  MRAP  us-east-1 100% ◀ users · us-west-2 0%  (3s ago)
             TRAFFIC  Route 53 app.example.com.  us-east-1 PRIMARY ◀ users · us-west-2 SECONDARY ✖ HealthCheckStatus 0  (3s ago)
             RTO      2m30s (target 15m): MRAP route change 2m · Route 53 failover 2m30s
             DIR RULE              STATUS    PRI  FILTER          DESTINATION            CLASS        DM   RM   RTC  MET  KMS
             →   to-app-usw2       Enabled   1    whole bucket    app-usw2               STANDARD     on   on   on   on   —
             ←   to-app-use1       Enabled   1    whole bucket    app-use1               STANDARD     on   on   on   on   —

             LAG  app-use1 → app-usw2  ● 48s = 5% of RPO · trend steady  (Tab: other direction)
               18m┤
                  ┤╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ RPO 15m
                  ┤
                  ┤
                  ┤
                  ┤
                0s┤·············································································································▂▂▂
                  └−1h ─────────────────────────── demo simulator (not real data) · ·: not measured ─────────────────────────── now
             backlog 0 ops / 0 B · nothing waiting
             failures (15m): none
             QUEUE by age ▼  queue: 0 waiting · CloudWatch: 0 pending
             KEY                                            VERSION              SIZE      AGE STATUS    REASON
              nothing waiting














             queue: oldest waiting objects first · s sorts by age or size
             ↑↓ select  Tab direction  f failover check  o look up  r refresh  s sort  c chart  Esc back  ? help  q quit
            """)
    }
}
