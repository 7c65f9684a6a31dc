import DRTestSupport
import Foundation
import Testing

/// Runs a command in a detached tmux session on a private socket, types keys and reads the screen:
/// how the end-to-end tests use drtop the way a person does.
final class TmuxSession {
    let socket = "drtop-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let directory: URL

    /// Starts `command` in a `width` × `height` terminal, inside a shell that records the terminal settings
    /// before and after and drtop's exit status, in `directory`.
    init(command: String, width: Int = 100, height: Int = 30) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let dir = directory.path
        let script = "stty -g > '\(dir)/before'; \(command); echo $? > '\(dir)/rc.tmp'; stty -g > '\(dir)/after'; "
            + "mv '\(dir)/rc.tmp' '\(dir)/rc'; sleep 600"
        try Self.tmux(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-c", dir, "-x", "\(width)", "-y", "\(height)",
                       "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color", "sh", "-c", script], capture: false)
    }

    deinit {
        _ = try? Self.tmux(["-L", socket, "kill-server"], capture: false)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs tmux with `arguments` and returns its standard output. Commands that start the tmux server must not
    /// `capture`: the server would inherit the pipe and the read would never end.
    @discardableResult
    static func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        guard let path = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else {
            throw TestFailure("tmux is not installed: run `apt-get install -y tmux` (the README test command does)")
        }
        return try Spawn.run(path, ["-u"] + arguments, capture: capture).output
    }

    /// Resizes the terminal.
    func resize(width: Int, height: Int) throws {
        try Self.tmux(["-L", socket, "resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"], capture: false)
    }

    /// The screen as text.
    func screen() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-p", "-t", "0"])
    }

    /// Sends tmux key names (e.g. "Down", "Enter", "q").
    func send(_ keys: String...) throws {
        for key in keys { try Self.tmux(["-L", socket, "send-keys", "-t", "0", key], capture: false) }
    }

    /// Waits until the screen contains `text`; fails with the last screen after `seconds`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        Issue.record("screen never showed “\(text)”; it showed:\n\(last)", sourceLocation: sourceLocation)
        throw TestFailure("timed out waiting for \(text)")
    }

    /// Waits for the command to end and returns its exit status, or nil if it did not end in `seconds`.
    func exitStatus(seconds: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOf: directory.appendingPathComponent("rc"), encoding: .utf8) {
                return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            usleep(50_000)
        }
        return nil
    }

    /// The terminal settings (`stty -g`) before the command and after it ended.
    func sttyBeforeAndAfter() throws -> (String, String) {
        let before = try String(contentsOf: directory.appendingPathComponent("before"), encoding: .utf8)
        let after = try String(contentsOf: directory.appendingPathComponent("after"), encoding: .utf8)
        return (before, after)
    }

    /// The process ids of the pane's children (the command run by the shell).
    func commandPIDs() throws -> [Int32] {
        let shell = try Self.tmux(["-L", socket, "display-message", "-p", "-t", "0", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        return children.split(separator: " ").compactMap { Int32($0) }
    }
}
