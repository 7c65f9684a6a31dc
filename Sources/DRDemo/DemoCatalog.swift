import DRCore

/// The simulated world: two regions and nine bucket pairs of distinct character.
enum DemoCatalog {
    static let east = "us-east-1"
    static let west = "us-west-2"

    private static func bucket(_ name: String, _ region: String) -> Bucket {
        Bucket(name: name, region: region, versioning: .enabled)
    }

    static let pairs: [DemoPairProfile] = [
        // Quiet, well configured, tight RPO.
        DemoPairProfile(
            name: "prod-assets", primary: bucket("prod-assets-use1", east), secondary: bucket("prod-assets-usw2", west),
            strategy: .warmStandby, rpo: nil,
            out: DemoDirectionProfile(rate: 2, burstEvery: 240, burstLength: 20, burstFactor: 3, capacity: 60,
                                      meanSize: 180_000, baseLatency: 3, prefixes: ["img/products/", "css/", "js/"],
                                      ext: "webp"),
            back: DemoDirectionProfile(rate: 0.3, capacity: 60, meanSize: 150_000, baseLatency: 4,
                                       prefixes: ["img/products/"], ext: "webp"),
            routing: PairRouting(route53: .init(zoneID: "Z0DEMO0ASSETS", name: "assets.demo.example."),
                                 mrapARN: "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap")),
        // Busy: steady heavy writes, lag in tens of seconds.
        DemoPairProfile(
            name: "media-uploads", primary: bucket("media-uploads-use1", east),
            secondary: bucket("media-uploads-usw2", west), strategy: .pilotLight, rpo: nil,
            out: DemoDirectionProfile(rate: 30, burstEvery: 180, burstLength: 60, burstFactor: 1.6, capacity: 40,
                                      meanSize: 4_200_000, baseLatency: 8, prefixes: ["uploads/u-", "video/raw/"],
                                      ext: "mp4"),
            back: DemoDirectionProfile(rate: 4, capacity: 40, meanSize: 3_000_000, baseLatency: 9,
                                       prefixes: ["uploads/u-"], ext: "jpg")),
        // A standing backlog that drains and refills: hourly batch loads larger than the throughput.
        DemoPairProfile(
            name: "clickstream-logs", primary: bucket("clickstream-logs-use1", east),
            secondary: bucket("clickstream-logs-usw2", west), strategy: nil, rpo: 600,
            out: DemoDirectionProfile(rate: 20, burstEvery: 600, burstLength: 150, burstFactor: 6, capacity: 45,
                                      meanSize: 2_400_000, baseLatency: 6,
                                      prefixes: ["logs/app=web/dt=2026-11-25/", "logs/app=api/dt=2026-11-25/"],
                                      ext: "json.gz"),
            back: DemoDirectionProfile(rate: 1, capacity: 45, meanSize: 800_000, baseLatency: 6,
                                       prefixes: ["logs/app=batch/"], ext: "json.gz")),
        // Replication failures that come and go: a KMS key missing in the destination region.
        DemoPairProfile(
            name: "billing-exports", primary: bucket("billing-exports-use1", east),
            secondary: bucket("billing-exports-usw2", west), strategy: .pilotLight, rpo: nil,
            out: DemoDirectionProfile(rate: 3, capacity: 30, meanSize: 900_000, baseLatency: 5, failureShare: 0.3,
                                      failureReason: "DstKmsKeyNotFound", failureEvery: 2400, failureLength: 300,
                                      kmsKey: "alias/billing-usw2", prefixes: ["cur/2026/11/", "invoices/"],
                                      ext: "parquet"),
            back: DemoDirectionProfile(rate: 0.5, capacity: 30, meanSize: 400_000, baseLatency: 5,
                                       kmsKey: "alias/billing-use1", prefixes: ["invoices/"], ext: "pdf")),
        // Large objects, RTC off.
        DemoPairProfile(
            name: "ml-datasets", primary: bucket("ml-datasets-use1", east), secondary: bucket("ml-datasets-usw2", west),
            strategy: .pilotLight, rpo: nil,
            out: DemoDirectionProfile(rate: 0.2, burstEvery: 900, burstLength: 120, burstFactor: 5, capacity: 0.5,
                                      meanSize: 150_000_000, baseLatency: 20, rtc: false,
                                      storageClass: "STANDARD_IA", prefixes: ["train/shard-", "eval/shard-"],
                                      ext: "tfrecord"),
            back: DemoDirectionProfile(rate: 0.05, capacity: 0.5, meanSize: 90_000_000, baseLatency: 20, rtc: false,
                                       storageClass: "STANDARD_IA", prefixes: ["checkpoints/"], ext: "ckpt")),
        // Active-active with writes on both sides; delete markers replicate one way only.
        DemoPairProfile(
            name: "user-content", primary: bucket("user-content-use1", east),
            secondary: bucket("user-content-usw2", west), strategy: .activeActive, rpo: nil,
            out: DemoDirectionProfile(rate: 10, burstEvery: 300, burstLength: 30, burstFactor: 3, capacity: 60,
                                      meanSize: 350_000, baseLatency: 3, deleteMarkers: true,
                                      prefixes: ["avatars/", "posts/"], ext: "png"),
            back: DemoDirectionProfile(rate: 8, burstEvery: 300, burstLength: 30, burstFactor: 2, capacity: 60,
                                       meanSize: 300_000, baseLatency: 3, deleteMarkers: false,
                                       prefixes: ["avatars/", "posts/"], ext: "png"),
            routing: PairRouting(acceleratorARN: "arn:aws:globalaccelerator::123456789012:accelerator/1a2b3c4d-demo")),
        // One-way backups: no rule back.
        DemoPairProfile(
            name: "db-backups", primary: bucket("db-backups-use1", east), secondary: bucket("db-backups-usw2", west),
            strategy: .backupAndRestore, rpo: nil,
            out: DemoDirectionProfile(rate: 0.02, capacity: 0.05, meanSize: 2_000_000_000, baseLatency: 60, rtc: false,
                                      storageClass: "GLACIER_IR", prefixes: ["pg/prod/base/", "pg/prod/wal/"],
                                      ext: "tar.zst"),
            back: nil, backupVault: "prod-backups"),
        // No replication at all: a ledger archive protected by AWS Backup alone, every six hours, RPO a day.
        DemoPairProfile(
            name: "ledger-archive", primary: bucket("ledger-archive-use1", east),
            secondary: bucket("ledger-archive-usw2", west), strategy: .backupAndRestore, rpo: 86_400,
            out: nil, back: nil, backupVault: "ledger-vault", backupEvery: 6 * 3600),
        // Primary in us-west-2.
        DemoPairProfile(
            name: "web-static", primary: bucket("web-static-usw2", west), secondary: bucket("web-static-use1", east),
            strategy: .pilotLight, rpo: nil,
            out: DemoDirectionProfile(rate: 0.5, capacity: 40, meanSize: 60_000, baseLatency: 4,
                                      prefixes: ["site/", "assets/"], ext: "html"),
            back: DemoDirectionProfile(rate: 0.1, capacity: 40, meanSize: 60_000, baseLatency: 4,
                                       prefixes: ["site/"], ext: "html"),
            routing: PairRouting(
                route53: .init(zoneID: "Z0DEMO0WEB", name: "www.demo.example."),
                arc: .init(clusterARN: "arn:aws:route53-recovery-control::123456789012:cluster/demo-cluster",
                           controls: [west: "arn:aws:route53-recovery-control::123456789012:controlpanel/demo/routingcontrol/web-usw2",
                                      east: "arn:aws:route53-recovery-control::123456789012:controlpanel/demo/routingcontrol/web-use1"]))),
    ]
}
