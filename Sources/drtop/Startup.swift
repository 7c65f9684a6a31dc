import DRSources
import Foundation

/// Builds the source for a command, turning start-up problems into one line on stderr and exit status 2.
enum Startup {
    static func build(_ options: SourceOptions, start: Date, failureExit: Int32 = 2) throws -> SourceFactory.Built {
        do {
            return try SourceFactory(options: options, environment: ProcessInfo.processInfo.environment)
                .build(start: start)
        } catch let error as SourceFactory.StartupError {
            FileHandle.standardError.write(Data("drtop: \(error.description)\n".utf8))
            Foundation.exit(failureExit)
        }
    }
}
