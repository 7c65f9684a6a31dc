import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// The overview at the three sizes drtop promises, with a pair whose primary is us-west-2 and whose lag is
/// 1,393 % of its RPO, a region that stopped answering, and errors counted per window.
@Suite struct OverviewScreenTests {
    /// The fixture world plus "web": primary us-west-2, lag 13m56s against an RPO of 1m.
    static func world(west: Reachability = .up) -> Snapshot {
        var snapshot = Fixtures.world(west: west)
        let a = Bucket(name: "web-usw2", region: Fixtures.west, versioning: .enabled)
        let b = Bucket(name: "web-use1", region: Fixtures.east, versioning: .enabled)
        var web = BucketPair(name: "web", primary: a, secondary: b, rpoSeconds: 60,
                             fromPrimary: Fixtures.direction(a, b, lag: 835.8), toPrimary: Fixtures.direction(b, a, lag: 2))
        web.strategy = .warmStandby
        snapshot.pairs.append(web)
        return snapshot
    }

    static func state(width: Int, height: Int, west: Reachability = .up) -> AppState {
        var state = AppState(now: Fixtures.now.addingTimeInterval(3), demo: true, width: width, height: height)
        state.refreshSeconds = 2
        return Reducer.reduce(state, .snapshot(world(west: west))).0
    }

    @Test func at120x40() {
        let text = Renderer.render(Self.state(width: 120, height: 40)).text
        #expect(text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ 4 pairs ─ polled 3s ago  DEMO                                                   ? help
             REGION        STATUS        LATENCY ERR 15m  LAST OK  PROBLEM
             us-east-1     ● up            40 ms       0       5s
             us-west-2     ● up            40 ms       0       5s
             BUCKET PAIR▼               PRIMARY     DIR LAG (vs RPO)                       PENDING ops/bytes     FAILED  READINESS
             app                        us-east-1   →   ▅▅▅▅▅▅▅▅▅▅    48s ▍        ●   5%  0 / 0 B                    0  ● ready
               RPO 15m                              ←   ▅▅▅▅▅▅▅▅▅▅    48s ▍        ●   5%  0 / 0 B                    0
             backup                     us-east-1   →                   —          ?       —                          0  ? unknown
               RPO 4h                               ←   — not replicated (no rule)
             logs                       us-east-1   →   ▇▇████████     6m ████▊    ▲  60%  88,410 / 212 GiB          17  ✖ no-go
               RPO 10m · pilot light                ←   ██████████     6m ████▊    ▲  60%  0 / 0 B                    0
             web                        us-west-2   →   ██████████    13m ███████▶ ✖>999%  0 / 0 B                    0  ✖ no-go
               RPO 1m · warm standby                ←   ▃▃▃▃▃▃▃▃▃▃     2s ▎        ●   3%  0 / 0 B                    0

























             DIR → primary to secondary (lost on failover), ← back · LAG % of RPO · ? = no or stale data
             ↑↓ select  ⏎ drill in  f failover check  r refresh  s sort  / filter  ? help  q quit
            """)
    }

    @Test func at80x24() {
        #expect(Renderer.render(Self.state(width: 80, height: 24)).text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ 4 pairs ─ polled 3s ago  DEMO           ? help
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
             web                    →      13m ✖>999%  0 / 0 B                0  ✖ no-go
               primary us-west-2    ←       2s ●   3%  0 / 0 B                0









             DIR → primary to secondary (lost on failover), ← back · LAG % of RPO · ? = no …
             ↑↓ select  ⏎ drill in  f failover check  r refresh  s sort  / filter  ? help
            """)
    }

    @Test func at60x15() {
        #expect(Renderer.render(Self.state(width: 60, height: 15)).text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ polled 3s ago  DEMO ? help
             REGION        STATUS        LATENCY ERR 15m  LAST OK  PROBL
             us-east-1     ● up            40 ms       0       5s
             us-west-2     ● up            40 ms       0       5s
             PAIR▼       DIR LAG (vs RPO)   PENDING     FAIL  READY
             app         →      48s ●   5%  0              0  ● ready
               us-east-1 ←      48s ●   5%  0              0
             backup      →        — ?       —              0  ? unknown
               us-east-1 ←   — not replicated (no rule)
             logs        →       6m ▲  60%  88,410        17  ✖ no-go
               us-east-1 ←       6m ▲  60%  0              0
             web         →      13m ✖>999%  0              0  ✖ no-go
               us-west-2 ←       2s ●   3%  0              0
             DIR → primary to secondary (lost on failover), ← back · LA…
             ↑↓ select  ⏎ drill in  f failover check  r refresh  s sort
            """)
    }

    @Test func aShareAbove999PercentIsNeverCut() {
        #expect(Format.share(13.93) == ">999%")
        #expect(Format.share(9.99) == "999%")
        #expect(Format.share(0.56) == "56%")
        for width in [60, 80, 120] {
            let text = Renderer.render(Self.state(width: width, height: 24)).text
            #expect(text.contains("✖>999%"), "at \(width) columns")
            #expect(!text.contains("99…") && !text.contains("13…"))
        }
    }

    @Test func aDownRegionHasNoLatencyAndTheTitleSaysHowLongItIsSilent() {
        var snapshot = Self.world(west: .down)
        snapshot.regions[1].lastOK = Fixtures.now.addingTimeInterval(-42)
        var state = Self.state(width: 100, height: 30)
        state = Reducer.reduce(state, .snapshot(snapshot)).0
        let text = Renderer.render(state).text
        let west = text.split(separator: "\n").first { $0.hasPrefix(" us-west-2") }.map(String.init) ?? ""
        #expect(west.contains("✖ down"))
        #expect(!west.contains("40 ms"), "a region that does not answer shows no latency: \(west)")
        #expect(west.contains(" —"))
        #expect(west.contains("45s"), "the time since its last answer")
        #expect(text.split(separator: "\n").first?.contains("us-west-2 silent 45s") == true)
    }

    @Test func errorsAreCountedOverTheLast15Minutes() {
        var state = AppState(now: Fixtures.now, demo: true, width: 100, height: 30)
        var snapshot = Self.world()
        func errors(_ at: TimeInterval, _ count: Int) {
            snapshot.takenAt = Fixtures.now.addingTimeInterval(at)
            snapshot.regions[0].errorCount = count
            state = Reducer.reduce(state, .snapshot(snapshot)).0
        }
        errors(0, 100)  // the first snapshot: its total is the baseline
        #expect(state.errorWindow.recent(state.snapshot!.regions[0]) == 100, "with one snapshot: all there are")
        errors(600, 104)
        #expect(state.errorWindow.recent(state.snapshot!.regions[0]) == 4)
        errors(1_000, 104)
        #expect(state.errorWindow.recent(state.snapshot!.regions[0]) == 4)
        errors(1_600, 104)
        #expect(state.errorWindow.recent(state.snapshot!.regions[0]) == 0, "the 4 errors are older than 15 minutes")
        #expect(Renderer.render(state).text.contains("ERR 15m"))
    }

    @Test func theCostLineSaysItsRefreshAndTheDefault() {
        #expect(OverviewScreenTests.costLine(443.68, 2) == "API cost ≈ $443.68/month at a 2s refresh (≈ $14.79 at the 1m default)")
        #expect(OverviewScreenTests.costLine(7.12, 60) == "API cost ≈ $7.12/month at a 1m refresh")
    }

    static func costLine(_ cost: Double, _ refresh: Double) -> String {
        var snapshot = world()
        snapshot.estimatedMonthlyCostUSD = cost
        var state = AppState(now: Fixtures.now, demo: false, width: 200, height: 30)
        state.refreshSeconds = refresh
        state = Reducer.reduce(state, .snapshot(snapshot)).0
        let line = Renderer.render(state).text.split(separator: "\n").first { $0.contains("API cost") } ?? ""
        return line.components(separatedBy: " · ").first?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    @Test func noColorStillHasASymbolForEveryState() {
        // Roles are colour; the text alone must carry the state: ▲ beside a warning share.
        let text = Renderer.render(Self.state(width: 80, height: 24)).text
        let logs = text.split(separator: "\n").first { $0.hasPrefix(" logs") }.map(String.init) ?? ""
        #expect(logs.contains("▲  60%"), "\(logs)")
        let app = text.split(separator: "\n").first { $0.hasPrefix(" app") }.map(String.init) ?? ""
        #expect(app.contains("●   5%"), "\(app)")
    }

    @Test func sortByHealthFollowsTheReadinessColumn() {
        var state = Self.state(width: 120, height: 40)
        for _ in 0..<4 { state = ScreenTests.press(state, .char("s")) }
        #expect(state.overview.sort == .health)
        // no-go (the worse direction first: web breaches, logs warns), then unknown, then ready.
        #expect(state.visiblePairs.map(\.name) == ["web", "logs", "backup", "app"])
        let text = Renderer.render(state).text
        #expect(text.contains("READINESS▼"))
        for width in [60, 80, 120] {
            var sized = Reducer.reduce(state, .resize(width: width, height: 24)).0
            for _ in 0..<PairSort.allCases.count {
                let header = Renderer.render(sized).text.split(separator: "\n")[4]
                #expect(!header.contains("…"), "a header is never cut: \(header)")
                #expect(header.contains("▼"))
                sized = ScreenTests.press(sized, .char("s"))
            }
        }
    }
}
