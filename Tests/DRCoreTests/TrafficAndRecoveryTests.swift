import DRCore
import Foundation
import Testing

/// Where traffic goes, how long recovery takes and what a backup gives back, from the values alone.
struct TrafficAndRecoveryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func route(_ kind: TrafficRoute.Kind, _ region: String?, dial: Double? = nil, carries: Bool?,
               ttl: Double? = nil, detection: Double? = nil) -> TrafficRoute {
        TrafficRoute(kind: kind, region: region, name: region ?? "?", state: dial.map { "\(Int($0))%" } ?? "On",
                     dialPercent: dial, carriesTraffic: carries, ttlSeconds: ttl, detectionSeconds: detection,
                     observedAt: now)
    }

    func pair(strategy: DRStrategy? = .pilotLight, routing: PairRouting = .none) -> BucketPair {
        var pair = BucketPair(name: "p", primary: Bucket(name: "a", region: "us-east-1"),
                              secondary: Bucket(name: "b", region: "us-west-2"), rpoSeconds: 900, strategy: strategy)
        pair.routing = routing
        return pair
    }

    @Test func theSummarySaysWhereTrafficGoes() {
        let active = TrafficSummary(TrafficStatus(routes: [route(.mrap, "us-east-1", dial: 100, carries: true),
                                                           route(.mrap, "us-west-2", dial: 0, carries: false)]))
        #expect(active.text == "→ us-east-1 100%")
        #expect(active.percent(of: "us-west-2") == 0 && active.decidedBy == .mrap)

        let split = TrafficSummary(TrafficStatus(routes: [route(.mrap, "us-east-1", dial: 100, carries: true),
                                                          route(.mrap, "us-west-2", dial: 100, carries: true)]))
        #expect(split.text == "both active")
        // A dial applies only to the users already sent to its group: unequal dials are no split either.
        let weighted = TrafficSummary(TrafficStatus(routes: [route(.accelerator, "us-east-1", dial: 75, carries: true),
                                                             route(.accelerator, "us-west-2", dial: 25, carries: true)]))
        #expect(weighted.text == "both active")
        // MRAP not read: Route 53 decides, and the cell says a system ahead of it was not read.
        let unread = TrafficSummary(TrafficStatus(routes: [route(.route53, "us-east-1", carries: true)],
                                                  problems: [.init(kind: .mrap, message: "refused")]))
        #expect(unread.text == "→ us-east-1 ?" && unread.decidedBy == .route53)

        // MRAP decides; Route 53 sends elsewhere: said, not hidden.
        let mixed = TrafficSummary(TrafficStatus(routes: [route(.mrap, "us-east-1", dial: 100, carries: true),
                                                          route(.route53, "us-west-2", carries: true),
                                                          route(.route53, "us-east-1", carries: false)]))
        #expect(mixed.text == "→ us-east-1 ≠" && mixed.disagreeing == [.route53])

        // A route that cannot say whether it carries traffic makes that system unknown, never "100 %".
        let unknown = TrafficSummary(TrafficStatus(routes: [route(.route53, "us-east-1", carries: nil)]))
        #expect(unknown.text == "?" && unknown.percent(of: "us-east-1") == nil)
        #expect(TrafficSummary(nil).text == "?")
        #expect(TrafficSummary(TrafficStatus(problems: [.init(kind: .mrap, message: "refused")])).isPartial)
    }

    @Test func theEstimateAddsTheSlowestSwitchToWhatFollows() {
        var pair = pair(routing: PairRouting(route53: .init(zoneID: "Z1", name: "a.example.com"),
                                             mrapARN: "arn:aws:s3::123456789012:accesspoint/x.mrap"))
        pair.traffic = TrafficStatus(routes: [route(.route53, "us-east-1", carries: true, ttl: 60, detection: 90),
                                              route(.route53, "us-west-2", carries: false, ttl: 60, detection: 90)])
        let clear = RecoveryTimeEstimate(pair: pair, drain: .clear)
        #expect(clear.parts.map(\.name) == ["MRAP route change", "Route 53 failover"])
        #expect(clear.totalSeconds == 150 && clear.targetSeconds == 4 * 3600 && clear.exceedsTarget == false)

        let draining = RecoveryTimeEstimate(pair: pair, drain: .draining(seconds: 600, breachesRPO: false))
        #expect(draining.totalSeconds == 750)

        // A TTL change changes the estimate.
        pair.traffic?.routes[0].ttlSeconds = 300
        #expect(RecoveryTimeEstimate(pair: pair, drain: .clear).totalSeconds == 390)

        // An alias record has no TTL: the target's is assumed (an ELB's 60 s), and said.
        var aliased = pair
        let routes = aliased.traffic?.routes ?? []
        aliased.traffic?.routes = routes.map { route in
            var route = route
            route.ttlSeconds = nil
            route.isAlias = true
            return route
        }
        let alias = RecoveryTimeEstimate(pair: aliased, drain: .clear)
        #expect(alias.totalSeconds == 150 && alias.parts[1].basis.contains("alias: the target's TTL, assumed 1m"))
        // Objects in flight with no drain rate yet: the wait is the current lag.
        #expect(RecoveryTimeEstimate(pair: pair, drain: .unknown, lagSeconds: 30).totalSeconds == 420)
        // What cannot be timed leaves the total unknown, never a smaller number.
        #expect(RecoveryTimeEstimate(pair: pair, drain: .notDraining(breachesRPO: true)).totalSeconds == nil)
        pair.rtoSeconds = 300
        #expect(RecoveryTimeEstimate(pair: pair, drain: .clear).exceedsTarget == true)
        // An RTO without routing: the switch cannot be timed, and the estimate says why.
        let bare = RecoveryTimeEstimate(pair: self.pair(), drain: .clear)
        #expect(bare.totalSeconds == nil && bare.parts.map(\.basis) == ["no [pair.routing] names what moves the users"])
    }

    @Test func backupExposureIsTheAgeOfWhatARestoreReaches() {
        let thresholds = Thresholds.standard
        let rpo = 4.0 * 3600
        func status(periodicAge: Double? = nil, continuous: String? = nil, last: Double? = nil,
                    job: BackupStatus.Job? = nil) -> BackupStatus {
            BackupStatus(
                latestPeriodic: periodicAge.map { .init(arn: "rp", createdAt: now - $0, status: "COMPLETED") },
                continuous: continuous.map { .init(arn: "c", createdAt: now - 864_000, status: $0, isContinuous: true) },
                lastBackupTime: last.map { now - $0 }, latestJob: job, readAt: now)
        }
        let fresh = BackupExposure(status(periodicAge: 3600), rpoSeconds: rpo, thresholds: thresholds, now: now)
        #expect(fresh.state == .ok && fresh.exposureSeconds == 3600 && fresh.summary == "backup 1h ago (RPO 4h)")
        #expect(BackupExposure(status(periodicAge: 5 * 3600), rpoSeconds: rpo, thresholds: thresholds, now: now).state == .breach)
        // Continuous: the point is 10 days old, but protection reaches LastBackupTime.
        let pitr = BackupExposure(status(continuous: "AVAILABLE", last: 10), rpoSeconds: rpo, thresholds: thresholds, now: now)
        #expect(pitr.state == .ok && pitr.exposureSeconds == 10)
        let stopped = BackupExposure(status(continuous: "STOPPED", last: 6 * 3600), rpoSeconds: rpo, thresholds: thresholds, now: now)
        #expect(stopped.state == .breach && stopped.summary.hasPrefix("backup 6h ago"))
        let failed = BackupExposure(status(job: .init(id: "j", state: "FAILED", statusMessage: "Access denied", createdAt: now)),
                                    rpoSeconds: rpo, thresholds: thresholds, now: now)
        #expect(failed.state == .breach && failed.summary == "no recovery point (last job FAILED: Access denied)")
        #expect(BackupExposure(nil, rpoSeconds: rpo, thresholds: thresholds, now: now).state == .unknown)
        let unread = BackupStatus(problem: "backup:ListRecoveryPointsByResource denied")
        #expect(BackupExposure(unread, rpoSeconds: rpo, thresholds: thresholds, now: now).state == .unknown)
    }
}
