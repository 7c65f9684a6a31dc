import ArgumentParser
import DRAWS
import DRCore
import DRDemo
import DRRender
import DRSourceKit
import DRTerminal
import Foundation

@main
struct Drtop: ParsableCommand {
    // The defaults the overview names, read from their one owner.
    private static let demoRefresh = Int(Defaults.demoRefreshSeconds), awsRefresh = Int(Defaults.realAPIRefreshSeconds)
    private static let rpo = Format.duration(Defaults.rpoSeconds)
    private static let warn = Defaults.percent(Defaults.warningPercent / 100)
    private static let breach = Defaults.percent(Defaults.breachPercent / 100)

    static let configuration = CommandConfiguration(
        commandName: "drtop",
        abstract: "A terminal dashboard for S3 cross-region replication: lag against RPO, backlog, failover readiness.",
        discussion: """
            drtop watches pairs of S3 buckets in two regions that replicate to each other. For each pair and \
            direction it shows the replication lag against the pair's recovery point objective (RPO), what is \
            waiting to replicate, what failed, and whether failing over now is safe (f: the failover check).

            With no configuration drtop runs its embedded DEMO: two simulated regions (us-east-1 ⇄ us-west-2) \
            with eight bucket pairs whose replication drifts, backs up, fails and recovers. Keys 1-4 switch the \
            demo scenario live, so a team can rehearse a failover. With --config FILE it watches real buckets \
            through the S3 and CloudWatch APIs, with credentials from the standard AWS environment. drtop never \
            writes to anything it watches unless asked for canaries (--canary: its own drtop-canary/ prefix only).

            EXAMPLES
              drtop                            the demo
              drtop --scenario region-outage   the demo, us-west-2 unreachable
              drtop --config prod.toml         watch the pairs listed in prod.toml
              drtop snapshot --json            one poll, printed as JSON
              drtop check --pair prod-assets   the failover check; exit 0/1/2/3
              drtop serve --config prod.toml   Prometheus metrics on 127.0.0.1:9464
              drtop object prod-assets KEY     is this object replicated? both sides' copy
              drtop diff prod-assets           what exactly is missing on one side?
              NO_COLOR=1 drtop                 no colours (states keep symbols)

            OPTIONS (all of them: drtop help dashboard)
              --config FILE      watch real buckets (TOML; README shows the format)
              --profile NAME     AWS profile        --refresh SECONDS  (demo \(demoRefresh), AWS \(awsRefresh))
              --rpo DURATION     default RPO (\(rpo))  --warn-at/--breach-at PERCENT (\(warn)/\(breach))
              --demo  --seed N  --scenario NAME     --no-color

            KEYS
              ↑↓ jk select    ⏎ drill in    Tab direction    f failover check
              e export check  r refresh     s sort           / filter
              o look up object                      1-4 demo scenarios
              Esc back        ? help        q quit
            """,
        version: DrtopInfo.version,
        subcommands: [Dashboard.self, SnapshotCommand.self, CheckCommand.self, ServeCommand.self, ObjectCommand.self,
                      DiffCommand.self],
        defaultSubcommand: Dashboard.self
    )

    /// Runs the command; `drtop check` turns every failure to give a verdict into one line and exit status 3.
    static func main() {
        MallocSettings.apply()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let verb = CommandLine.arguments.dropFirst().first
            if ["check", "object", "diff"].contains(verb), exitCode(for: error) != .success {
                var line = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                if line.hasPrefix("Error: ") { line.removeFirst(7) }
                FileHandle.standardError.write(Data("drtop \(verb!): \(line)\n".utf8))
                Foundation.exit(3)
            }
            exit(withError: error)
        }
    }
}

/// The dashboard: the default command.
struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "The terminal dashboard (what `drtop` runs).")

    @OptionGroup var source: SourceOptions

    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    @Option(name: .customLong("export-dir"), help: ArgumentHelp(
        "Where e writes the failover check (Markdown). Default: $XDG_STATE_HOME/drtop when set, else the current "
            + "directory; the full path is shown on screen.", valueName: "dir"))
    var exportDir: String?

    func run() throws {
        let start = Date()
        let built = Startup.build(source, start: start, lagHistoryAtStart: true)
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw ValidationError("drtop draws a dashboard and needs a terminal on standard input and output "
                                  + "(for scripts: drtop snapshot --json)")
        }
        let poller = Poller(source: built.source, intervalSeconds: built.refreshSeconds)
        let inbox = EventInbox()
        let stream = poller.start()
        // Judged here, off the UI thread, when a snapshot arrives and again when the clock passes a boundary of
        // its judgement: a fleet of thousands of pairs never holds up a key.
        let judged = AssessmentBox(thresholds: built.thresholds)
        Task.detached {
            for await snapshot in stream {
                judged.set(snapshot) { inbox.post(.assessed($0, $1)) }
            }
        }
        let demo = built.demo
        let exportTo = ReportExport.directories(exportDir: exportDir, environment: ProcessInfo.processInfo.environment)
        let app = TerminalApp(inbox: inbox) { reaction in
            if let name = reaction.scenario, let scenario = DemoScenario(rawValue: name) { demo?.setScenario(scenario) }
            if reaction.refresh { poller.refreshNow() }
            // The UI's clock tick passed a boundary of the judgement: judged again here, off the UI thread (no
            // task of its own wakes to look).
            if reaction.rejudge { Task.detached { judged.rejudgeIfOutdated { inbox.post(.assessed($0, $1)) } } }
            if let lookup = reaction.lookup {
                guard let client = built.client else {
                    inbox.post(.objectLookupFailed(key: lookup.key, why: "the demo has no objects to look up"))
                    return
                }
                let spec = PairSpec(name: lookup.pair, primary: lookup.primary, secondary: lookup.secondary,
                                    rpoSeconds: 0)
                Task.detached {
                    let report = await ObjectLookup(client: client).look(pair: spec, key: lookup.key,
                                                                          versionID: lookup.versionID)
                    inbox.post(.objectLooked(report))
                }
            }
            if let request = reaction.history {
                let source = built.source
                Task.detached { inbox.post(.lagHistory(await source.lagHistory(request, now: Date()))) }
            }
            if let export = reaction.export {
                Task.detached { inbox.post(ReportExport.write(export.markdown, named: export.fileName, to: exportTo)) }
            }
        }
        var state = AppState(now: start, demo: demo != nil, thresholds: built.thresholds)
        state.judgesOnTheClock = false  // the tasks above do
        state.refreshSeconds = built.refreshSeconds
        let color = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        let signal = app.run(state, color: color)
        poller.stop()
        if let signal { Foundation.exit(128 + signal) }
    }
}
