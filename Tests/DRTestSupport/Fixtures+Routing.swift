import DRCore
import Foundation

extension Fixtures {
    /// A route of `kind` to `region` read at `now`.
    package static func route(_ kind: TrafficRoute.Kind, _ region: String, dial: Double? = nil, carries: Bool?,
                      ttl: Double? = nil, detection: Double? = nil) -> TrafficRoute {
        TrafficRoute(kind: kind, region: region, name: region, state: dial.map { "\(Int($0))%" } ?? "PRIMARY",
                     dialPercent: dial, carriesTraffic: carries, ttlSeconds: ttl, detectionSeconds: detection,
                     observedAt: now)
    }

    /// "app" behind an MRAP active in us-east-1 and Route 53 records; "logs" behind Route 53 whose records were
    /// not read; "backup" one-way with a recovery point 1h ago (RPO 4h).
    package static func routedWorld() -> Snapshot {
        var snapshot = world()
        snapshot.pairs[0].routing = PairRouting(route53: .init(zoneID: "Z1", name: "app.example.com"),
                                                mrapARN: "arn:aws:s3::123456789012:accesspoint/abc.mrap")
        snapshot.pairs[0].rtoSeconds = 900
        snapshot.pairs[0].traffic = TrafficStatus(routes: [
            route(.mrap, east, dial: 100, carries: true), route(.mrap, west, dial: 0, carries: false),
            route(.route53, east, carries: true, ttl: 60, detection: 90),
            TrafficRoute(kind: .route53, region: west, name: west, state: "SECONDARY", healthy: false,
                         healthDetail: "HealthCheckStatus 0", carriesTraffic: false, ttlSeconds: 60, detectionSeconds: 90,
                         healthCheckID: "hc-2", observedAt: now),
        ], readAt: now)
        snapshot.pairs[1].routing = PairRouting(route53: .init(zoneID: "Z1", name: "logs.example.com"))
        snapshot.pairs[1].traffic = TrafficStatus(problems: [.init(kind: .route53, message: "AccessDenied")])
        snapshot.pairs[2].fromPrimary.rules = []
        snapshot.pairs[2].backup = BackupStatus(
            latestPeriodic: .init(arn: "arn:aws:backup:us-east-1:123456789012:recovery-point:1",
                                  createdAt: now.addingTimeInterval(-3600), status: "COMPLETED",
                                  sizeBytes: 50 * 1024 * 1024 * 1024),
            readAt: now)
        return snapshot
    }
}
