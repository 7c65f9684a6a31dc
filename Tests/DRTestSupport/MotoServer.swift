import Foundation

/// A real S3 + CloudWatch server (moto's server, from PyPI) on a free loopback port, started for a test and
/// stopped after it. Not a mock: drtop talks HTTP to it exactly as to AWS.
package final class MotoServer {
    /// The server's base URL, e.g. http://127.0.0.1:41234.
    package let endpoint: String
    package let port: Int
    private let pid: pid_t

    /// Starts moto's server (or, with `script`, that Python server, given the port) and waits until it answers;
    /// fails saying what to install when moto is missing.
    package init(script: String? = nil) throws {
        let python = Self.which("python3")
        guard let python else { throw TestFailure("python3 is needed to run moto's server") }
        let check = try Spawn.run(python, ["-c", "import moto.server, flask_cors"], capture: false)
        guard check.status == 0 else {
            throw TestFailure("moto's server is not installed: pip install 'moto[server]==5.2.1' (scripts/test.sh does)")
        }
        let port = try Self.freePort()
        self.port = port
        endpoint = "http://127.0.0.1:\(port)"
        let arguments = script.map { [$0, "\(port)"] } ?? ["-m", "moto.server", "-H", "127.0.0.1", "-p", "\(port)"]
        pid = try Spawn.background(python, arguments)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if Self.answers(port: port) { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        throw TestFailure("moto's server did not start on port \(port) within 20 s")
    }

    deinit { stop() }

    /// Stops the server.
    package func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<40 {
            if waitpid(pid, &status, WNOHANG) != 0 { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// Runs a Python script from the test folder against this server; returns its standard output.
    package func runScript(_ path: String, _ arguments: [String]) throws -> String {
        let python = Self.which("python3") ?? "/usr/bin/python3"
        let result = try Spawn.run(python, [path, endpoint] + arguments, capture: true)
        guard result.status == 0 else { throw TestFailure("\(path) failed with status \(result.status)") }
        return result.output
    }

    /// The python3 on PATH (the one the test command installed moto into).
    package static var pythonPath: String? { which("python3") }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    package static func freePort() throws -> Int {
        try freePorts(1)[0]
    }

    /// `count` distinct free loopback ports: every socket is held until all are bound, so none is handed out twice
    /// (one at a time, a port just closed can come back at once — a lab whose control port was also an ARC
    /// endpoint's looked started while it had died).
    package static func freePorts(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer { for fd in sockets { close(fd) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            guard bound == 0 else { throw TestFailure("cannot bind a loopback port") }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }

    package static func answers(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
