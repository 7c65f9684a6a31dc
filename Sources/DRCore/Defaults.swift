/// drtop's defaults, each with this one owner: the command-line help, the configuration reader, the demo, the
/// source assembly and the help screen all read them here, so changing one changes every place that says it.
public enum Defaults {
    /// The RPO of a pair that names neither an RPO nor a DR strategy: 15 minutes, S3 Replication Time Control's
    /// window.
    public static let rpoSeconds: Double = 900
    /// Lag share of the RPO, in percent, from which a direction is a warning.
    public static let warningPercent: Double = 50
    /// Lag share of the RPO, in percent, above which a direction is a breach.
    public static let breachPercent: Double = 100
    /// Metrics older than this many seconds are stale and judged unknown: CloudWatch publishes replication metrics
    /// each minute, a few minutes late.
    public static let staleAfterSeconds: Double = 600
    /// How far back trend and drain estimates look, in seconds.
    public static let trendWindowSeconds: Double = 300
    /// Seconds between polls of the demo.
    public static let demoRefreshSeconds: Double = 2
    /// Seconds between polls against real AWS APIs: CloudWatch replication metrics have one-minute resolution and
    /// are billed per metric requested.
    public static let realAPIRefreshSeconds: Double = 60
    /// Seconds between polls of a Ceph realm alone: the admin API costs nothing per call.
    public static let cephRefreshSeconds: Double = 5
    /// Seconds between reads of the buckets' replication configuration (it changes rarely).
    public static let configRefreshSeconds: Double = 300
    /// Polls between canaries (`--canary`).
    public static let canaryEveryPolls = 5
    /// The demo's seed: the same seed gives the same world.
    public static let demoSeed: UInt64 = 42
    /// Seconds an S3 Multi-Region Access Point route change takes to apply, as AWS documents it
    /// (SubmitMultiRegionAccessPointRoutes: "up to 2 minutes").
    public static let mrapRouteChangeSeconds: Double = 120
    /// Bytes per second a restore from AWS Backup is assumed to write, for the RTO estimate of backup-and-restore
    /// pairs (AWS publishes no restore rate; this is drtop's assumption, said next to every estimate that uses it).
    public static let restoreBytesPerSecond: Double = 100 * 1024 * 1024
    /// The TTL an alias record is assumed to answer with (Route 53 alias records have none of their own: an
    /// Elastic Load Balancer's is 60 s), said next to every RTO estimate that uses it.
    public static let aliasTTLSeconds: Double = 60
    /// Seconds between reads of what changes slowly in a pair's routing and recovery: Route 53's failover records
    /// and health check settings, and AWS Backup's recovery points and jobs (also at once on `r`). The dials,
    /// routing controls and health states a failover moves are read every poll.
    public static let routingRefreshSeconds: Double = 60
    /// Seconds a connection may take to open.
    public static let connectTimeoutSeconds: Double = 3

    /// Seconds one request may take: as long as one refresh, from 1 to 10 s, so that at a 1 s refresh a held
    /// request is given up and retried within the poll (whose deadline is two refreshes) instead of failing it.
    /// A headless command with its own timeout gives each request at most an eighth of it, so that a region that
    /// holds requests is reported before the command gives up.
    public static func requestTimeout(refresh: Double, commandTimeout: Double? = nil) -> Double {
        min(10, max(1, commandTimeout.map { min(refresh, $0 / 8) } ?? refresh))
    }

    /// "50–100 %": the warning-to-breach band of `thresholds`, as the help screen says it.
    public static func band(_ thresholds: Thresholds) -> String {
        "\(percent(thresholds.warningShare))–\(percent(thresholds.breachShare)) %"
    }

    /// A share as a percentage without a needless ".0": 0.5 → "50", 0.375 → "37.5".
    public static func percent(_ share: Double) -> String {
        let value = share * 100
        let rounded = value.rounded()
        if abs(value - rounded) < 1e-9, abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(value)
    }
}
