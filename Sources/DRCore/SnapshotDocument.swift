import Foundation

/// The `drtop.snapshot/1` JSON document (README documents it). Values not known are null, never 0.
public enum SnapshotDocument {
    /// The schema name.
    public static let schema = "drtop.snapshot/1"

    /// The document for `snapshot` with its judgement.
    public static func make(_ snapshot: Snapshot, assessment: Assessment) -> JSONValue {
        let regions: [JSONValue] = snapshot.regions.map { region in
            .object([
                ("name", .string(region.name)),
                ("reachable", region.reachability == .unknown ? .null : .bool(region.reachability != .down)),
                ("status", .string(region.reachability.rawValue)),
                ("api_latency_ms", .number(region.apiLatencyMs.map { ($0 * 10).rounded() / 10 })),
                ("error", .string(region.problem?.message)),
                ("failed_polls", .number(region.consecutiveFailures)),
                ("note", .string(region.retryNote)),
                ("clock_offset_seconds", .number(region.clockOffsetSeconds.map { $0.rounded() })),
            ])
        }
        let pairs: [JSONValue] = snapshot.pairs.map { pair in
            .object([
                ("name", .string(pair.name)),
                ("rpo_seconds", .number(pair.rpoSeconds)),
                ("strategy", .string(pair.strategy?.rawValue)),
                ("primary_region", .string(pair.primaryRegion)),
                ("buckets", .array([pair.primary, pair.secondary].map { bucket in
                    .object([("name", .string(bucket.name)), ("region", .string(bucket.region)),
                             ("versioning", bucket.versioning == .unknown ? .null : .string(bucket.versioning.rawValue))])
                })),
                ("directions", .array(pair.directions.enumerated().map { index, direction in
                    SnapshotDocument.direction(direction, assessment.health(of: pair, index), snapshot.takenAt)
                })),
            ] + RecoveryDocument.fields(pair, assessment.pair(named: pair.name), now: snapshot.takenAt))
        }
        let requests: [JSONValue] = snapshot.requests.map {
            .object([("api", .string($0.api)), ("region", .string($0.region)), ("count", .number($0.count)),
                     ("account", .string($0.account))])
        }
        return .object([
            ("schema", .string(schema)),
            ("taken_at", .string(iso8601(snapshot.takenAt))),
            ("source", .string(snapshot.source.rawValue)),
            ("poll_duration_seconds", .number(snapshot.pollDurationSeconds.map { ($0 * 1000).rounded() / 1000 })),
            ("scenario", .string(snapshot.scenario)),
            ("regions", .array(regions)),
            ("pairs", .array(pairs)),
            ("requests", .array(requests)),
            ("estimated_monthly_cost_usd", .number(snapshot.estimatedMonthlyCostUSD.map { ($0 * 100).rounded() / 100 })),
            ("estimated_monthly_cost_usd_by_account", snapshot.costByAccount.isEmpty ? .null
                : .object(snapshot.costByAccount.sorted { $0.key < $1.key }.map { ($0.key, .number(($0.value * 100).rounded() / 100)) })),
        ])
    }

    private static func direction(_ d: DirectionStatus, _ health: DirectionHealth, _ now: Date) -> JSONValue {
        let state = d.isAbsent ? "not-replicated" : health.state.rawValue
        return .object([
            ("source_bucket", .string(d.source.name)),
            ("destination_bucket", .string(d.destination.name)),
            ("source_region", .string(d.source.region)),
            ("destination_region", .string(d.destination.region)),
            ("rules", d.rules.map { .array($0.map(rule)) } ?? .null),
            ("rules_error", .string(d.rulesProblem?.message)),
            ("lag_seconds", .number(d.lagSeconds)),
            ("canary_lag_seconds", .number(d.canaryLagSeconds)),
            ("canary_error", .string(d.canaryProblem?.message)),
            ("pending_operations", .number(d.pendingOperations)),
            ("pending_operations_from", .string(d.pendingOperations == nil ? nil
                                                : d.pendingFromQueue ? "queue" : "cloudwatch")),
            ("pending_bytes", .number(d.pendingBytes)),
            ("failed_operations", .number(d.failedOperations)),
            ("metrics_at", .string(d.metricsAt.map(iso8601))),
            ("metrics_error", .string(d.metricsProblem?.message)),
            ("failures", .array(d.failures.map {
                .object([("reason", .string($0.reason)), ("count", .number($0.count))])
            })),
            ("trend", .string(health.trend.rawValue)),
            ("drain", drain(health.drain)),
            ("queue_source", .string(d.queueSource?.rawValue)),
            ("queue_count", .number(d.queueSource == nil || d.queueCoverage == .notStarted ? nil : d.queue.count)),
            ("queue_complete", d.queueCoverage.map { .bool($0.isComplete) } ?? .null),
            ("queue_coverage", .string(d.queueCoverage?.text)),
            ("queue_error", .string(d.queueProblem?.message)),
            ("rtc_missed_threshold", .number(d.replicationTime?.missedThreshold)),
            ("rtc_replicated_after_threshold", .number(d.replicationTime?.replicatedAfterThreshold)),
            ("operations_not_tracked", .number(d.replicationTime?.notTracked)),
            ("queue", .array(d.queue.sorted { ($0.writtenAt, $0.key) < ($1.writtenAt, $1.key) }
                .prefix(queueLimit).map { object($0, now) })),
            ("state", .string(state)),
        ])
    }

    /// At most this many queue entries are written per direction (oldest first); `queue_count` has them all.
    public static let queueLimit = 1000

    private static func object(_ object: PendingObject, _ now: Date) -> JSONValue {
        .object([
            ("key", .string(object.key)), ("version_id", .string(object.versionID)), ("size", .number(object.size)),
            ("written_at", .string(iso8601(object.writtenAt))),
            ("age_seconds", .number((object.age(at: now) * 10).rounded() / 10)),
            ("status", .string(object.status.rawValue)), ("failure_reason", .string(object.failureReason)),
            ("note", .string(object.note)),
        ])
    }

    private static func drain(_ estimate: DrainEstimate) -> JSONValue {
        switch estimate {
        case .clear:
            return .object([("state", .string("clear")), ("seconds", .number(0)), ("breaches_rpo", .bool(false))])
        case .draining(let seconds, let breaches):
            return .object([("state", .string("draining")), ("seconds", .number((seconds * 10).rounded() / 10)),
                            ("breaches_rpo", .bool(breaches))])
        case .notDraining(let breaches):
            return .object([("state", .string("not-draining")), ("seconds", .null), ("breaches_rpo", .bool(breaches))])
        case .unknown:
            return .object([("state", .string("unknown")), ("seconds", .null), ("breaches_rpo", .null)])
        }
    }

    private static func rule(_ rule: ReplicationRule) -> JSONValue {
        .object([
            ("id", .string(rule.id)), ("priority", .number(rule.priority)),
            ("status", .string(rule.enabled ? "Enabled" : "Disabled")), ("prefix", .string(rule.prefix)),
            ("tags", .array(rule.tags.map { .string($0) })),
            ("delete_marker_replication", .bool(rule.deleteMarkerReplication)),
            ("replica_modifications", .bool(rule.replicaModifications)),
            ("existing_object_replication", .bool(rule.existingObjectReplication)),
            ("replication_time_control", .bool(rule.replicationTimeControl)),
            ("metrics", .bool(rule.metrics)),
            ("destination_bucket", .string(rule.destinationBucket)),
            ("destination_account", .string(rule.destinationAccount)),
            ("storage_class", .string(rule.storageClass)),
            ("kms_key_id", .string(rule.kmsKeyID)),
            ("sse_kms_encrypted_objects", .bool(rule.sseKmsEncryptedObjects)),
        ])
    }

    /// "2026-11-25T12:28:30Z".
    public static func iso8601(_ date: Date) -> String {
        Format.iso8601(date)
    }
}
