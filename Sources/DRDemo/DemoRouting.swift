import DRCore
import Foundation

/// The demo's routing and backups: what each pair's `routing` names answers as AWS would, in the demo's world.
/// Health checks and endpoints of a region that is down fail, so a Route 53 failover record or an accelerator moves
/// users by itself while MRAP dials and ARC controls, which a person moves, stay put. The backup-and-restore pair
/// pairs are backed up every `backupEvery` seconds, each recovery point completing ten minutes after it starts.
enum DemoRouting {
    /// Size of each recovery point of the demo's backed-up bucket.
    static let backupBytes: Double = 1.8 * 1024 * 1024 * 1024 * 1024

    /// The routing of `profile` at `time`; nil when it names none.
    static func traffic(_ profile: DemoPairProfile, time: Date, isDown: (String) -> Bool) -> TrafficStatus? {
        let routing = profile.routing
        guard !routing.isEmpty else { return nil }
        let from = profile.primary.region, to = profile.secondary.region
        var routes: [TrafficRoute] = []
        if routing.mrapARN != nil {
            for (bucket, dial) in [(profile.primary, 100.0), (profile.secondary, 0.0)] {
                routes.append(TrafficRoute(kind: .mrap, region: bucket.region, name: bucket.name,
                                           state: "\(Int(dial))%", dialPercent: dial, carriesTraffic: dial > 0,
                                           observedAt: time))
            }
        }
        if routing.route53 != nil {
            let primaryUp = !isDown(from), secondaryUp = !isDown(to)
            for (region, role, up) in [(from, "PRIMARY", primaryUp), (to, "SECONDARY", secondaryUp)] {
                let carries = role == "PRIMARY" ? primaryUp : !primaryUp && secondaryUp
                routes.append(TrafficRoute(
                    kind: .route53, region: region, name: region, state: role, healthy: up,
                    healthDetail: "HealthCheckStatus \(up ? 1 : 0)", carriesTraffic: carries, ttlSeconds: 60,
                    detectionSeconds: 30 * 3, healthCheckID: "demo-\(profile.name)-\(region)", observedAt: time))
            }
        }
        if let arc = routing.arc {
            for region in [from, to] {
                let on = region == from
                routes.append(TrafficRoute(kind: .arc, region: region, name: "\(profile.name)-\(region)",
                                           state: on ? "On" : "Off", dialPercent: on ? 100 : 0, carriesTraffic: on,
                                           arn: arc.controls[region], observedAt: time))
            }
        }
        if routing.acceleratorARN != nil {
            for region in [from, to] {
                let up = !isDown(region)
                routes.append(TrafficRoute(
                    kind: .accelerator, region: region, name: region, state: "100%", dialPercent: 100, healthy: up,
                    healthDetail: up ? "HEALTHY" : "HealthReason Timeout", carriesTraffic: up, detectionSeconds: 10 * 2,
                    arn: "\(routing.acceleratorARN!)/listener/demo/endpoint-group/\(region)", observedAt: time))
            }
        }
        return TrafficStatus(routes: routes, readAt: time)
    }

    /// The AWS Backup status of `profile`'s primary bucket at `time`; nil when it names no vault.
    static func backup(_ profile: DemoPairProfile, time: Date) -> BackupStatus? {
        guard let vault = profile.backupVault else { return nil }
        let now = time.timeIntervalSince1970
        // The newest point completed ten minutes after the last start that has passed that mark.
        let every = profile.backupEvery
        let completed = ((now - 600) / every).rounded(.down) * every + 600
        let created = Date(timeIntervalSince1970: completed - 600)
        let id = Int(completed / every)
        let point = BackupStatus.RecoveryPoint(
            arn: "arn:aws:backup:\(profile.primary.region):123456789012:recovery-point:demo-\(id)", createdAt: created,
            status: "COMPLETED", vault: vault, sizeBytes: backupBytes)
        let job = BackupStatus.Job(id: "demo-job-\(id)", state: "COMPLETED", createdAt: created,
                                   completedAt: Date(timeIntervalSince1970: completed))
        return BackupStatus(vault: vault, latestPeriodic: point, lastBackupTime: created, latestJob: job, readAt: time)
    }
}
