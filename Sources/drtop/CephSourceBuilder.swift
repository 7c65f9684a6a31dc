import DRCore
import DRSources
import Foundation

/// Builds the Ceph RGW multisite source from a configuration's `[ceph]` table: the system user's keys from
/// `profile` (the `--profile` flag, then `[ceph] profile`, then the file's `profile`, then the usual chain),
/// resolved once before anything is drawn. In a file that also holds AWS pairs (`alongsideAWS`), `--profile` is
/// the AWS side's: the realm's keys come from `[ceph] profile`, then `--profile`, then the file's `profile`.
struct CephSourceBuilder {
    let options: SourceOptions
    let environment: [String: String]

    func build(config: DrtopConfig, ceph: CephConfig, thresholds: Thresholds, alongsideAWS: Bool = false) throws
        -> SourceFactory.Built {
        let profile = alongsideAWS ? ceph.profile ?? options.profile ?? config.profile
            : options.profile ?? ceph.profile ?? config.profile
        let chain = CredentialChain(environment: environment, profile: profile)
        // The admin API costs nothing per call: a few seconds between polls, unless told otherwise.
        let refresh = options.refresh ?? config.refreshSeconds ?? 5
        let transport = HTTPTransport(
            connectTimeout: config.connectTimeoutSeconds,
            requestTimeout: config.requestTimeoutSeconds ?? DrtopConfig.defaultRequestTimeout(refresh: refresh))
        let cache = CredentialCache(chain: chain, transport: transport)
        do {
            _ = try Blocking.wait { try await cache.get() }
        } catch let problem as SourceProblem {
            throw SourceFactory.StartupError(description: problem.message)
        }
        let admin = CephAdmin(transport: transport, credentials: { try await cache.get() })
        let source = CephSource(config: ceph, admin: admin, configRefreshSeconds: config.configRefreshSeconds)
        return SourceFactory.Built(source: source, demo: nil, refreshSeconds: refresh, thresholds: thresholds,
                                   profile: chain.profileName)
    }
}
