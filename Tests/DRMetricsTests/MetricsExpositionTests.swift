import DRCore
import DRMetrics
import DRTestSupport
import Foundation
import Testing

@Suite struct MetricsExpositionTests {
    let text = MetricsExposition.render(Fixtures.world(west: .down),
                                        assessment: Assessment(Fixtures.world(west: .down), thresholds: .standard,
                                                               now: Fixtures.now))

    @Test func seriesCarryTheJudgement() {
        #expect(text.contains(#"drtop_region_up{region="us-west-2"} 0"#))
        #expect(text.contains(#"drtop_region_up{region="us-east-1"} 1"#))
        #expect(text.contains(#"drtop_rpo_seconds{pair="logs"} 600"#))
        #expect(text.contains(#"drtop_failover_verdict{pair="app"} 2"#), "target region down: NO-GO")
        #expect(text.contains(#"drtop_check_result{pair="app",check="target-reachable"} 2"#))
        #expect(text.contains(#"drtop_pending_operations{pair="logs",source_region="us-east-1",destination_region="us-west-2",source_bucket="logs-use1",destination_bucket="logs-usw2"} 88410"#))
        #expect(text.contains(#"drtop_failed_operations{pair="logs",source_region="us-east-1""#))
        #expect(text.contains("# HELP drtop_replication_lag_seconds"))
    }

    @Test func unknownValuesAreAbsentNotZero() {
        // "backup" primary → secondary has no lag, no backlog known; its way back is not replicated.
        #expect(!text.contains(#"drtop_replication_lag_seconds{pair="backup""#))
        #expect(!text.contains(#"drtop_pending_operations{pair="backup""#))
        #expect(!text.contains(#"drtop_accepted_data_loss_seconds{pair="backup""#))
    }

    /// Traffic, RTO and backup series for the pairs that name them; what was not read is absent.
    @Test func trafficRTOAndBackupSeries() {
        let world = Fixtures.routedWorld()
        let text = MetricsExposition.render(world, assessment: Assessment(world, thresholds: .standard, now: Fixtures.now))
        #expect(text.contains(#"drtop_rto_target_seconds{pair="app"} 900"#))
        #expect(text.contains(#"drtop_rto_estimate_seconds{pair="app"} 150"#))
        #expect(text.contains(#"drtop_traffic_active{pair="app",region="us-east-1"} 1"#))
        #expect(text.contains(#"drtop_traffic_active{pair="app",region="us-west-2"} 0"#))
        #expect(text.contains(#"drtop_route_healthy{pair="app",kind="route53",region="us-west-2",route="us-west-2"} 0"#))
        #expect(text.contains(#"drtop_route_carries_traffic{pair="app",kind="mrap",region="us-east-1",route="us-east-1"} 1"#))
        #expect(text.contains(#"drtop_backup_exposure_seconds{pair="backup"} 3600"#))
        // "logs": its records were not read, so neither its shares nor its estimate are there.
        #expect(!text.contains(#"drtop_traffic_active{pair="logs""#))
        #expect(!text.contains(#"drtop_rto_estimate_seconds{pair="logs""#))
        #expect(text.contains(#"drtop_rto_target_seconds{pair="logs"} 14400"#))
    }
}
