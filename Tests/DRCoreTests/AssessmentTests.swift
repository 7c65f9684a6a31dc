import DRCore
import DRTestSupport
import Foundation
import Testing

/// One judgement per snapshot: the assessment holds each direction's health and each pair's checklist, made
/// once; it says when the clock alone changes a judgement; the verdict's precedence has one owner.
@Suite struct AssessmentTests {
    @Test func holdsWhatTheEvaluatorAndTheChecklistSay() throws {
        let world = Fixtures.world(west: .down)
        let assessment = Assessment(world, thresholds: .standard, now: Fixtures.now)
        let evaluator = HealthEvaluator()
        for pair in world.pairs {
            let judged = try #require(assessment.pair(named: pair.name))
            #expect(judged.fromPrimary == evaluator.evaluate(pair.fromPrimary, rpoSeconds: pair.rpoSeconds, now: Fixtures.now))
            #expect(judged.toPrimary == evaluator.evaluate(pair.toPrimary, rpoSeconds: pair.rpoSeconds, now: Fixtures.now))
            #expect(judged.failover == FailoverChecklist().run(pair: pair, in: world, now: Fixtures.now))
        }
        #expect(assessment.reports().map(\.pairName) == world.pairs.map(\.name), "in the snapshot's order")
        #expect(assessment.reports(of: ["logs"]).map(\.pairName) == ["logs"])
        #expect(assessment.pair(named: "nope") == nil)
        let stranger = Fixtures.pair(name: "stranger", rpo: 60, lag: 1)
        #expect(assessment.health(of: stranger, 0).state == .unknown, "a pair it did not judge is unknown, never ok")
    }

    /// Fixture worlds that reach every item's branches: healthy, backlogged, one-way, unreachable and retrying
    /// targets, unknown rules and versioning, a canary, disabled rules, a Ceph realm with its zone's own items, and
    /// the routed pairs with traffic, RTO and backup items.
    static func worlds() -> [Snapshot] {
        var odd = Fixtures.world(west: .degraded)
        odd.pairs[0].fromPrimary.rules = nil
        odd.pairs[0].fromPrimary.rulesProblem = SourceProblem(.accessDenied, "AccessDenied: s3:GetReplicationConfiguration")
        odd.pairs[0].secondary.versioning = .unknown
        odd.pairs[1].fromPrimary.canaryLagSeconds = 700
        odd.pairs[1].toPrimary.failedOperations = 3
        odd.pairs[1].toPrimary.rules?.append(Fixtures.rule(to: "logs-use1", enabled: false))
        odd.pairs[1].toPrimary.rules?[0].deleteMarkerReplication = false
        odd.pairs[1].toPrimary.rules?[0].replicaModifications = false
        odd.pairs[1].fromPrimary.rules?[0].replicationTimeControl = false
        odd.pairs[2].primary.versioning = .suspended
        var ceph = Fixtures.world()
        ceph.source = .ceph
        ceph.pairs[0].fromPrimary.metricsProblem = SourceProblem(.other, "data sync: 2 shards behind")
        ceph.regions[1].checks = [
            CheckItem(id: "sync-errors", title: "No sync errors", result: .warn, evidence: "3 sync errors"),
            CheckItem(id: "metadata-sync", title: "Metadata sync caught up", result: .pass, evidence: "caught up"),
        ]
        var stale = Fixtures.world(west: .down)
        stale.pairs[0].toPrimary.metricsAt = nil
        return [Fixtures.world(), stale, odd, ceph, Fixtures.routedWorld()]
    }

    @Test func writesEvidenceOnDemandAsTheEagerChecklistDoes() throws {
        for (number, world) in Self.worlds().enumerated() {
            for now in [Fixtures.now, Fixtures.now.addingTimeInterval(600)] {
                let assessment = Assessment(world, thresholds: .standard, now: now)
                for pair in world.pairs {
                    let judged = try #require(assessment.pair(named: pair.name))
                    let eager = FailoverChecklist().run(pair: pair, in: world, now: now)
                    #expect(judged.failover == eager, "world \(number), \(pair.name): the report written on demand")
                    #expect(judged.checks == eager.items.map(CheckOutcome.init), "world \(number), \(pair.name): results")
                    #expect(judged.verdict == eager.verdict && judged.acceptedDataLossSeconds == eager.acceptedDataLossSeconds)
                    #expect(!eager.items.contains { $0.evidence.isEmpty }, "every item says why")
                }
            }
        }
        // The same judgement compares equal without writing a report; a hand-made one with the same report too.
        let world = Fixtures.routedWorld()
        let assessment = Assessment(world, thresholds: .standard, now: Fixtures.now)
        #expect(assessment == assessment)
        let judged = try #require(assessment.pairs.first)
        var byHand = PairAssessment(name: judged.name, fromPrimary: judged.fromPrimary, toPrimary: judged.toPrimary,
                                    failover: judged.failover)
        (byHand.traffic, byHand.recovery, byHand.backup) = (judged.traffic, judged.recovery, judged.backup)
        #expect(byHand == judged)
        #expect(Assessment(world, thresholds: .standard, now: Fixtures.now.addingTimeInterval(1)) != assessment)
    }

    @Test func saysWhenTheClockAloneChangesAJudgement() throws {
        let world = Fixtures.world()
        let assessment = Assessment(world, thresholds: .standard, now: Fixtures.now)
        // The fixtures' histories hold a sample every 10 s for the last 90 s: the oldest leaves the 300 s trend
        // window 210 s from now, and the trend is fitted again then.
        let boundary = try #require(assessment.validUntil)
        #expect(boundary == Fixtures.now.addingTimeInterval(210))
        #expect(!assessment.isOutdated(at: Fixtures.now.addingTimeInterval(209)))
        #expect(assessment.isOutdated(at: Fixtures.now.addingTimeInterval(211)))
        // Once the window is empty, what is left is the metrics turning stale: read 30 s before now, stale at 570 s.
        let empty = Assessment(world, thresholds: .standard, now: Fixtures.now.addingTimeInterval(301))
        #expect(empty.validUntil == Fixtures.now.addingTimeInterval(570))
        let later = Assessment(world, thresholds: .standard, now: Fixtures.now.addingTimeInterval(571))
        #expect(later.pair(named: "app")?.fromPrimary.state == .unknown)
        #expect(later.pair(named: "app")?.fromPrimary.reason == "metrics 10m old")
        #expect(later.validUntil == nil, "nothing left to turn stale")
    }

    @Test func theVerdictsPrecedenceHasOneOwner() {
        #expect(Verdict.of([]) == .unknown)
        #expect(Verdict.of([.pass, .pass]) == .go)
        #expect(Verdict.of([.pass, .warn]) == .goWithRisk)
        #expect(Verdict.of([.warn, .unknown]) == .unknown)
        #expect(Verdict.of([.unknown, .fail, .warn]) == .noGo)
        #expect(Verdict.worst([.go, .goWithRisk, .unknown]) == .unknown)
        #expect(Verdict.allCases.sorted() == [.go, .goWithRisk, .unknown, .noGo])
        #expect([HealthState.breach, .ok, .warning, .unknown].sorted() == [.ok, .unknown, .warning, .breach])
        #expect([CheckResult.pass, .warn, .fail, .unknown].map(\.code) == [0, 1, 2, 3])
    }
}

/// The dashboard's and `serve`'s holder: a snapshot judged when it arrives, judged again only past a boundary,
/// and what it hands on is in the order it held them.
@Suite struct AssessmentBoxTests {
    @Test func judgesOnArrivalAndAgainOnlyPastABoundary() throws {
        let box = AssessmentBox(thresholds: .standard)
        #expect(box.current(now: Fixtures.now) == nil)
        var handed: [Date] = []
        box.set(Fixtures.world(), now: Fixtures.now) { handed.append($1.judgedAt) }
        box.rejudgeIfOutdated(now: Fixtures.now.addingTimeInterval(100)) { handed.append($1.judgedAt) }
        #expect(handed == [Fixtures.now], "within the boundary nothing is judged again")
        box.rejudgeIfOutdated(now: Fixtures.now.addingTimeInterval(211)) { handed.append($1.judgedAt) }
        #expect(handed == [Fixtures.now, Fixtures.now.addingTimeInterval(211)])
        let current = try #require(box.current(now: Fixtures.now.addingTimeInterval(212)))
        #expect(current.assessment.judgedAt == Fixtures.now.addingTimeInterval(211))
        #expect(current.snapshot == Fixtures.world())
    }
}
