import ArgumentParser
import DRCore

/// A command-line duration: "90s", "15m", "1h30m", or plain seconds.
struct DurationArgument: ExpressibleByArgument, CustomStringConvertible {
    let seconds: Double

    init?(argument: String) {
        guard let seconds = DurationParser.seconds(argument), seconds > 0 else { return nil }
        self.seconds = seconds
    }

    var description: String { Format.duration(seconds) }

    static var defaultCompletionKind: CompletionKind { .list(["30s", "1m", "5m", "15m", "1h", "4h"]) }
}

