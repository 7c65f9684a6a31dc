import DRCore
import Foundation

/// The credentials of the other accounts a configuration's pair sides name (cross-account pairs): a profile
/// of the shared AWS files (resolved on its own, the environment's keys not used for it), or a role assumed
/// with the main credentials. Each is cached and refreshed before it expires, as the main credentials are.
package enum AccountCredentials {
    /// A provider per account name, and each bucket's account name, for `AWSClient`; `extra` are accounts no
    /// bucket names yet (discovery's second account).
    package static func providers(
        for buckets: [String: BucketAccount], extra: [BucketAccount] = [], environment: [String: String],
        transport: HTTPTransport, main: @escaping AWSClient.CredentialProvider, stsRegion: String
    ) -> (accounts: [String: AWSClient.CredentialProvider], bucketAccounts: [String: String]) {
        var accounts: [String: AWSClient.CredentialProvider] = [:]
        for account in Set(buckets.values).union(extra) where accounts[account.name] == nil {
            switch account {
            case .profile(let name):
                let cache = CredentialCache(chain: CredentialChain(environment: environment, profile: name),
                                            transport: transport)
                accounts[account.name] = { try await cache.get() }
            case .role(let arn):
                let role = AssumedRole(role: arn, main: main, region: stsRegion,
                                       endpoints: AWSEndpoints(environment: environment), transport: transport)
                accounts[account.name] = { try await role.get() }
            }
        }
        return (accounts, buckets.mapValues(\.name))
    }
}

/// A role assumed with the main credentials for one side of a pair (`role_arn` on the side), kept until ten
/// minutes before it expires.
actor AssumedRole {
    private let role: String
    private let main: AWSClient.CredentialProvider
    private let region: String
    private let endpoints: AWSEndpoints
    private let transport: HTTPTransport
    private var current: AWSCredentials?

    init(role: String, main: @escaping AWSClient.CredentialProvider, region: String, endpoints: AWSEndpoints,
         transport: HTTPTransport) {
        self.role = role
        self.main = main
        self.region = region
        self.endpoints = endpoints
        self.transport = transport
    }

    func get(now: Date = Date()) async throws -> AWSCredentials {
        if let current, current.expiration.map({ $0.timeIntervalSince(now) > 600 }) ?? true { return current }
        let source = try await main()
        let fresh = try await AssumeRole.call(role: role, externalID: nil, sessionName: nil, source: source, via: nil,
                                              region: region, endpoints: endpoints, transport: transport,
                                              origin: "role_arn \(role)")
        current = fresh
        return fresh
    }
}
