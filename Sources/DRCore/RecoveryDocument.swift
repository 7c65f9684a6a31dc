import Foundation

/// The traffic, RTO and backup members of a pair in `drtop.snapshot/1` (README documents them): null where the
/// pair names no routing or backup, and null for every figure not known.
enum RecoveryDocument {
    /// The members for `pair` judged as `judged` at `now`.
    static func fields(_ pair: BucketPair, _ judged: PairAssessment?, now: Date) -> [(String, JSONValue)] {
        let recovery = judged?.recovery
        return [
            ("rto_target_seconds", .number(recovery?.targetSeconds)),
            ("rto_estimate_seconds", .number(recovery?.totalSeconds)),
            ("rto_parts", recovery.map { estimate in .array(estimate.parts.map { part in
                .object([("name", .string(part.name)), ("seconds", .number(part.seconds)), ("basis", .string(part.basis)),
                         ("runs_alongside_other_switches", .bool(part.isRoutingSwitch))])
            }) } ?? .null),
            ("traffic", pair.routing.isEmpty ? .null : traffic(pair.traffic ?? TrafficStatus(), judged?.traffic, now)),
            ("backup", pair.judgesBackup ? backup(pair, judged?.backup, now) : .null),
        ]
    }

    private static func traffic(_ traffic: TrafficStatus, _ summary: TrafficSummary?, _ now: Date) -> JSONValue {
        .object([
            ("summary", .string(summary?.text)),
            ("decided_by", .string(summary?.decidedBy?.rawValue)),
            ("shares", .array((summary?.shares ?? []).map {
                .object([("region", .string($0.region)), ("percent", .number(($0.percent * 10).rounded() / 10))])
            })),
            ("disagreeing", .array((summary?.disagreeing ?? []).map { .string($0.rawValue) })),
            ("partial", .bool(traffic.isPartial)),
            ("routes", .array(traffic.routes.map { route in
                .object([
                    ("kind", .string(route.kind.rawValue)), ("region", .string(route.region)),
                    ("name", .string(route.name)), ("state", .string(route.state)),
                    ("dial_percent", .number(route.dialPercent)), ("healthy", route.healthy.map(JSONValue.bool) ?? .null),
                    ("health", .string(route.healthDetail)),
                    ("carries_traffic", route.carriesTraffic.map(JSONValue.bool) ?? .null),
                    ("ttl_seconds", .number(route.ttlSeconds)), ("detection_seconds", .number(route.detectionSeconds)),
                    ("health_check_id", .string(route.healthCheckID)), ("arn", .string(route.arn)),
                    ("observed_at", .string(SnapshotDocument.iso8601(route.observedAt))),
                    ("age_seconds", .number(max(0, now.timeIntervalSince(route.observedAt)).rounded())),
                ])
            })),
            ("problems", .array(traffic.problems.map {
                .object([("kind", .string($0.kind.rawValue)), ("message", .string($0.message))])
            })),
            ("notes", .array(traffic.notes.map { .string($0) })),
        ])
    }

    private static func backup(_ pair: BucketPair, _ exposure: BackupExposure?, _ now: Date) -> JSONValue {
        let status = pair.backup
        func point(_ point: BackupStatus.RecoveryPoint?) -> JSONValue {
            guard let point else { return .null }
            return .object([
                ("arn", .string(point.arn)), ("created_at", .string(SnapshotDocument.iso8601(point.createdAt))),
                ("age_seconds", .number(max(0, now.timeIntervalSince(point.createdAt)).rounded())),
                ("status", .string(point.status)), ("vault", .string(point.vault)),
                ("size_bytes", .number(point.sizeBytes)),
            ])
        }
        return .object([
            ("state", .string(exposure?.state.rawValue)),
            ("summary", .string(exposure?.summary)),
            ("exposure_seconds", .number(exposure?.exposureSeconds.map { $0.rounded() })),
            ("vault", .string(pair.backupVault)),
            ("latest_recovery_point", point(status?.latestPeriodic)),
            ("continuous_recovery_point", point(status?.continuous)),
            ("last_backup_time", .string(status?.lastBackupTime.map(SnapshotDocument.iso8601))),
            ("last_job", status?.latestJob.map { job in .object([
                ("id", .string(job.id)), ("state", .string(job.state)), ("status_message", .string(job.statusMessage)),
                ("created_at", .string(SnapshotDocument.iso8601(job.createdAt))),
                ("completed_at", .string(job.completedAt.map(SnapshotDocument.iso8601))),
            ]) } ?? .null),
            ("error", .string(status?.problem)),
            ("read_at", .string(status?.readAt.map(SnapshotDocument.iso8601))),
        ])
    }
}
