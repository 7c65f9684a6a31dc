import ArgumentParser
import DRCore
import DRFrontDoor

/// Where the data comes from, and how it is judged: shared by the dashboard and `drtop snapshot`. The options
/// only: `request` maps them to a `SourceRequest`, which the library validates and builds.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Configuration file (TOML). Default: $XDG_CONFIG_HOME/drtop/config.toml when it exists; else the demo.",
        valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("AWS profile (wins over the file's profile and AWS_PROFILE).",
                                            valueName: "name"))
    var profile: String?

    @Flag(name: .long, help: "Run the embedded demo (the default while no configuration is given).")
    var demo = false

    @Flag(name: .long, help: "Build the pairs from the account's buckets and their replication rules.")
    var discover = false

    @Option(name: .customLong("secondary-profile"), help: ArgumentHelp(
        "With --discover: also list the buckets of this profile's account (DR buckets in a separate account) and "
            + "pair across both; that account's buckets are read with this profile.", valueName: "name"))
    var secondaryProfile: String?

    @Flag(name: .long, help: ArgumentHelp(
        "Write a tiny object under drtop-canary/ in each source bucket every few polls and time its arrival on the "
            + "other side: true end-to-end lag. The only thing drtop ever writes, and only with this flag."))
    var canary = false

    @Flag(name: .customLong("no-queue"), help: ArgumentHelp(
        "Do not follow single objects (no ListObjectVersions, HeadObject or event queue reads): configuration and "
            + "CloudWatch only. For very large fleets or tight API budgets; the drill-down's queue stays empty."))
    var noQueue = false

    @Option(name: .customLong("canary-every"), help: ArgumentHelp("Polls between canaries.", valueName: "n"))
    var canaryEvery: Int = Defaults.canaryEveryPolls

    @Option(name: .long, help: ArgumentHelp(
        "Seconds between polls (default: \(Int(Defaults.demoRefreshSeconds)) for the demo; against real APIs the file's "
            + "refresh, else \(Int(Defaults.realAPIRefreshSeconds))). A pair's routing dials, controls and health checks "
            + "are read every poll; its Route 53 records and AWS Backup every \(Int(Defaults.routingRefreshSeconds)) s.",
                                            valueName: "seconds"))
    var refresh: Double?

    @Option(name: .long, help: ArgumentHelp("Demo: seed of the simulation; the same seed gives the same world.",
                                            valueName: "n"))
    var seed: UInt64 = Defaults.demoSeed

    @Option(name: .long, help: ArgumentHelp("Demo: scenario to start in.", valueName: "name"))
    var scenario: DemoScenarioArgument = .steady

    @Option(name: .long, help: ArgumentHelp(
        "RPO for pairs that name neither an RPO nor a DR strategy (90s, 15m, 1h30m). Default "
            + "\(Format.duration(Defaults.rpoSeconds)), the RTC window.",
        valueName: "duration"))
    var rpo: DurationArgument?

    @Option(name: .customLong("warn-at"), help: ArgumentHelp(
        "Lag share of the RPO, in percent, from which a direction is a warning (default "
            + "\(Defaults.percent(Defaults.warningPercent / 100))).", valueName: "percent"))
    var warnAt: Double?

    @Option(name: .customLong("breach-at"), help: ArgumentHelp(
        "Lag share of the RPO, in percent, above which a direction is a breach (default "
            + "\(Defaults.percent(Defaults.breachPercent / 100))).", valueName: "percent"))
    var breachAt: Double?

    /// The request these options make; `timeout` and `onlyPair` are the command's own (`drtop check`);
    /// `lagHistoryAtStart` the dashboard's: three hours of lag for its sparklines, read with the object queue by
    /// the poll right after its first look (`SourceRequest.firstLookFirst`).
    func request(timeout: Double? = nil, onlyPair: String? = nil, lagHistoryAtStart: Bool = false) -> SourceRequest {
        var request = SourceRequest()
        request.lagHistoryAtStart = lagHistoryAtStart
        request.firstLookFirst = lagHistoryAtStart
        request.demo = demo
        request.configPath = config
        request.discover = discover
        request.profile = profile
        request.secondaryProfile = secondaryProfile
        request.canary = canary
        request.canaryEvery = canaryEvery
        request.noQueue = noQueue
        request.refreshSeconds = refresh
        request.seed = seed
        request.scenario = scenario.scenario
        request.rpoSeconds = rpo?.seconds
        request.warnAtPercent = warnAt
        request.breachAtPercent = breachAt
        request.commandTimeout = timeout
        request.onlyPair = onlyPair
        return request
    }

    func validate() throws {
        if let problem = request().problem { throw ValidationError(problem) }
    }
}
