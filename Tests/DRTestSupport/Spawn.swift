import DRWire
import Foundation

/// Test helpers over DRWire's `ChildProcess`.
package enum Spawn {
    /// Runs `path`; returns the exit status and, when `capture`, standard output.
    package static func run(_ path: String, _ arguments: [String], capture: Bool, environment: [String: String]? = nil,
                           mergeErrors: Bool = false) throws -> (status: Int32, output: String) {
        try ChildProcess.run(path, arguments, capture: capture, environment: environment, limit: 64 << 20,
                             mergeErrors: mergeErrors)
    }

    /// Starts `path` in the background; returns its pid.
    package static func background(_ path: String, _ arguments: [String], environment: [String: String]? = nil)
        throws -> pid_t {
        try ChildProcess.background(path, arguments, environment: environment)
    }
}

/// Waiting for a world that settles (replication, a lab fault taking hold) without a fixed sleep.
package enum Eventually {
    /// Runs `attempt` until `accept` likes its answer or `seconds` pass, `every` seconds apart; the last answer.
    package static func answer<T>(within seconds: Double, every: Double = 0.3, _ attempt: () throws -> T,
                                 until accept: (T) -> Bool) rethrows -> T {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try attempt()
        while !accept(last), Date() < deadline {
            usleep(UInt32(every * 1_000_000))
            last = try attempt()
        }
        return last
    }
}
