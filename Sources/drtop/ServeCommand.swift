import ArgumentParser
import DRCore
import DRMetrics
import DRSourceKit
import DRWire
import FlyingFox
import Foundation

/// `drtop serve`: keeps polling and serves Prometheus metrics at /metrics and liveness at /healthz.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Keep polling and serve Prometheus metrics (/metrics) and liveness (/healthz).",
        discussion: """
            Series and alert rules: README, deploy/prometheus/. Values drtop does not know are absent, never 0. \
            /healthz answers 200 while polls complete, 503 when the last one is older than three refresh intervals.
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: ArgumentHelp("Address to listen on (IPv4 host:port).", valueName: "host:port"))
    var listen: String = "127.0.0.1:9464"

    func validate() throws {
        guard ListenAddress(listen) != nil else {
            throw ValidationError("--listen wants host:port with an IPv4 address, e.g. 127.0.0.1:9464 (got \(listen))")
        }
    }

    func run() throws {
        guard let address = ListenAddress(listen) else { return }
        let built = Startup.build(source, start: Date())
        // Discovery first: a scrape never sees an empty account that is only still being listed.
        Startup.prepare(built)
        let poller = Poller(source: built.source, intervalSeconds: built.refreshSeconds)
        let latest = AssessmentBox(thresholds: built.thresholds)
        let stream = poller.start()
        Task.detached {
            for await snapshot in stream { latest.set(snapshot) }
        }
        let refresh = built.refreshSeconds
        let staleAfter = max(10, built.refreshSeconds * 3)
        if let problem = ListenAddress.bindProblem(host: address.host, port: address.port) {
            FileHandle.standardError.write(Data("drtop serve: \(problem)\n".utf8))
            Foundation.exit(2)
        }
        let server = HTTPServer(address: try .inet(ip4: address.host, port: address.port), logger: .disabled)
        let failure = SnapshotBox.Failure()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await server.appendRoute("GET /metrics") { _ in
                guard let (snapshot, assessment) = latest.current() else {
                    return HTTPResponse(statusCode: .serviceUnavailable, body: Data("no poll yet\n".utf8))
                }
                let text = MetricsExposition.render(snapshot, assessment: assessment)
                return HTTPResponse(statusCode: .ok,
                                    headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                                    body: Data(text.utf8))
            }
            await server.appendRoute("GET /") { _ in
                let page = "<!doctype html><title>drtop serve</title><h1>drtop serve</h1>"
                    + "<p><a href=\"/metrics\">/metrics</a>: Prometheus metrics (README lists the series) · "
                    + "<a href=\"/healthz\">/healthz</a>: 200 while polls complete</p>\n"
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                    body: Data(page.utf8))
            }
            await server.appendRoute("GET /healthz") { _ in
                guard let snapshot = latest.current()?.snapshot, snapshot.sequence > 0,
                      Date().timeIntervalSince(snapshot.takenAt) < staleAfter else {
                    return HTTPResponse(statusCode: .serviceUnavailable, body: Data("stale: no recent poll\n".utf8))
                }
                return HTTPResponse(statusCode: .ok, body: Data("ok\n".utf8))
            }
            let target = "\(address.host == "0.0.0.0" ? "HOST" : address.host):\(address.port)"
            let started = "drtop serve: metrics at http://\(address.host):\(address.port)/metrics, liveness at /healthz "
                + "(refresh \(Format.duration(refresh))). Prometheus scrape config:\n"
                + "  - job_name: drtop\n    static_configs: [{ targets: [\"\(target)\"] }]\n"
            FileHandle.standardError.write(Data(started.utf8))
            do {
                try await server.run()
            } catch {
                failure.set("cannot listen on \(address.host):\(address.port): \(error)")
            }
            done.signal()
        }
        done.wait()
        poller.stop()
        if let message = failure.value {
            FileHandle.standardError.write(Data("drtop serve: \(message)\n".utf8))
            Foundation.exit(2)
        }
    }
}

/// An IPv4 `host:port` to listen on ("localhost" means 127.0.0.1).
struct ListenAddress {
    let host: String
    let port: UInt16

    /// Why the address cannot be listened on, in one sentence (in use, not allowed, not this machine's); nil
    /// when it can. Checked before serving, so the message is plain rather than a socket error's.
    static func bindProblem(host: String, port: UInt16) -> String? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        defer { close(socket) }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound != 0 else { return nil }
        switch errno {
        case EADDRINUSE:
            return "\(host):\(port) is already in use (another drtop serve, or an exporter?); choose another with --listen"
        case EACCES:
            return "\(host):\(port) needs privileges (ports below 1024); choose a port from 1024 with --listen"
        case EADDRNOTAVAIL:
            return "\(host) is not an address of this machine; use 127.0.0.1 or 0.0.0.0 with --listen"
        default:
            return "cannot listen on \(host):\(port): \(String(cString: strerror(errno)))"
        }
    }

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            return nil
        }
        var host = String(text[..<colon])
        if host == "localhost" { host = "127.0.0.1" }
        if host.isEmpty { host = "0.0.0.0" }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return nil }
        self.host = host
        self.port = port
    }
}
