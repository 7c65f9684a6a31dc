import ArgumentParser
import DRAWS
import DRCore
import DRFrontDoor
import Foundation

/// `drtop diff PAIR`: what exactly is missing? Both buckets compared version by version, read-only.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What exactly is missing? Both buckets of a pair compared version by version (exit 0 the same, "
            + "1 only in-flight differences, 2 older than the RPO, 3 partial or unknown).",
        discussion: """
            Walks both buckets' ListObjectVersions in key order at once (a page at a time, progress on stderr when \
            it is a terminal) and lists the versions and delete markers present on one side only, with their \
            ages. S3 replicas keep their source's version ID, so a replicated version has the same ID on both \
            sides. Bounded by --max-versions a side; a comparison cut there says it is partial. Costs one LIST \
            request per 1,000 versions a side (about $0.005). Needs s3:ListBucketVersions on both buckets. \
            Reads only.
            """)

    @OptionGroup var source: SourceOptions

    @Argument(help: "The pair's name (as in the configuration, or as discovery names it).")
    var pair: String

    @Option(name: .customLong("prefix"), help: ArgumentHelp("Compare only keys under this prefix.", valueName: "prefix"))
    var keyPrefix: String = ""

    @Option(name: .customLong("max-versions"), help: ArgumentHelp(
        "Read at most this many versions and delete markers a side (default 100,000).", valueName: "n"))
    var maxVersions: Int = 100_000

    @Option(name: .long, help: ArgumentHelp("Differences printed (text; JSON lists up to 1,000).", valueName: "n"))
    var limit: Int = 50

    @Flag(name: .long, help: "Print JSON (schema drtop.diff/1) instead of text.")
    var json = false

    func validate() throws {
        guard maxVersions >= 1 else { throw ValidationError("--max-versions must be at least 1") }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let built = Startup.build(source, start: Date(), failureExit: 3)
        let (client, spec) = try Startup.realPair(built, named: pair, command: "diff")
        let terminal = isatty(STDERR_FILENO) == 1
        let (prefix, maxVersions) = (keyPrefix, self.maxVersions)
        let report = try Blocking.wait {
            try await BucketDiff(client: client).compare(pair: spec, prefix: prefix, maxVersions: maxVersions) { keys in
                guard terminal else { return }
                FileHandle.standardError.write(Data("\r\u{1B}[Kcompared \(Format.count(keys)) keys".utf8))
            }
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        FileHandle.standardOutput.write(Data((json ? report.json().text() + "\n" : report.text(limit: limit)).utf8))
        Foundation.exit(report.exitCode)
    }
}
