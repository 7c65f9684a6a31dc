import DRCore
import DRFrontDoor
import DRSourceKit
import DRWire
import Foundation

/// Builds the source for a command, turning start-up problems into one line on stderr and exit status 2.
enum Startup {
    static func build(_ options: SourceOptions, start: Date, failureExit: Int32 = 2, timeout: Double? = nil,
                      onlyPair: String? = nil, lagHistoryAtStart: Bool = false) -> BuiltSource {
        do {
            return try SourceAssembly(environment: ProcessInfo.processInfo.environment)
                .build(options.request(timeout: timeout, onlyPair: onlyPair, lagHistoryAtStart: lagHistoryAtStart),
                       start: start)
        } catch {
            fail(error.description, exit: failureExit)
        }
    }

    /// For headless commands: waits until the source is ready to poll (discovery finished), drawing progress on
    /// stderr when it is a terminal, and prints the source's notes (no pairs found, buckets not readable).
    /// A source that cannot get ready (discovery failed) is one line on stderr and `failureExit`.
    /// Returns the notes, for commands that repeat them in their own output.
    @discardableResult
    static func prepare(_ built: BuiltSource, failureExit: Int32 = 2) -> [String] {
        let terminal = isatty(STDERR_FILENO) == 1
        do {
            let notes = try Blocking.wait {
                try await built.source.prepare { progress in
                    guard terminal else { return }
                    FileHandle.standardError.write(Data("\r\u{1B}[K\(progress.line)".utf8))
                }
            }
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            for note in notes { FileHandle.standardError.write(Data("drtop: \(note)\n".utf8)) }
            return notes
        } catch {
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            fail((error as? SourceProblem)?.message ?? "\(error)", exit: failureExit)
        }
    }

    /// For the object-level commands: the signed client and the pair named `name` of a real source (after
    /// discovery), or one clear failure (the demo has no objects; an unknown pair lists the known ones).
    static func realPair(_ built: BuiltSource, named name: String, command: String) throws
        -> (client: AWSClient, pair: PairSpec) {
        guard let client = built.client else {
            throw CheckFailure("drtop \(command) reads real buckets: give --config FILE or --discover (the demo has no objects)")
        }
        prepare(built, failureExit: 3)
        let layout = try Blocking.wait { try await built.source.layout() }
        guard let pair = layout.pairs.first(where: { $0.name == name }) else {
            let known = layout.pairs.map(\.name).joined(separator: ", ")
            throw CheckFailure("no pair named '\(name)' (pairs: \(known.isEmpty ? "none" : known))")
        }
        return (client, pair)
    }

    private static func fail(_ message: String, exit status: Int32) -> Never {
        FileHandle.standardError.write(Data("drtop: \(message)\n".utf8))
        Foundation.exit(status)
    }
}
