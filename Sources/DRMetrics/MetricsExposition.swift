import DRCore
import Foundation
import Prometheus

/// drtop's judgement as Prometheus series (text exposition format), built afresh from a snapshot so that
/// values not known are absent, never 0. README lists the series.
public enum MetricsExposition {
    /// The exposition of `snapshot` and its judgement.
    public static func render(_ snapshot: Snapshot, assessment: Assessment) -> String {
        let registry = PrometheusCollectorRegistry()
        for region in snapshot.regions where region.reachability != .unknown {
            gauge(registry, "drtop_region_up", labels: [("region", region.name)],
                               help: "1 when the region's APIs answered the last poll, 0 when they did not")
                .set(to: region.reachability == .down ? 0 : 1)
            gauge(registry, "drtop_region_failed_polls", labels: [("region", region.name)],
                  help: "Polls of the region that failed in a row (1: retrying; down after 2, or at once when refused)")
                .set(to: Double(region.consecutiveFailures))
            if let offset = region.clockOffsetSeconds {
                gauge(registry, "drtop_clock_offset_seconds", labels: [("region", region.name)],
                      help: "How far the local clock was found off when signing for the region (corrected)")
                    .set(to: offset)
            }
        }
        for pair in snapshot.pairs {
            guard let judged = assessment.pair(named: pair.name) else { continue }
            let pairLabel = [("pair", pair.name)]
            gauge(registry, "drtop_rpo_seconds", labels: pairLabel, help: "The pair's recovery point objective")
                .set(to: pair.rpoSeconds)
            // Results only: the evidence is not written for metrics.
            gauge(registry, "drtop_failover_verdict", labels: pairLabel,
                               help: "Failover check verdict: 0 GO, 1 GO WITH RISK, 2 NO-GO, 3 UNKNOWN")
                .set(to: Double(judged.verdict.exitCode))
            for item in judged.checks {
                gauge(registry, "drtop_check_result", labels: pairLabel + [("check", item.id)],
                                   help: "Failover checklist item: 0 pass, 1 warn, 2 fail, 3 unknown")
                    .set(to: Double(item.result.code))
            }
            if let loss = judged.acceptedDataLossSeconds {
                gauge(registry, "drtop_accepted_data_loss_seconds", labels: pairLabel,
                                   help: "Data a failover now would give up: lag of primary to secondary").set(to: loss)
            }
            recovery(registry, pair, judged, pairLabel)
            for (index, direction) in pair.directions.enumerated() where !direction.isAbsent {
                let labels = pairLabel + [("source_region", direction.source.region),
                                          ("destination_region", direction.destination.region),
                                          ("source_bucket", direction.source.name),
                                          ("destination_bucket", direction.destination.name)]
                let health = judged.health(index)
                if health.lagShare != nil, let lag = direction.lagSeconds {
                    gauge(registry, "drtop_replication_lag_seconds", labels: labels,
                                       help: "Replication lag of one direction (absent when unknown or stale)").set(to: lag)
                }
                if let canary = direction.canaryLagSeconds {
                    gauge(registry, "drtop_canary_lag_seconds", labels: labels,
                          help: "End-to-end lag measured by drtop's last canary object (--canary)").set(to: canary)
                }
                if let ops = direction.pendingOperations {
                    gauge(registry, "drtop_pending_operations", labels: labels,
                                       help: "Operations waiting to replicate").set(to: Double(ops))
                }
                if let bytes = direction.pendingBytes {
                    gauge(registry, "drtop_pending_bytes", labels: labels,
                                       help: "Bytes waiting to replicate").set(to: Double(bytes))
                }
                if let failed = direction.failedOperations {
                    gauge(registry, "drtop_failed_operations", labels: labels,
                                       help: "Operations that failed to replicate in the last 15 minutes").set(to: Double(failed))
                }
            }
        }
        for request in snapshot.requests {
            // One series per account too: a cross-account side's requests are its own (main: the main credentials).
            counter(registry, "drtop_api_requests_total",
                    labels: [("api", request.api), ("region", request.region), ("account", request.account ?? "main")],
                    help: "API requests drtop sent since it started").increment(by: Int64(request.count))
        }
        if let duration = snapshot.pollDurationSeconds {
            gauge(registry, "drtop_poll_duration_seconds", labels: [], help: "Wall time of the last poll").set(to: duration)
        }
        if snapshot.sequence > 0 {
            gauge(registry, "drtop_last_poll_timestamp_seconds", labels: [], help: "Unix time of the last completed poll")
                .set(to: snapshot.takenAt.timeIntervalSince1970)
        }
        if let cost = snapshot.estimatedMonthlyCostUSD {
            gauge(registry, "drtop_estimated_monthly_cost_usd", labels: [],
                  help: "Estimated monthly cost of drtop's API calls at the current rate").set(to: cost)
        }
        return registry.emitToString()
    }

    /// RTO, traffic and backup series of a pair that names them; each absent when not known.
    private static func recovery(_ registry: PrometheusCollectorRegistry, _ pair: BucketPair, _ judged: PairAssessment,
                                 _ pairLabel: [(String, String)]) {
        if let target = judged.recovery?.targetSeconds {
            gauge(registry, "drtop_rto_target_seconds", labels: pairLabel,
                  help: "The pair's recovery time objective (configured rto, else the strategy's band)").set(to: target)
        }
        if let estimate = judged.recovery?.totalSeconds {
            gauge(registry, "drtop_rto_estimate_seconds", labels: pairLabel,
                  help: "Estimated time to move users to the secondary: slowest routing switch + backlog + restore")
                .set(to: estimate)
        }
        if let traffic = judged.traffic, traffic.decidedBy != nil {
            for share in traffic.shares {
                gauge(registry, "drtop_traffic_active", labels: pairLabel + [("region", share.region)],
                      help: "1 when the deciding routing system sends users to the region, 0 when it does not")
                    .set(to: share.percent > 0 ? 1 : 0)
            }
        }
        for route in pair.traffic?.routes ?? [] {
            let labels = pairLabel + [("kind", route.kind.rawValue), ("region", route.region ?? ""), ("route", route.name)]
            if let carries = route.carriesTraffic {
                gauge(registry, "drtop_route_carries_traffic", labels: labels,
                      help: "1 when the route sends users to its region now, 0 when it does not").set(to: carries ? 1 : 0)
            }
            if let healthy = route.healthy {
                gauge(registry, "drtop_route_healthy", labels: labels,
                      help: "1 when the route's health check or endpoints are healthy, 0 when not").set(to: healthy ? 1 : 0)
            }
        }
        if let backup = judged.backup {
            if let exposure = backup.exposureSeconds {
                gauge(registry, "drtop_backup_exposure_seconds", labels: pairLabel,
                      help: "Time since the newest moment an AWS Backup restore reaches").set(to: exposure)
            }
            if let job = pair.backup?.latestJob {
                gauge(registry, "drtop_backup_last_job_failed", labels: pairLabel,
                      help: "1 when the latest AWS Backup job of the primary bucket failed, aborted, expired or was partial")
                    .set(to: backup.jobFailure == nil || job.state == "COMPLETED" ? 0 : 1)
            }
        }
    }

    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    private static func gauge(_ registry: PrometheusCollectorRegistry, _ name: String, labels: [(String, String)],
                              help: String) -> Gauge {
        registry.makeGauge(descriptor: descriptor(name, help), labels: labels)
    }

    private static func counter(_ registry: PrometheusCollectorRegistry, _ name: String, labels: [(String, String)],
                                help: String) -> Counter {
        registry.makeCounter(descriptor: descriptor(name, help), labels: labels)
    }
}
