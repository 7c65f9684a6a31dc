import ArgumentParser
import DRCore
import DRRender
import DRSources
import DRTerminal
import Foundation

@main
struct Drtop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drtop",
        abstract: "A terminal dashboard for S3 cross-region replication: lag against RPO, backlog, failover readiness.",
        discussion: """
            drtop watches pairs of S3 buckets in two regions that replicate to each other. For each pair and \
            direction it shows the replication lag against the pair's recovery point objective (RPO), what is \
            waiting to replicate, what failed, and whether failing over now is safe (f: the failover check).

            With no configuration drtop runs its embedded DEMO: two simulated regions (us-east-1 ⇄ us-west-2) \
            with eight bucket pairs whose replication drifts, backs up, fails and recovers. Keys 1-4 switch the \
            demo scenario live, so a team can rehearse a failover. drtop never writes to anything it watches.

            EXAMPLES
              drtop                            the demo
              drtop --scenario region-outage   the demo, us-west-2 unreachable
              drtop --refresh 5 --rpo 5m       poll every 5 s; default RPO 5m
              NO_COLOR=1 drtop                 no colours (states keep symbols)

            KEYS
              ↑↓ jk select    ⏎ drill in    Tab direction    f failover check
              e export check  r refresh     s sort           / filter
              Esc back        ? help        q quit           1-4 demo scenarios
            """,
        version: DrtopVersion.string
    )

    @Flag(name: .long, help: "Run the embedded demo (the default while no configuration is given).")
    var demo = false

    @Option(name: .long, help: ArgumentHelp("Seconds between polls.", valueName: "seconds"))
    var refresh: Double = 2

    @Option(name: .long, help: ArgumentHelp("Demo: seed of the simulation; the same seed gives the same world.",
                                            valueName: "n"))
    var seed: UInt64 = 42

    @Option(name: .long, help: ArgumentHelp("Demo: scenario to start in.", valueName: "name"))
    var scenario: DemoScenarioArgument = .steady

    @Option(name: .long, help: ArgumentHelp(
        "RPO target for pairs that name neither an RPO nor a DR strategy (90s, 15m, 1h30m). 15m is the RTC window.",
        valueName: "duration"))
    var rpo: DurationArgument = DurationArgument(argument: "15m")!

    @Option(name: .customLong("warn-at"), help: ArgumentHelp("Lag share of the RPO, in percent, from which a direction is a warning.",
                                                  valueName: "percent"))
    var warnAt: Double = 50

    @Option(name: .customLong("breach-at"), help: ArgumentHelp("Lag share of the RPO, in percent, above which a direction is a breach.",
                                                    valueName: "percent"))
    var breachAt: Double = 100

    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        guard refresh.isFinite, refresh >= 0.2, refresh <= 3600 else {
            throw ValidationError("--refresh must be between 0.2 and 3600 seconds (got \(refresh))")
        }
        guard warnAt > 0, breachAt > 0, warnAt <= breachAt else {
            throw ValidationError("--warn-at must be above 0 and at most --breach-at (got \(warnAt) and \(breachAt))")
        }
    }

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw ValidationError("drtop draws a dashboard and needs a terminal on standard input and output")
        }
        let start = Date()
        let thresholds = Thresholds(warningShare: warnAt / 100, breachShare: breachAt / 100)
        let source = DemoSource(seed: seed, scenario: scenario.scenario, start: start, defaultRPOSeconds: rpo.seconds)
        let poller = Poller(source: source, intervalSeconds: refresh)
        let inbox = EventInbox()
        let stream = poller.start()
        Task.detached {
            for await snapshot in stream { inbox.post(.snapshot(snapshot)) }
        }
        let app = TerminalApp(inbox: inbox) { reaction in
            if let name = reaction.scenario, let scenario = DemoScenario(rawValue: name) {
                source.setScenario(scenario)
            }
            if reaction.refresh { poller.refreshNow() }
            if let export = reaction.export {
                Task.detached { inbox.post(ReportExport.write(export.markdown, named: export.fileName)) }
            }
        }
        let state = AppState(now: start, demo: true, thresholds: thresholds)
        let color = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        let signal = app.run(state, color: color)
        poller.stop()
        if let signal { Foundation.exit(128 + signal) }
    }
}
