import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// The drill-down at the three sizes drtop promises: nothing cut without an ellipsis, the primary named, and
/// queue rows even at 60x15.
@Suite struct DrillDownScreenTests {
    static func drill(width: Int, height: Int) -> AppState {
        ScreenTests.press(ScreenTests.state(width: width, height: height), .down, .down, .enter)
    }

    @Test func at120x40() {
        #expect(Renderer.render(Self.drill(width: 120, height: 40)).text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ logs ─ polled 3s ago  DEMO                                                      ? help
             logs   primary logs-use1 (us-east-1) ⇄ logs-usw2 (us-west-2) · RPO 10m · pilot light · versioning Enabled/Enabled
             RULES
             DIR RULE              STATUS    PRI  FILTER          DESTINATION            CLASS        DM   RM   RTC  MET  KMS
             →   to-logs-usw2      Enabled   1    whole bucket    logs-usw2              STANDARD     on   on   on   on   —
             ←   to-logs-use1      Enabled   1    whole bucket    logs-use1              STANDARD     on   on   on   on   —

             LAG  logs-use1 → logs-usw2  ▲ 6m = 60% of RPO · trend growing  (Tab: other direction)
               12m┤
                  ┤╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ RPO 10m
                  ┤
                  ┤                                                                                                              ▁▂
                  ┤                                                                                                             ▇██
                  ┤                                                                                                             ███
                0s┤·············································································································███
                  └−1h ─────────────────────────── demo simulator (not real data) · ·: not measured ─────────────────────────── now
             backlog 88,410 ops / 212 GiB · not draining at the current rate
             failures (15m): 17 — DstKmsKeyNotFound ×17
             QUEUE by age ▼  queue: 29 waiting, 1 failed · CloudWatch: 88,410 pending
             KEY                                            VERSION              SIZE      AGE STATUS    REASON
             logs/app=web/part-1000.json.gz                 v0abcdefghijk…     1000 B    6m43s PENDING
             logs/app=web/part-1001.json.gz                 v1abcdefghijk…    2.0 KiB    6m33s PENDING
             logs/app=web/part-1002.json.gz                 v2abcdefghijk…    2.9 KiB    6m23s PENDING
             logs/app=web/part-1003.json.gz                 v3abcdefghijk…    3.9 KiB    6m13s PENDING
             logs/app=web/part-1004.json.gz                 v4abcdefghijk…    4.9 KiB    6m03s PENDING
             logs/app=web/part-1005.json.gz                 v5abcdefghijk…    5.9 KiB    5m53s PENDING
             logs/app=web/part-1006.json.gz                 v6abcdefghijk…    6.8 KiB    5m43s PENDING
             logs/app=web/part-1007.json.gz                 v7abcdefghijk…    7.8 KiB    5m33s PENDING
             logs/app=web/part-1008.json.gz                 v8abcdefghijk…    8.8 KiB    5m23s PENDING
             logs/app=web/part-1009.json.gz                 v9abcdefghijk…    9.8 KiB    5m13s PENDING
             logs/app=web/part-1010.json.gz                 v10abcdefghij…     11 KiB    5m03s PENDING
             logs/app=web/part-1011.json.gz                 v11abcdefghij…     12 KiB    4m53s PENDING
             logs/app=web/part-1012.json.gz                 v12abcdefghij…     13 KiB    4m43s PENDING
             logs/app=web/part-1013.json.gz                 v13abcdefghij…     14 KiB    4m33s PENDING
             logs/app=web/part-1014.json.gz                 v14abcdefghij…     15 KiB    4m23s PENDING
             logs/app=web/part-1015.json.gz                 v15abcdefghij…     16 KiB    4m13s PENDING
             logs/app=web/part-1016.json.gz                 v16abcdefghij…     17 KiB    4m03s PENDING
             logs/app=web/part-1017.json.gz                 v17abcdefghij…     18 KiB    3m53s PENDING
             re-drive the failed objects: f, then e writes the S3 Batch Replication job (printed, never run)
             ↑↓ select  Tab direction  f failover check  o look up  r refresh  s sort  c chart  Esc back  ? help  q quit
            """)
    }

    @Test func at80x24() {
        #expect(Renderer.render(Self.drill(width: 80, height: 24)).text == """
             drtop ─ us-east-1 ⇄ us-west-2 ─ logs ─ polled 3s ago  DEMO              ? help
             logs   primary logs-use1 (us-east-1) ⇄ logs-usw2 (us-west-2) · RPO 10m
             RULES
             DIR RULE       STATUS    PRI  FILTER    DESTINATION   DM   RM   RTC  MET  KMS
             →   to-logs-u… Enabled   1    whole bu… logs-usw2     on   on   on   on   —
             ←   to-logs-u… Enabled   1    whole bu… logs-use1     on   on   on   on   —

             LAG  logs-use1 → logs-usw2  ▲ 6m = 60% of RPO · trend growing
               12m┤╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ RPO 10m
                0s┤······································································▇█
                  └−1h ─────── demo simulator (not real data) · ·: not measured ─────── now
             backlog 88,410 ops / 212 GiB · not draining at the current rate
             failures (15m): 17 — DstKmsKeyNotFound ×17
             QUEUE by age ▼  queue: 29 waiting, 1 failed · CloudWatch: 88,410 pending
             KEY                                SIZE      AGE STATUS    REASON
             logs/app=web/part-1000.json…     1000 B    6m43s PENDING
             logs/app=web/part-1001.json…    2.0 KiB    6m33s PENDING
             logs/app=web/part-1002.json…    2.9 KiB    6m23s PENDING
             logs/app=web/part-1003.json…    3.9 KiB    6m13s PENDING
             logs/app=web/part-1004.json…    4.9 KiB    6m03s PENDING
             logs/app=web/part-1005.json…    5.9 KiB    5m53s PENDING
             logs/app=web/part-1006.json…    6.8 KiB    5m43s PENDING
             re-drive the failed objects: f, then e writes the S3 Batch Replication job (pr…
             ↑↓ select  Tab direction  f failover check  o look up  r refresh  s sort
            """)
    }

    @Test func at60x15() {
        #expect(Renderer.render(Self.drill(width: 60, height: 15)).text == """
             drtop ─ logs ─ polled 3s ago  DEMO                  ? help
             logs   primary logs-use1 (us-east-1) ⇄ logs-usw2 (us-west…
             DIR RULE   STATUS    PRI  FILT… DESTIN… DM   RM   RTC  MET…
             →   to-lo… Enabled   1    whol… logs-u… on   on   on   on …
             ←   to-lo… Enabled   1    whol… logs-u… on   on   on   on …
             LAG  logs-use1 → logs-usw2  ▲ 6m = 60% of RPO · trend grow…
             backlog 88,410 ops / 212 GiB · not draining at the current…
             failures (15m): 17 — DstKmsKeyNotFound ×17
             QUEUE by age ▼  queue: 29 waiting, 1 failed · CloudWatch: …
             KEY                    SIZE      AGE STATUS    REASON
             logs/app=web/pa…     1000 B    6m43s PENDING
             logs/app=web/pa…    2.0 KiB    6m33s PENDING
             logs/app=web/pa…    2.9 KiB    6m23s PENDING
             re-drive the failed objects: f, then e writes the S3 Batch…
             ↑↓ select  Tab direction  f failover check  o look up
            """)
    }

    @Test func theQueueKeepsRowsAt60x15AndScrolls() {
        var state = Self.drill(width: 60, height: 15)
        #expect(DrillDownScreen.queueCapacity(state) == 3)
        state = ScreenTests.press(state, .end)
        #expect(Renderer.render(state).text.contains("FAILED"))
    }
}

/// A pair whose buckets share one name (a Ceph bucket, in both zones of its realm): the drill-down's LAG arrow
/// names the regions, which tell the sides apart, not "photos → photos".
@Suite struct SameNamedBucketsDrillDownTests {
    @Test func theLagArrowNamesTheRegionsWhenTheBucketNamesAreEqual() {
        let a = Bucket(name: "photos", region: "zone-a", versioning: .enabled)
        let b = Bucket(name: "photos", region: "zone-b", versioning: .enabled)
        let pair = BucketPair(name: "photos", primary: a, secondary: b, rpoSeconds: 900,
                              fromPrimary: Fixtures.direction(a, b, lag: 48), toPrimary: Fixtures.direction(b, a, lag: 12))
        var snapshot = Fixtures.snapshot([pair])
        snapshot.regions = [Fixtures.region("zone-a"), Fixtures.region("zone-b")]
        var state = AppState(now: Fixtures.now.addingTimeInterval(3), demo: false, width: 80, height: 24)
        state = Reducer.reduce(state, .snapshot(snapshot)).0
        let forward = Renderer.render(ScreenTests.press(state, .enter)).text
        let lag = forward.split(separator: "\n").first { $0.contains(" LAG ") }.map(String.init) ?? ""
        #expect(lag.hasPrefix(" LAG  photos zone-a → zone-b  "), "\(forward)")
        let back = Renderer.render(ScreenTests.press(state, .enter, .tab)).text
        #expect(back.contains(" LAG  photos zone-b → zone-a  "), "\(back)")
        #expect(!forward.contains("photos → photos") && !back.contains("photos → photos"))
    }
}
