import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// The failover check at the three sizes drtop promises: worst items first, non-passing evidence in full,
/// the pair and the direction always in the header, the list scrolling where it does not fit.
@Suite struct FailoverScreenTests {
    static func check(width: Int, height: Int, west: Reachability = .up, pair downs: Int = 2) -> AppState {
        var state = ScreenTests.state(width: width, height: height, west: west)
        for _ in 0..<downs { state = ScreenTests.press(state, .down) }
        return ScreenTests.press(state, .char("f"))
    }

    @Test func at120x40() {
        #expect(Renderer.render(Self.check(width: 120, height: 40)).text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ logs ─ polled 3s ago  DEMO                                                      ? help
             FAILOVER CHECK  logs   us-east-1 → us-west-2                                             read-only: nothing is changed

             VERDICT   NO-GO    accepted data loss: 6m  (RPO 10m)
             checked 2026-11-18 11:06:43 UTC, 0s ago · demo data, not real · r re-runs

             RESULT     CHECK                       EVIDENCE                                               1 fail · 2 warn · 7 pass
             ✖ FAIL     No failures in 15 min       17 failed logs-use1 → logs-usw2 (DstKmsKeyNotFound ×17)
             ▲ WARN     Data given up within RPO    lag 6m = 60% of RPO 10m
             ▲ WARN     Backlog drains within RPO   88,410 ops / 212 GiB pending and not draining
             ● PASS     Target region reachable     us-west-2 answered 5s ago in 40 ms
             ● PASS     Rules enabled both ways     logs-use1 → logs-usw2: 1 enabled; logs-usw2 → logs-use1: 1 enabled
             ● PASS     Versioning on both buckets  logs-use1 Enabled, logs-usw2 Enabled
             ● PASS     Delete markers symmetric    logs-use1 → logs-usw2 on, logs-usw2 → logs-use1 on
             ● PASS     Replica mod sync both ways  logs-use1 on, logs-usw2 on
             ● PASS     Replication Time Control    RTC on every rule of logs-use1 → logs-usw2 (15-minute SLA)
             ● PASS     Metrics fresh               logs-use1 → logs-usw2 33s old; logs-usw2 → logs-use1 33s old





















             NO-GO: at least one check fails
             ↑↓ scroll  e export  r refresh  Esc back  ? help  q quit
            """)
    }

    @Test func at80x24() {
        #expect(Renderer.render(Self.check(width: 80, height: 24)).text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ logs ─ polled 3s ago  DEMO              ? help
             FAILOVER CHECK  logs   us-east-1 → us-west-2     read-only: nothing is changed

             VERDICT   NO-GO    accepted data loss: 6m  (RPO 10m)
             checked 2026-11-18 11:06:43 UTC, 0s ago · demo data, not real · r re-runs

             RESULT     CHECK                       EVIDENCE       1 fail · 2 warn · 7 pass
             ✖ FAIL     No failures in 15 min       17 failed logs-use1 → logs-usw2
                                                    (DstKmsKeyNotFound ×17)
             ▲ WARN     Data given up within RPO    lag 6m = 60% of RPO 10m
             ▲ WARN     Backlog drains within RPO   88,410 ops / 212 GiB pending and not
                                                    draining
             ● PASS     Target region reachable     us-west-2 answered 5s ago in 40 ms
             ● PASS     Rules enabled both ways     logs-use1 → logs-usw2: 1 enabled;
                                                    logs-usw2 → logs-use1: 1 enabled
             ● PASS     Versioning on both buckets  logs-use1 Enabled, logs-usw2 Enabled
             ● PASS     Delete markers symmetric    logs-use1 → logs-usw2 on, logs-usw2 →
                                                    logs-use1 on
             ● PASS     Replica mod sync both ways  logs-use1 on, logs-usw2 on
             ● PASS     Replication Time Control    RTC on every rule of logs-use1 →
                                                    logs-usw2 (15-minute SLA)
             ● PASS     Metrics fresh               logs-use1 → logs-usw2 33s old; logs-us…
             NO-GO: at least one check fails
             ↑↓ scroll  e export  r refresh  Esc back  ? help  q quit
            """)
    }

    @Test func at60x15() {
        #expect(Renderer.render(Self.check(width: 60, height: 15)).text == """
             drtop ─ logs ─ polled 3s ago  DEMO                  ? help
             FAILOVER CHECK  logs   us-east-1 → us-west-2     read-only
             VERDICT   NO-GO    accepted data loss: 6m  (RPO 10m)
             checked 2026-11-18 11:06:43 UTC, 0s ago · demo data, not r…
             RESULT     CHECK · EVIDENCE              lines 1–8 of 14 ↓
             ✖ FAIL     No failures in 15 min
                        17 failed logs-use1 → logs-usw2
                        (DstKmsKeyNotFound ×17)
             ▲ WARN     Data given up within RPO
                        lag 6m = 60% of RPO 10m
             ▲ WARN     Backlog drains within RPO
                        88,410 ops / 212 GiB pending and not draining
             ● PASS     Target region reachable     us-west-2 answered…
             NO-GO: at least one check fails
             ↑↓ scroll  e export  r refresh  Esc back  ? help  q quit
            """)
    }

    @Test func outageAt60x15KeepsTheDirectionAndTheFailingEvidence() {
        #expect(Renderer.render(Self.check(width: 60, height: 15, west: .down, pair: 0)).text == """
             drtop ─ app ─ us-west-2 silent 5s  DEMO             ? help
             FAILOVER CHECK  app   us-east-1 → us-west-2      read-only
             VERDICT   NO-GO    accepted data loss: 48s  (RPO 15m)
             checked 2026-11-18 11:06:43 UTC, 0s ago · demo data, not r…
             RESULT     CHECK · EVIDENCE              lines 1–8 of 12 ↓
             ✖ FAIL     Target region reachable
                        us-west-2 unreachable: connection refused (0
                        failed polls)
             ● PASS     Rules enabled both ways     app-use1 → app-usw…
             ● PASS     Versioning on both buckets  app-use1 Enabled, …
             ● PASS     Delete markers symmetric    app-use1 → app-usw…
             ● PASS     Replica mod sync both ways  app-use1 on, app-u…
             ● PASS     Data given up within RPO    lag 48s = 5% of RP…
             NO-GO: at least one check fails
             ↑↓ scroll  e export  r refresh  Esc back  ? help  q quit
            """)
    }

    @Test func theListScrollsToTheLastItemAndBack() {
        var state = Self.check(width: 60, height: 15)
        #expect(!Renderer.render(state).text.contains("Metrics fresh"))
        state = ScreenTests.press(state, .end)
        var screen = Renderer.render(state).text
        #expect(screen.contains("Metrics fresh"))
        #expect(screen.contains("lines 7–14 of 14 ↑"))
        #expect(!screen.contains("No failures in 15 min"), "scrolled past the first item")
        #expect(screen.contains("VERDICT   NO-GO"), "the verdict does not scroll away")
        state = ScreenTests.press(state, .up, .home)
        #expect(state.failover?.scroll == 0)
        screen = Renderer.render(state).text
        #expect(screen.contains("No failures in 15 min"))
        // Scrolling past the end stays on the last page.
        state = ScreenTests.press(state, .pageDown, .pageDown, .pageDown, .down)
        #expect(state.failover?.scroll == 6)
    }

    @Test func itemsAreOrderedFailWarnUnknownPass() {
        let items = [CheckResult.pass, .unknown, .warn, .fail, .pass, .warn].enumerated().map {
            CheckItem(id: "i\($0.offset)", title: "t\($0.offset)", result: $0.element, evidence: "e")
        }
        let report = FailoverReport(pairName: "p", takenAt: Fixtures.now, source: .demo, failoverFrom: "a",
                                    failoverTo: "b", rpoSeconds: 60, acceptedDataLossSeconds: nil, items: items)
        var state = ScreenTests.state(width: 80, height: 24)
        state.push(.failover(FailoverPage(pair: "p", report: report)))
        let rows = Renderer.render(state).text.split(separator: "\n").filter { $0.contains(" t") }
        #expect(rows.map { $0.split(separator: " ").dropFirst(2).first.map(String.init) ?? "" }
                == ["t3", "t2", "t5", "t1", "t0", "t4"])
    }
}

/// One symbol set: every state word on every screen starts with the symbol help explains.
@Suite struct SymbolTests {
    @Test func everyStateWordUsesTheHelpSymbols() {
        let symbols = Set([HealthState.ok, .warning, .breach, .unknown].map { Style.health($0).symbol })
        #expect(symbols == ["●", "▲", "✖", "?"])
        var words = [CheckResult.pass, .warn, .fail, .unknown].map { Style.check($0).text }
        words += Verdict.allCases.map { Style.readiness($0).text }
        words += [Reachability.up, .degraded, .down, .unknown].map { Style.reachability($0).text }
        for word in words {
            #expect(symbols.contains(String(word.prefix(1))), "\(word)")
        }
        var state = ScreenTests.state(width: 100, height: 60)
        state = ScreenTests.press(state, .char("?"))
        let help = Renderer.render(state).text
        for symbol in symbols { #expect(help.contains("  \(symbol)  "), "help explains \(symbol)") }
        #expect(Style.check(.pass).text == "● PASS")
    }
}
