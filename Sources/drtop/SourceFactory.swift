import DRCore
import DRSources
import Foundation

/// Builds the data source from the options: the demo, or the AWS APIs from a configuration file.
struct SourceFactory {
    /// What the rest of drtop needs to know about the source it got.
    struct Built {
        var source: any ReplicationSource
        var demo: DemoSource?
        var refreshSeconds: Double
        var thresholds: Thresholds
        /// The AWS profile in use, for reports.
        var profile: String?
        /// The signed client of a real source (nil for the demo), for the object-level commands.
        var client: AWSClient?
    }

    /// A problem that stops drtop before it starts: printed as one line, exit status 2.
    struct StartupError: Error, CustomStringConvertible {
        let description: String
    }

    let options: SourceOptions
    let environment: [String: String]
    /// A headless command's own timeout (`drtop check --timeout`): requests get a share of it, so that a region
    /// that holds requests is reported before the command gives up.
    var commandTimeout: Double? = nil
    /// The one pair a headless command asks about (`drtop check --pair`): a configuration's other pairs are not
    /// read at all, so the requests follow the pairs asked about (discovery and Ceph still read the whole realm).
    var onlyPair: String? = nil

    /// The configuration file to use: --config, else the default path when it exists.
    var configPath: String? {
        if options.demo { return nil }
        if let config = options.config { return config }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { "\($0)/.config" } ?? NSHomeDirectory() + "/.config")
        let path = "\(base)/drtop/config.toml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    func build(start: Date) throws -> Built {
        var thresholds = Thresholds.standard
        guard configPath != nil || options.discover else {
            thresholds.warningShare = (options.warnAt ?? 50) / 100
            thresholds.breachShare = (options.breachAt ?? 100) / 100
            let demo = DemoSource(seed: options.seed, scenario: options.scenario.scenario, start: start,
                                  defaultRPOSeconds: options.rpo?.seconds ?? 900)
            return Built(source: demo, demo: demo, refreshSeconds: options.refresh ?? 2, thresholds: thresholds)
        }
        var config = DrtopConfig(path: "(no configuration file)")
        config.discover = true
        config.defaultRPOSeconds = options.rpo?.seconds ?? 900
        if let path = configPath {
            do {
                config = try ConfigLoader.load(path: path, defaultRPO: options.rpo?.seconds)
            } catch let error as ConfigError {
                throw StartupError(description: error.description)
            }
        }
        thresholds = config.thresholds
        if let warn = options.warnAt { thresholds.warningShare = warn / 100 }
        if let breach = options.breachAt { thresholds.breachShare = breach / 100 }
        let discovering = options.discover || config.discover
        // Discovery and a Ceph realm find their pairs as they go: only configured AWS pairs can be left unread.
        if let name = onlyPair, !discovering, config.ceph == nil {
            guard let pair = config.pairs.first(where: { $0.name == name }) else {
                let known = config.pairs.map(\.name).joined(separator: ", ")
                throw StartupError(description: "no pair named '\(name)' (pairs: \(known.isEmpty ? "none" : known))")
            }
            let buckets = [pair.primary.name, pair.secondary.name]
            config.pairs = [pair]
            config.bucketAccounts = config.bucketAccounts.filter { buckets.contains($0.key) }
            config.eventQueues = config.eventQueues.filter { buckets.contains($0.key) }
        }
        guard let ceph = config.ceph else { return try buildAWS(config: config, thresholds: thresholds) }
        let cephBuilt = try CephSourceBuilder(options: options, environment: environment)
            .build(config: config, ceph: ceph, thresholds: thresholds, alongsideAWS: !config.pairs.isEmpty || discovering)
        guard !config.pairs.isEmpty || discovering else { return cephBuilt }
        // One file with both: the AWS pairs (or discovery) and the realm, joined. The refresh is AWS's (CloudWatch
        // is billed per metric read) unless the file or --refresh says otherwise.
        var built = try buildAWS(config: config, thresholds: thresholds)
        built.source = CompositeSource(aws: built.source, ceph: cephBuilt.source)
        return built
    }

    /// The AWS part: `[[pair]]` or discovery, with the main credentials and each cross-account side's.
    private func buildAWS(config: DrtopConfig, thresholds: Thresholds) throws -> Built {
        let chain = CredentialChain(environment: environment, profile: options.profile ?? config.profile)
        // CloudWatch replication metrics have one-minute resolution and are billed per metric requested:
        // against real APIs drtop polls once a minute unless told otherwise.
        let refresh = options.refresh ?? config.refreshSeconds ?? 60
        let transport = HTTPTransport(
            connectTimeout: config.connectTimeoutSeconds,
            requestTimeout: config.requestTimeoutSeconds
                ?? DrtopConfig.defaultRequestTimeout(refresh: commandTimeout.map { min(refresh, $0 / 8) } ?? refresh))
        let cache = CredentialCache(chain: chain, transport: transport)
        // Resolve once before drawing anything, so a broken chain is one clear line, not a dashboard of errors.
        do {
            _ = try Blocking.wait { try await cache.get() }
        } catch let problem as SourceProblem {
            throw StartupError(description: problem.message)
        }
        let discovering = options.discover || config.discover
        if options.secondaryProfile != nil, !discovering {
            throw StartupError(description: "--secondary-profile is for discovery (--discover); in a configuration "
                               + "file, give the pair side its own profile = \"…\"")
        }
        let home = (try? chain.region()).flatMap { $0 } ?? "us-east-1"
        let main: AWSClient.CredentialProvider = { try await cache.get() }
        // Cross-account pairs: each side that names a profile or a role is read with those credentials.
        let (accounts, bucketAccounts) = AccountCredentials.providers(
            for: config.bucketAccounts, extra: options.secondaryProfile.map { [.profile($0)] } ?? [],
            environment: environment, transport: transport, main: main, stsRegion: home)
        for name in accounts.keys.sorted() {
            do {
                _ = try Blocking.wait { try await accounts[name]!() }
            } catch let problem as SourceProblem {
                throw StartupError(description: "account \(name): \(problem.message)")
            }
        }
        let client = AWSClient(
            transport: transport, endpoints: AWSEndpoints(regionOverrides: config.endpoints, environment: environment,
                                                        profile: (try? chain.configProfile()) ?? [:]),
            credentials: main, accounts: accounts, bucketAccounts: bucketAccounts)
        let source: any ReplicationSource
        if discovering {
            source = DiscoverySource(client: client, homeRegion: home, defaultRPOSeconds: config.defaultRPOSeconds,
                                     pollIntervalSeconds: refresh, configRefreshSeconds: config.configRefreshSeconds,
                                     otherAccount: options.secondaryProfile)
        } else {
            source = AWSSource(pairs: config.pairs, client: client, pollIntervalSeconds: refresh,
                               configRefreshSeconds: config.configRefreshSeconds, trackObjects: !options.noQueue,
                               canaryEveryTicks: options.canary ? options.canaryEvery : nil,
                               eventQueues: config.eventQueues)
        }
        return Built(source: source, demo: nil, refreshSeconds: refresh, thresholds: thresholds,
                     profile: chain.profileName, client: client)
    }
}
