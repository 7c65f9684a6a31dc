import DRCore
import DRDemo

/// What a command asks of its data source: where the data comes from, how it is judged, and what the command
/// itself needs (its timeout, the one pair it asks about). `SourceAssembly` turns it into a `BuiltSource`.
/// Every field left nil takes drtop's default (`Defaults`) or the configuration file's value.
package struct SourceRequest: Sendable, Equatable {
    /// Run the embedded demo even when a default configuration file exists.
    package var demo = false
    /// The configuration file (TOML); nil: the default path when it exists, else the demo.
    package var configPath: String?
    /// Build the pairs from the account's buckets and their replication rules.
    package var discover = false
    /// The AWS profile (wins over the file's profile and AWS_PROFILE).
    package var profile: String?
    /// With discovery: also list this profile's account and pair across both.
    package var secondaryProfile: String?
    /// Write canaries (the only writes drtop ever makes).
    package var canary = false
    /// Polls between canaries.
    package var canaryEvery = Defaults.canaryEveryPolls
    /// Do not follow single objects: configuration and CloudWatch only.
    package var noQueue = false
    /// Seconds between polls; nil: the file's refresh, else the source kind's default.
    package var refreshSeconds: Double?
    /// The demo's seed.
    package var seed = Defaults.demoSeed
    /// The demo's starting scenario.
    package var scenario = DemoScenario.steady
    /// The RPO of pairs that name neither an RPO nor a strategy; nil: the file's, else `Defaults.rpoSeconds`.
    package var rpoSeconds: Double?
    /// Lag share of the RPO, in percent, from which a direction is a warning; nil: the file's, else the default.
    package var warnAtPercent: Double?
    /// Lag share of the RPO, in percent, above which a direction is a breach; nil: the file's, else the default.
    package var breachAtPercent: Double?
    /// A headless command's own timeout (`drtop check --timeout`): requests get a share of it, so that a region
    /// that holds requests is reported before the command gives up.
    package var commandTimeout: Double?
    /// The one pair a headless command asks about (`drtop check --pair`): a configuration's other pairs are not
    /// read at all; discovery reads that pair's buckets first, and the whole account only when they do not make
    /// the pair (a Ceph realm is still read whole).
    package var onlyPair: String?

    /// Whether the first poll of each region reads the last three hours of lag (`AWSSource.historySeconds`):
    /// the dashboard's sparklines and chart. Headless commands draw none and judge from the 15 minutes every
    /// poll reads, so they set it false and their first answer comes sooner.
    package var lagHistoryAtStart = true

    /// Whether the first poll of each region is a first look (the dashboard's): what the overview and the
    /// failover check judge (configuration, the last 15 minutes of metrics, routing, backups), with the history
    /// and the object queue read by the poll right after it, so that the first frame waits for fewer requests
    /// (`AWSSource.firstLookFirst`).
    package var firstLookFirst = false

    /// A request for the demo with every default.
    package init() {}

    /// What is wrong with the request as asked, in one line (nil: nothing).
    package var problem: String? {
        if let refresh = refreshSeconds, !(refresh.isFinite && refresh >= 0.2 && refresh <= 3600) {
            return "--refresh must be between 0.2 and 3600 seconds (got \(refresh))"
        }
        let warn = warnAtPercent ?? Defaults.warningPercent, breach = breachAtPercent ?? Defaults.breachPercent
        guard warn > 0, breach > 0, warn <= breach else {
            return "--warn-at must be above 0 and at most --breach-at (got \(warn) and \(breach))"
        }
        guard canaryEvery >= 1 else { return "--canary-every must be at least 1" }
        if demo, canary { return "--canary writes to real buckets; the demo has none" }
        if demo, configPath != nil || discover { return "--demo excludes --config and --discover" }
        return nil
    }
}
