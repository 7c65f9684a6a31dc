import ArgumentParser
import DRCore
import Foundation

/// `drtop snapshot --json`: one poll, printed as one JSON document (schema drtop.snapshot/1).
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Poll once and print what drtop sees as JSON (schema drtop.snapshot/1; README documents it).")

    @OptionGroup var source: SourceOptions

    @Flag(name: .long, help: "Print JSON (the only format; required so scripts say what they expect).")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the poll before printing what is known.",
                                            valueName: "seconds"))
    var timeout: Double = 30

    @Option(name: .long, help: ArgumentHelp(
        "Poll this many times (one --refresh apart) and print the last: later polls show the steady state, with "
            + "configuration cached. Request counts are totals.", valueName: "n"))
    var polls: Int = 1

    func validate() throws {
        guard json else { throw ValidationError("say --json: the snapshot is printed as JSON") }
        guard (1...1000).contains(polls) else { throw ValidationError("--polls must be between 1 and 1000") }
    }

    func run() throws {
        let built = Startup.build(source, start: Date())
        Startup.prepare(built)
        let snapshot = try OnePoll.take(built, timeout: timeout, polls: polls,
                                        interval: polls > 1 ? (source.refresh ?? 0.2) : nil)
        let assessment = Assessment(snapshot, thresholds: built.thresholds, now: snapshot.takenAt)
        print(SnapshotDocument.make(snapshot, assessment: assessment).text())
    }
}
