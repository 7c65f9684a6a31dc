import ArgumentParser
import DRCore
import Foundation

/// `drtop check`: one poll, then the failover checklist of each pair (the code behind the `f` screen),
/// with the monitoring-plugin exit status: 0 GO, 1 GO WITH RISK, 2 NO-GO, 3 UNKNOWN (the worst of the pairs).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the read-only failover check once and print it (exit 0 GO, 1 GO WITH RISK, 2 NO-GO, 3 UNKNOWN).",
        discussion: """
            Polls once, then checks each pair as the dashboard's f screen does. With several pairs the exit status \
            is the worst verdict. Any problem running the check (bad flags, an unreadable configuration, an \
            unknown pair, no answer) exits 3: never a silent GO. A pair that names [pair.routing] is also checked \
            for where its users go, whether the routing answers, the target's health checks and its RTO estimate; \
            --format markdown (and the JSON's runbook) adds the commands that would move its users, printed for a \
            person to run, never run by drtop.
            """)

    /// Output formats.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: ArgumentHelp("Check only this pair.", valueName: "name"))
    var pair: String?

    @Flag(name: .long, help: "Check every pair (the default).")
    var all = false

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the poll.", valueName: "seconds"))
    var timeout: Double = 30

    func validate() throws {
        if pair != nil, all { throw ValidationError("--pair and --all exclude each other") }
    }

    func run() throws {
        // Only the pair asked about is read: a verdict for one pair costs that pair's requests, not the fleet's.
        let built = Startup.build(source, start: Date(), failureExit: 3, timeout: timeout, onlyPair: pair)
        Startup.prepare(built, failureExit: 3)
        let snapshot = try OnePoll.take(built, timeout: timeout)
        var pairs = snapshot.pairs
        if let name = pair {
            guard let found = snapshot.pair(named: name) else {
                let known = snapshot.pairs.map(\.name).joined(separator: ", ")
                throw CheckFailure("no pair named '\(name)' (pairs: \(known.isEmpty ? "none" : known))")
            }
            pairs = [found]
        }
        guard !pairs.isEmpty else { throw CheckFailure("no pairs to check") }
        let assessment = Assessment(snapshot, thresholds: built.thresholds, now: snapshot.takenAt)
        let reports = assessment.reports(of: Set(pairs.map(\.name)))
        var context = ["Regions: " + snapshot.regions.map { "\($0.name) \($0.reachability.rawValue)" }
            .joined(separator: ", ")]
        if let profile = built.profile { context.insert("Profile: \(profile)", at: 0) }
        let output: String
        switch format {
        case .text: output = CheckDocument.text(reports, snapshot: snapshot, context: context)
        case .json: output = CheckDocument.json(reports, takenAt: snapshot).text() + "\n"
        case .markdown: output = CheckDocument.markdown(reports, context: context)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        Foundation.exit(CheckDocument.worst(reports).exitCode)
    }
}

/// A problem that keeps `drtop check` from giving a verdict: exit status 3.
struct CheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
