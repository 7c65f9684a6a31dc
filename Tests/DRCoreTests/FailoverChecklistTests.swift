import DRCore
import DRTestSupport
import Foundation
import Testing

@Suite struct FailoverChecklistTests {
    let checklist = FailoverChecklist()

    private func run(_ pair: BucketPair, west: Reachability = .up) -> FailoverReport {
        checklist.run(pair: pair, in: Fixtures.snapshot([pair], west: west), now: Fixtures.now)
    }

    private func result(_ report: FailoverReport, _ id: String) -> CheckResult? {
        report.items.first { $0.id == id }?.result
    }

    @Test func healthyPairIsGo() {
        let report = run(Fixtures.pair())
        #expect(report.items.count == 10)
        #expect(report.items.allSatisfy { $0.result == .pass }, "\(report.items.filter { $0.result != .pass })")
        #expect(report.verdict == .go)
        #expect(report.failoverFrom == "us-east-1")
        #expect(report.failoverTo == "us-west-2")
        #expect(report.acceptedDataLossSeconds == 30)
        #expect(report.items.allSatisfy { !$0.evidence.isEmpty })
    }

    @Test func targetRegionDownIsNoGo() {
        let report = run(Fixtures.pair(), west: .down)
        #expect(result(report, "target-reachable") == .fail)
        #expect(report.items.first { $0.id == "target-reachable" }?.evidence.contains("connection refused") == true)
        #expect(report.verdict == .noGo)
    }

    @Test func targetRegionNotPolledYetIsUnknown() {
        let report = run(Fixtures.pair(), west: .unknown)
        #expect(result(report, "target-reachable") == .unknown)
        #expect(report.verdict == .unknown)
    }

    @Test func lagAgainstRPOAtEachEdge() {
        #expect(result(run(Fixtures.pair(rpo: 100, lag: 49)), "data-loss") == .pass)
        #expect(result(run(Fixtures.pair(rpo: 100, lag: 50)), "data-loss") == .warn)
        #expect(run(Fixtures.pair(rpo: 100, lag: 50)).verdict == .goWithRisk)
        #expect(result(run(Fixtures.pair(rpo: 100, lag: 100)), "data-loss") == .warn)
        #expect(result(run(Fixtures.pair(rpo: 100, lag: 101)), "data-loss") == .fail)
        #expect(run(Fixtures.pair(rpo: 100, lag: 101)).verdict == .noGo)
    }

    @Test func unknownLagMeansUnknownVerdictAndLoss() {
        var pair = Fixtures.pair()
        pair.fromPrimary.lagSeconds = nil
        let report = run(pair)
        #expect(result(report, "data-loss") == .unknown)
        #expect(report.acceptedDataLossSeconds == nil)
        #expect(report.verdict == .unknown)
    }

    @Test func staleMetricsWarnAndMakeLagUnknown() {
        var pair = Fixtures.pair()
        pair.fromPrimary.metricsAt = Fixtures.now.addingTimeInterval(-3600)
        let report = run(pair)
        #expect(result(report, "metrics-fresh") == .warn)
        #expect(result(report, "data-loss") == .unknown)
        #expect(report.acceptedDataLossSeconds == nil)
    }

    @Test func onlyTheGivenUpDirectionDecidesTheLoss() {
        var pair = Fixtures.pair(rpo: 100, lag: 10)
        pair.toPrimary.lagSeconds = 500
        let report = run(pair)
        #expect(result(report, "data-loss") == .pass)
        #expect(report.acceptedDataLossSeconds == 10)
    }

    @Test func rules() {
        var pair = Fixtures.pair()
        pair.fromPrimary.rules = [Fixtures.rule(to: "app-usw2", enabled: false)]
        #expect(result(run(pair), "rules-enabled") == .fail)
        pair = Fixtures.pair()
        pair.toPrimary.rules = []
        #expect(result(run(pair), "rules-enabled") == .warn)
        pair.toPrimary.rules = nil
        #expect(result(run(pair), "rules-enabled") == .unknown)
    }

    @Test func versioning() {
        var pair = Fixtures.pair()
        pair.secondary.versioning = .suspended
        #expect(result(run(pair), "versioning") == .fail)
        pair.secondary.versioning = .unknown
        #expect(result(run(pair), "versioning") == .unknown)
    }

    @Test func deleteMarkersAndReplicaModifications() {
        var pair = Fixtures.pair()
        pair.toPrimary.rules = [Fixtures.rule(to: "app-use1", dm: false, rm: false)]
        let report = run(pair)
        #expect(result(report, "delete-markers") == .warn)
        #expect(result(report, "replica-modifications") == .warn)
        #expect(report.verdict == .goWithRisk)
        pair.toPrimary.rules = []
        let oneWay = run(pair)
        #expect(result(oneWay, "delete-markers") == .pass)
        #expect(result(oneWay, "replica-modifications") == .pass)
    }

    @Test func failedOperations() {
        var pair = Fixtures.pair()
        pair.fromPrimary.failedOperations = 17
        pair.fromPrimary.failures = [FailureCount(reason: "DstKmsKeyNotFound", count: 17)]
        let report = run(pair)
        #expect(result(report, "failed-operations") == .fail)
        #expect(report.items.first { $0.id == "failed-operations" }?.evidence.contains("DstKmsKeyNotFound ×17") == true)
        pair = Fixtures.pair()
        pair.toPrimary.failedOperations = 3
        #expect(result(run(pair), "failed-operations") == .warn)
        pair.fromPrimary.failedOperations = nil
        #expect(result(run(pair), "failed-operations") == .unknown)
    }

    @Test func replicationTimeControl() {
        var pair = Fixtures.pair()
        pair.fromPrimary.rules = [Fixtures.rule(to: "app-usw2", rtc: false)]
        #expect(result(run(pair), "rtc") == .warn)
    }

    @Test func backlog() {
        var pair = Fixtures.pair()
        pair.fromPrimary.pendingOperations = 500
        pair.fromPrimary.pendingHistory = Fixtures.series((0..<10).map { Double(1400 - $0 * 100) })
        #expect(result(run(pair), "backlog") == .pass)
        pair.fromPrimary.pendingHistory = Fixtures.series((0..<10).map { Double($0 * 50) })
        #expect(result(run(pair), "backlog") == .warn)
        pair.fromPrimary.pendingOperations = nil
        #expect(result(run(pair), "backlog") == .unknown)
    }

    @Test func verdictPrecedence() {
        #expect(Verdict.of([.pass, .pass]) == .go)
        #expect(Verdict.of([.pass, .warn]) == .goWithRisk)
        #expect(Verdict.of([.warn, .unknown]) == .unknown)
        #expect(Verdict.of([.unknown, .fail]) == .noGo)
        #expect(Verdict.of([]) == .unknown)
        #expect(Verdict.allCases.map(\.exitCode) == [0, 1, 2, 3])
    }

    @Test func markdownCarriesVerdictAndEvidence() {
        let report = run(Fixtures.pair(), west: .down)
        let markdown = FailoverMarkdown.render(report)
        #expect(markdown.contains("# Failover check: app"))
        #expect(markdown.contains("**Verdict:** NO-GO"))
        #expect(markdown.contains("| FAIL | Target region reachable |"))
        #expect(markdown.contains("us-east-1 → us-west-2"))
    }
}

@Suite struct CheckDocumentTests {
    private func report(_ result: CheckResult) -> FailoverReport {
        FailoverReport(pairName: "p", takenAt: Fixtures.now, source: .demo, failoverFrom: "a", failoverTo: "b",
                       rpoSeconds: 60, acceptedDataLossSeconds: nil,
                       items: [CheckItem(id: "x", title: "X", result: result, evidence: "e")])
    }

    @Test func worstVerdictOfSeveralPairs() {
        #expect(CheckDocument.worst([report(.pass), report(.warn)]) == .goWithRisk)
        #expect(CheckDocument.worst([report(.warn), report(.unknown)]) == .unknown)
        #expect(CheckDocument.worst([report(.unknown), report(.fail), report(.pass)]) == .noGo)
        #expect(CheckDocument.worst([]) == .unknown)
    }

    @Test func jsonKeepsNulls() {
        let text = CheckDocument.json([report(.pass)], takenAt: Fixtures.snapshot([])).text()
        #expect(text.contains("\"accepted_data_loss_seconds\": null"))
        #expect(text.contains("\"schema\": \"drtop.check/1\""))
    }
}

@Suite struct BacklogWithoutTrendTests {
    @Test func healthyLagPassesWithoutTrendOtherwiseUnknown() {
        var pair = Fixtures.pair(rpo: 100, lag: 10)
        pair.fromPrimary.pendingOperations = 5
        pair.fromPrimary.pendingHistory = Series()
        let checklist = FailoverChecklist()
        let ok = checklist.run(pair: pair, in: Fixtures.snapshot([pair]), now: Fixtures.now)
        #expect(ok.items.first { $0.id == "backlog" }?.result == .pass)
        pair.fromPrimary.lagSeconds = 70
        pair.fromPrimary.lagHistory = Fixtures.series((0..<10).map { _ in 70 })
        let late = checklist.run(pair: pair, in: Fixtures.snapshot([pair]), now: Fixtures.now)
        #expect(late.items.first { $0.id == "backlog" }?.result == .unknown)
    }
}
