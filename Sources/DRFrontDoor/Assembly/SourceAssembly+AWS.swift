import DRAWS
import DRCore
import DRSourceKit
import DRWire
import Foundation

extension SourceAssembly {
    /// The AWS part: `[[pair]]` or discovery, with the main credentials and each cross-account side's.
    func aws(_ request: SourceRequest, config: DrtopConfig, thresholds: Thresholds) throws(SourceAssemblyError)
        -> BuiltSource {
        let chain = CredentialChain(environment: environment, profile: request.profile ?? config.profile)
        // CloudWatch replication metrics have one-minute resolution and are billed per metric requested:
        // against real APIs drtop polls once a minute unless told otherwise.
        let refresh = request.refreshSeconds ?? config.refreshSeconds ?? Defaults.realAPIRefreshSeconds
        let transport = HTTPTransport(
            connectTimeout: config.connectTimeoutSeconds,
            requestTimeout: config.requestTimeoutSeconds
                ?? Defaults.requestTimeout(refresh: refresh, commandTimeout: request.commandTimeout))
        let cache = CredentialCache(chain: chain, transport: transport)
        // Resolve once before drawing anything, so a broken chain is one clear line, not a dashboard of errors.
        try Self.resolve { try await cache.get() }
        let discovering = request.discover || config.discover
        if request.secondaryProfile != nil, !discovering {
            throw SourceAssemblyError("--secondary-profile is for discovery (--discover); in a configuration "
                                      + "file, give the pair side its own profile = \"…\"")
        }
        let home = (try? chain.region()).flatMap { $0 } ?? "us-east-1"
        let main: AWSClient.CredentialProvider = { try await cache.get() }
        // Cross-account pairs: each side that names a profile or a role is read with those credentials.
        let (accounts, bucketAccounts) = AccountCredentials.providers(
            for: config.bucketAccounts, extra: request.secondaryProfile.map { [.profile($0)] } ?? [],
            environment: environment, transport: transport, main: main, stsRegion: home)
        for name in accounts.keys.sorted() {
            try Self.resolve("account \(name): ") { try await accounts[name]!() }
        }
        let client = AWSClient(
            transport: transport, endpoints: AWSEndpoints(regionOverrides: config.endpoints, environment: environment,
                                                        profile: (try? chain.configProfile()) ?? [:]),
            credentials: main, accounts: accounts, bucketAccounts: bucketAccounts, adaptiveConcurrency: true)
        let historySeconds = request.lagHistoryAtStart ? AWSSource.historySeconds : 0
        let source: any ReplicationSource
        if discovering {
            source = DiscoverySource(client: client, homeRegion: home, defaultRPOSeconds: config.defaultRPOSeconds,
                                     pollIntervalSeconds: refresh, configRefreshSeconds: config.configRefreshSeconds,
                                     otherAccount: request.secondaryProfile, onlyPair: request.onlyPair,
                                     historySeconds: historySeconds, firstLookFirst: request.firstLookFirst)
        } else {
            source = AWSSource(pairs: config.pairs, client: client, pollIntervalSeconds: refresh,
                               configRefreshSeconds: config.configRefreshSeconds, trackObjects: !request.noQueue,
                               canaryEveryTicks: request.canary ? request.canaryEvery : nil,
                               eventQueues: config.eventQueues, historySeconds: historySeconds,
                               firstLookFirst: request.firstLookFirst)
        }
        return BuiltSource(source: source, refreshSeconds: refresh, thresholds: thresholds,
                           profile: chain.profileName, client: client)
    }
}
