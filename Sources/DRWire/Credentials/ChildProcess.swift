import Foundation

/// Runs a program and collects its standard output, with posix_spawn and waitpid (Foundation's Process can
/// miss a child's exit on Linux). Standard input is /dev/null; standard error is kept out of drtop's screen.
package enum ChildProcess {
    /// Runs `path` with `arguments` (and `environment`, or drtop's own); returns the exit status and, when
    /// `capture`, what it printed (at most `limit` bytes).
    /// With `mergeErrors`, standard error goes to the same capture (for tests of error messages).
    package static func run(_ path: String, _ arguments: [String], capture: Bool, environment: [String: String]? = nil,
                           limit: Int = 1 << 20, mergeErrors: Bool = false) throws -> (status: Int32, output: String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var fds: [Int32] = [-1, -1]
        if capture {
            guard pipe(&fds) == 0 else { throw SpawnError("pipe failed") }
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            if mergeErrors { posix_spawn_file_actions_adddup2(&actions, fds[1], 2) }
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        let spawned = Result { try spawn(path, arguments, &actions, environment) }
        if capture { close(fds[1]) }
        if case .failure = spawned, capture { close(fds[0]) }
        let pid = try spawned.get()
        var output = Data()
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(fds[0], &buffer, buffer.count)
                if count <= 0 { break }
                if output.count < limit { output.append(buffer, count: min(count, limit - output.count)) }
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, String(decoding: output, as: UTF8.self))
    }

    /// Starts `path` in the background with standard streams on /dev/null (with `environment`, or drtop's own);
    /// returns its pid.
    package static func background(_ path: String, _ arguments: [String], environment: [String: String]? = nil)
        throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        return try spawn(path, arguments, &actions, environment)
    }

    /// posix_spawn with `actions`, clean signals, and `environment` (or drtop's own); returns the pid.
    private static func spawn(_ path: String, _ arguments: [String], _ actions: inout posix_spawn_file_actions_t,
                              _ environment: [String: String]?) throws -> pid_t {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        var attributes = cleanSignals()
        defer { posix_spawnattr_destroy(&attributes) }
        let result = envp.map { posix_spawn(&pid, path, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard result == 0 else { throw SpawnError("cannot start \(path): \(String(cString: strerror(result)))") }
        return pid
    }

    /// Spawn attributes that give the child an empty signal mask and default handlers: a thread that
    /// blocks SIGTERM (as test runners' do) must not hand that on, or the child could never be stopped.
    private static func cleanSignals() -> posix_spawnattr_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return attributes
    }

    /// Why a program could not be started.
    package struct SpawnError: Error, CustomStringConvertible {
        package let description: String
        init(_ description: String) { self.description = description }
    }
}
