import DRSources
import Foundation

/// Test helpers over DRSources' `ChildProcess`.
public enum Spawn {
    /// Runs `path`; returns the exit status and, when `capture`, standard output.
    public static func run(_ path: String, _ arguments: [String], capture: Bool, environment: [String: String]? = nil,
                           mergeErrors: Bool = false) throws -> (status: Int32, output: String) {
        try ChildProcess.run(path, arguments, capture: capture, environment: environment, limit: 64 << 20,
                             mergeErrors: mergeErrors)
    }

    /// Starts `path` in the background; returns its pid.
    public static func background(_ path: String, _ arguments: [String], environment: [String: String]? = nil)
        throws -> pid_t {
        try ChildProcess.background(path, arguments, environment: environment)
    }
}
