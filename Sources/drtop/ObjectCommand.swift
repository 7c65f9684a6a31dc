import ArgumentParser
import DRAWS
import DRCore
import DRFrontDoor
import Foundation

/// `drtop object PAIR KEY`: is this object replicated? Both sides' copy of one key, read-only.
struct ObjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "object",
        abstract: "Is this object replicated? Both sides' copy of one key of a pair (exit 0 replicated, 1 pending, "
            + "2 failed or missing, 3 unknown).",
        discussion: """
            HEADs the key on both sides of the pair: x-amz-replication-status, size, ETag and last modified of the \
            version (the latest, or --version-id), the same version on the other side (replicas keep the version \
            ID), and how many versions and delete markers each side holds. The answer to "stuck PENDING for \
            hours" and "in sync but the object is missing". Needs s3:GetObject (s3:GetObjectVersion with \
            --version-id) and s3:ListBucketVersions on both buckets. Reads only.
            """)

    @OptionGroup var source: SourceOptions

    @Argument(help: "The pair's name (as in the configuration, or as discovery names it).")
    var pair: String

    @Argument(help: "The object key, exactly.")
    var key: String

    @Option(name: .customLong("version-id"), help: ArgumentHelp("A version of the key instead of the latest.",
                                                                 valueName: "id"))
    var versionID: String?

    @Flag(name: .long, help: "Print JSON (schema drtop.object/1) instead of text.")
    var json = false

    func run() throws {
        let built = Startup.build(source, start: Date(), failureExit: 3)
        let (client, spec) = try Startup.realPair(built, named: pair, command: "object")
        let (key, versionID) = (self.key, self.versionID)
        let report = try Blocking.wait { await ObjectLookup(client: client).look(pair: spec, key: key, versionID: versionID) }
        FileHandle.standardOutput.write(Data((json ? report.json().text() + "\n" : report.text()).utf8))
        Foundation.exit(report.verdict.exitCode)
    }
}
