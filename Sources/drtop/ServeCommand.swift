import ArgumentParser
import DRCore
import DRMetrics
import DRSources
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
        let built = try Startup.build(source, start: Date())
        // Discovery first: a scrape never sees an empty account that is only still being listed.
        Startup.prepare(built)
        let poller = Poller(source: built.source, intervalSeconds: built.refreshSeconds)
        let latest = SnapshotBox()
        let stream = poller.start()
        Task.detached {
            for await snapshot in stream { latest.set(snapshot) }
        }
        let thresholds = built.thresholds
        let staleAfter = max(10, built.refreshSeconds * 3)
        let server = HTTPServer(address: try .inet(ip4: address.host, port: address.port), logger: .disabled)
        let failure = SnapshotBox.Failure()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await server.appendRoute("GET /metrics") { _ in
                guard let snapshot = latest.value else {
                    return HTTPResponse(statusCode: .serviceUnavailable, body: Data("no poll yet\n".utf8))
                }
                let text = MetricsExposition.render(snapshot, thresholds: thresholds, now: Date())
                return HTTPResponse(statusCode: .ok,
                                    headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                                    body: Data(text.utf8))
            }
            await server.appendRoute("GET /healthz") { _ in
                guard let snapshot = latest.value, snapshot.sequence > 0,
                      Date().timeIntervalSince(snapshot.takenAt) < staleAfter else {
                    return HTTPResponse(statusCode: .serviceUnavailable, body: Data("stale: no recent poll\n".utf8))
                }
                return HTTPResponse(statusCode: .ok, body: Data("ok\n".utf8))
            }
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
