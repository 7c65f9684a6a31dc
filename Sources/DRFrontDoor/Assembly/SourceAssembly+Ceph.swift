import DRCeph
import DRCore
import DRWire
import Foundation

extension SourceAssembly {
    /// The Ceph RGW multisite source from a configuration's `[ceph]` table: the system user's keys from `profile`
    /// (the request's profile, then `[ceph] profile`, then the file's `profile`, then the usual chain), resolved
    /// once before anything is drawn. In a file that also holds AWS pairs (`alongsideAWS`), the request's profile
    /// is the AWS side's: the realm's keys come from `[ceph] profile`, then the request's, then the file's.
    func ceph(_ request: SourceRequest, config: DrtopConfig, ceph: CephConfig, thresholds: Thresholds,
              alongsideAWS: Bool) throws(SourceAssemblyError) -> BuiltSource {
        let profile = alongsideAWS ? ceph.profile ?? request.profile ?? config.profile
            : request.profile ?? ceph.profile ?? config.profile
        let chain = CredentialChain(environment: environment, profile: profile)
        // The admin API costs nothing per call: a few seconds between polls, unless told otherwise.
        let refresh = request.refreshSeconds ?? config.refreshSeconds ?? Defaults.cephRefreshSeconds
        let transport = HTTPTransport(
            connectTimeout: config.connectTimeoutSeconds,
            requestTimeout: config.requestTimeoutSeconds ?? Defaults.requestTimeout(refresh: refresh))
        let cache = CredentialCache(chain: chain, transport: transport)
        try Self.resolve { try await cache.get() }
        let admin = CephAdmin(transport: transport, credentials: { try await cache.get() })
        let source = CephSource(config: ceph, admin: admin, configRefreshSeconds: config.configRefreshSeconds)
        return BuiltSource(source: source, refreshSeconds: refresh, thresholds: thresholds, profile: chain.profileName)
    }
}
