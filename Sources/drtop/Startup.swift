import DRCore
import DRSources
import Foundation

/// Builds the source for a command, turning start-up problems into one line on stderr and exit status 2.
enum Startup {
    static func build(_ options: SourceOptions, start: Date, failureExit: Int32 = 2, timeout: Double? = nil) throws
        -> SourceFactory.Built {
        do {
            return try SourceFactory(options: options, environment: ProcessInfo.processInfo.environment,
                                     commandTimeout: timeout).build(start: start)
        } catch let error as SourceFactory.StartupError {
            fail(error.description, exit: failureExit)
        }
    }

    /// For headless commands: waits until the source is ready to poll (discovery finished), drawing progress on
    /// stderr when it is a terminal, and prints the source's notes (no pairs found, buckets not readable).
    /// A source that cannot get ready (discovery failed) is one line on stderr and `failureExit`.
    /// Returns the notes, for commands that repeat them in their own output.
    @discardableResult
    static func prepare(_ built: SourceFactory.Built, failureExit: Int32 = 2) -> [String] {
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

    private static func fail(_ message: String, exit status: Int32) -> Never {
        FileHandle.standardError.write(Data("drtop: \(message)\n".utf8))
        Foundation.exit(status)
    }
}
