import DRCore
import DRDemo
import DRSourceKit
import DRWire
import Foundation

/// The front door for sources: a `SourceRequest` in, a `BuiltSource` out — the demo, the AWS APIs from a
/// configuration file or discovery, a Ceph realm, or both joined — with credentials resolved once before anything
/// is drawn. Every problem is a `SourceAssemblyError` of one line; nothing here exits.
package struct SourceAssembly: Sendable {
    /// The process environment (credentials, XDG paths, AWS_* settings).
    package let environment: [String: String]

    /// An assembly reading `environment`.
    package init(environment: [String: String]) {
        self.environment = environment
    }

    /// The configuration file `request` uses: its path, else the default path when it exists; nil for the demo.
    package func configPath(for request: SourceRequest) -> String? {
        if request.demo { return nil }
        if let config = request.configPath { return config }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { "\($0)/.config" } ?? NSHomeDirectory() + "/.config")
        let path = "\(base)/drtop/config.toml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Builds the source `request` asks for; `start` is the demo's clock origin.
    package func build(_ request: SourceRequest, start: Date) throws(SourceAssemblyError) -> BuiltSource {
        if let problem = request.problem { throw SourceAssemblyError(problem) }
        let path = configPath(for: request)
        guard path != nil || request.discover else { return demo(request, start: start) }
        var config = DrtopConfig(path: "(no configuration file)")
        config.discover = true
        config.defaultRPOSeconds = request.rpoSeconds ?? Defaults.rpoSeconds
        if let path {
            do {
                config = try ConfigLoader.load(path: path, defaultRPO: request.rpoSeconds)
            } catch {
                throw SourceAssemblyError((error as? ConfigError)?.description ?? "\(path): \(error)")
            }
        }
        var thresholds = config.thresholds
        if let warn = request.warnAtPercent { thresholds.warningShare = warn / 100 }
        if let breach = request.breachAtPercent { thresholds.breachShare = breach / 100 }
        let discovering = request.discover || config.discover
        // Discovery and a Ceph realm find their pairs as they go: only configured AWS pairs can be left unread.
        // In a file with both, a configured pair is asked of AWS alone, any other name of the realm alone.
        if let name = request.onlyPair, !discovering {
            if config.ceph == nil || config.pairs.contains(where: { $0.name == name }) {
                config = try Self.narrowed(config, to: name)
                config.ceph = nil
            } else {
                config.pairs = []
            }
        }
        guard let ceph = config.ceph else { return try aws(request, config: config, thresholds: thresholds) }
        let alongside = !config.pairs.isEmpty || discovering
        let realm = try self.ceph(request, config: config, ceph: ceph, thresholds: thresholds, alongsideAWS: alongside)
        guard alongside else { return realm }
        // One file with both: the AWS pairs (or discovery) and the realm, joined. The refresh is AWS's (CloudWatch
        // is billed per metric read) unless the file or --refresh says otherwise.
        var built = try aws(request, config: config, thresholds: thresholds)
        built.source = CompositeSource(aws: built.source, ceph: realm.source)
        return built
    }

    /// The demo: judged by the request's thresholds over drtop's defaults.
    private func demo(_ request: SourceRequest, start: Date) -> BuiltSource {
        var thresholds = Thresholds.standard
        thresholds.warningShare = (request.warnAtPercent ?? Defaults.warningPercent) / 100
        thresholds.breachShare = (request.breachAtPercent ?? Defaults.breachPercent) / 100
        let demo = DemoSource(seed: request.seed, scenario: request.scenario, start: start,
                              defaultRPOSeconds: request.rpoSeconds ?? Defaults.rpoSeconds)
        return BuiltSource(source: demo, demo: demo, refreshSeconds: request.refreshSeconds ?? Defaults.demoRefreshSeconds,
                           thresholds: thresholds)
    }

    /// `config` with only the pair `name` and that pair's accounts and event queues; an unknown name lists the
    /// known ones.
    package static func narrowed(_ config: DrtopConfig, to name: String) throws(SourceAssemblyError) -> DrtopConfig {
        guard let pair = config.pairs.first(where: { $0.name == name }) else {
            let known = config.pairs.map(\.name).joined(separator: ", ")
            throw SourceAssemblyError("no pair named '\(name)' (pairs: \(known.isEmpty ? "none" : known))")
        }
        var narrowed = config
        let buckets = [pair.primary.name, pair.secondary.name]
        narrowed.pairs = [pair]
        narrowed.bucketAccounts = config.bucketAccounts.filter { buckets.contains($0.key) }
        narrowed.eventQueues = config.eventQueues.filter { buckets.contains($0.key) }
        return narrowed
    }

    /// Waits for `work` (a credential resolution), turning its failure into one line after `prefix`.
    static func resolve(_ prefix: String = "", _ work: @escaping @Sendable () async throws -> AWSCredentials)
        throws(SourceAssemblyError) {
        do {
            _ = try Blocking.wait(work)
        } catch {
            throw SourceAssemblyError(prefix + ((error as? SourceProblem)?.message ?? "\(error)"))
        }
    }
}
