import DRCore
import DRTestSupport
import Foundation
import Testing

/// `snapshot --json` carries traffic, the RTO with its parts and the backup for the pairs that name them, and null
/// where a pair names none or a figure is not known.
struct RecoveryDocumentTests {
    func document() throws -> [[String: Any]] {
        let snapshot = Fixtures.routedWorld()
        let assessment = Assessment(snapshot, thresholds: .standard, now: snapshot.takenAt)
        let text = SnapshotDocument.make(snapshot, assessment: assessment).text()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(object["pairs"] as? [[String: Any]])
    }

    @Test func routedPairsCarryTrafficRTOAndBackup() throws {
        let pairs = try document()
        let app = pairs[0], logs = pairs[1], backup = pairs[2]
        #expect(app["rto_target_seconds"] as? Double == 900 && app["rto_estimate_seconds"] as? Double == 150)
        let parts = try #require(app["rto_parts"] as? [[String: Any]])
        #expect(parts.map { $0["name"] as? String } == ["MRAP route change", "Route 53 failover"])
        let traffic = try #require(app["traffic"] as? [String: Any])
        #expect(traffic["summary"] as? String == "→ us-east-1 100%" && traffic["decided_by"] as? String == "mrap")
        let routes = try #require(traffic["routes"] as? [[String: Any]])
        #expect(routes.count == 4 && routes.allSatisfy { $0["age_seconds"] as? Double == 0 && $0["kind"] is String })
        #expect(app["backup"] is NSNull)

        // Not read: null, never "0 %" or healthy; the problem said.
        let unread = try #require(logs["traffic"] as? [String: Any])
        #expect(unread["summary"] as? String == "?" && unread["decided_by"] is NSNull && unread["partial"] as? Bool == true)
        #expect(logs["rto_estimate_seconds"] is NSNull)

        let restore = try #require(backup["backup"] as? [String: Any])
        #expect(restore["state"] as? String == "ok" && restore["exposure_seconds"] as? Double == 3600)
        #expect(backup["traffic"] is NSNull && backup["rto_target_seconds"] as? Double == 86_400)
    }
}

/// The runbook: the commands that would move a pair's users, filled in with the pair's values, in the
/// failover report, its Markdown and the check's JSON.
struct RunbookTests {
    @Test func theCommandsNameThisPairsValues() throws {
        var pair = Fixtures.routedWorld().pairs[0]
        pair.routing.arc = .init(clusterARN: "arn:aws:route53-recovery-control::123456789012:cluster/c1",
                                 controls: ["us-east-1": "arn:east", "us-west-2": "arn:west"])
        pair.traffic?.routes[3].healthCheckID = nil
        pair.traffic?.routes[2].healthCheckID = "hc-east"
        let steps = Runbook.steps(for: pair)
        // Beside ARC, Route 53's check is ARC's: the ARC step moves it, and no inversion is printed.
        #expect(steps.count == 3 && !steps.contains { $0.command.contains("update-health-check") })
        #expect(steps[0].command == "aws s3control submit-multi-region-access-point-routes --region ap-southeast-2 "
            + "--account-id 123456789012 --mrap arn:aws:s3::123456789012:accesspoint/abc.mrap --route-updates "
            + "Bucket=app-usw2,Region=us-west-2,TrafficDialPercentage=100 Bucket=app-use1,Region=us-east-1,TrafficDialPercentage=0")
        #expect(steps[2].command.hasSuffix("RoutingControlArn=arn:west,RoutingControlState=On "
            + "RoutingControlArn=arn:east,RoutingControlState=Off"))
        pair.routing.arc = nil
        let forced = try #require(Runbook.steps(for: pair).last)
        #expect(forced.command == "aws route53 update-health-check --region us-east-1 --health-check-id hc-east --inverted")
        // The primary's check already fails: Route 53 has failed over; inverting it would send users back.
        pair.traffic?.routes[2].healthy = false
        let done = try #require(Runbook.steps(for: pair).last)
        #expect(done.title.contains("do not invert it") && done.command.hasPrefix("aws route53 list-resource-record-sets"))

        let snapshot = Fixtures.routedWorld()
        let report = try #require(Assessment(snapshot, thresholds: .standard, now: Fixtures.now).pair(named: "app")?.failover)
        let markdown = FailoverMarkdown.render(report)
        #expect(markdown.contains("## Move the users to us-west-2 (printed for you to review and run; drtop runs nothing)"))
        #expect(markdown.contains("aws s3control submit-multi-region-access-point-routes"))
        let json = CheckDocument.json([report], takenAt: snapshot).text()
        #expect(json.contains(#""title": "MRAP: make app-usw2 (us-west-2) active"#))
        #expect(Runbook.steps(for: Fixtures.world().pairs[0]).isEmpty)
    }
}

/// The failover check's traffic and recovery items, from the routed fixture world.
struct RecoveryChecksTests {
    func items(_ snapshot: Snapshot, _ name: String) throws -> [String: CheckItem] {
        let report = try #require(Assessment(snapshot, thresholds: .standard, now: Fixtures.now).pair(named: name)?.failover)
        return Dictionary(uniqueKeysWithValues: report.items.map { ($0.id, $0) })
    }

    @Test func eachItemSaysWhatItRestsOn() throws {
        var world = Fixtures.routedWorld()
        let app = try items(world, "app")
        #expect(app["traffic-placement"]?.result == .pass)
        #expect(app["traffic-placement"]?.evidence == "MRAP sends users to us-east-1 (the primary, 100%): a failover moves them to us-west-2")
        #expect(app["routing-answers"]?.result == .pass && app["routing-answers"]?.evidence == "MRAP, Route 53 answered")
        #expect(app["target-health-check"]?.result == .fail)
        #expect(app["target-health-check"]?.evidence == "Route 53 us-west-2: unhealthy (HealthCheckStatus 0)")
        #expect(app["rto-estimate"]?.result == .pass)
        #expect(app["rto-estimate"]?.evidence.hasPrefix("RTO estimate 2m30s (target 15m): MRAP route change 2m") == true)
        #expect(app["backup-recovery-point"] == nil, "app watches no backup")

        let logs = try items(world, "logs")
        // Denied to drtop says nothing about whether the control plane could move traffic: unknown; unreachable fails.
        #expect(logs["routing-answers"]?.result == .unknown && logs["routing-answers"]?.evidence == "Route 53: AccessDenied")
        var cutOff = world
        cutOff.pairs[1].traffic?.problems[0].unreachable = true
        #expect(try items(cutOff, "logs")["routing-answers"]?.result == .fail)
        #expect(logs["traffic-placement"]?.result == .unknown && logs["rto-estimate"]?.result == .unknown)

        #expect(try items(world, "backup")["backup-recovery-point"]?.result == .pass)
        // Protected by backups alone (no rule either way): it fails over by a restore, so the replication items
        // do not apply and what it gives up is its backup's exposure.
        #expect(try Set(items(world, "backup").keys) == ["target-reachable", "versioning", "rto-estimate",
                                                        "backup-recovery-point"])
        let restore = try #require(Assessment(world, thresholds: .standard, now: Fixtures.now).pair(named: "backup"))
        #expect(restore.failover.acceptedDataLossSeconds == 3600)
        world.pairs[2].backup?.latestPeriodic?.createdAt = Fixtures.now.addingTimeInterval(-5 * 3600)
        #expect(try items(world, "backup")["backup-recovery-point"]?.result == .fail)

        // Users already on the target: said; an RTO past its target fails.
        world.pairs[0].traffic?.routes[0].carriesTraffic = false
        world.pairs[0].traffic?.routes[1].carriesTraffic = true
        world.pairs[0].traffic?.routes[1].dialPercent = 100
        world.pairs[0].rtoSeconds = 120
        let moved = try items(world, "app")
        #expect(moved["traffic-placement"]?.result == .warn)
        #expect(moved["traffic-placement"]?.evidence.contains("(the target, 100%): they already moved") == true)
        #expect(moved["traffic-placement"]?.evidence.hasSuffix("; Route 53 sends them to us-east-1") == true)
        #expect(moved["rto-estimate"]?.result == .fail)
        // A pair that names none of it has none of these items.
        #expect(try items(Fixtures.world(), "app").keys.allSatisfy { !["traffic-placement", "rto-estimate"].contains($0) })
    }
}

/// Routing read too long ago says nothing of now; a backup-and-restore pair AWS Backup never protected is judged
/// by its replication alone.
struct RecoveryFreshnessTests {
    @Test func oldRoutesAreUnknownAndTheClockRejudges() throws {
        let world = Fixtures.routedWorld()
        let fresh = Assessment(world, thresholds: .standard, now: Fixtures.now)
        #expect(fresh.pair(named: "app")?.traffic?.text == "→ us-east-1 100%")
        // The routes were read at Fixtures.now: the judgement changes when they pass staleAfterSeconds.
        #expect(fresh.validUntil.map { $0 <= Fixtures.now.addingTimeInterval(Defaults.staleAfterSeconds) } == true)
        let later = Assessment(world, thresholds: .standard, now: Fixtures.now.addingTimeInterval(700))
        let app = try #require(later.pair(named: "app"))
        #expect(app.traffic?.text == "?")
        let answers = try #require(app.failover.items.first { $0.id == "routing-answers" })
        #expect(answers.result == .unknown && answers.evidence.contains("last read 11m ago: too old to say where users go now"))
    }

    @Test func anUnprotectedBackupAndRestorePairIsJudgedByReplication() throws {
        var world = Fixtures.world()
        world.pairs[2].backup = BackupStatus(readAt: Fixtures.now)   // read: AWS Backup knows nothing of it
        let judged = try #require(Assessment(world, thresholds: .standard, now: Fixtures.now).pair(named: "backup"))
        #expect(judged.backup == nil && !judged.failover.items.contains { $0.id == "backup-recovery-point" })
        world.pairs[2].backupVault = "prod-vault"   // a vault named: nothing in it is a breach
        let named = try #require(Assessment(world, thresholds: .standard, now: Fixtures.now).pair(named: "backup"))
        #expect(named.failover.items.first { $0.id == "backup-recovery-point" }?.result == .fail)
    }
}
