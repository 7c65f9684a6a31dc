import DRCore
import Foundation

/// Holds the credentials in use and resolves the chain again five minutes before temporary ones expire.
public actor CredentialCache {
    private let chain: CredentialChain
    private let transport: HTTPTransport
    private var current: AWSCredentials?
    private let refreshMargin: Double

    /// Creates a cache over `chain`, refreshing `refreshMargin` seconds before expiry.
    public init(chain: CredentialChain, transport: HTTPTransport, refreshMargin: Double = 300) {
        self.chain = chain
        self.transport = transport
        self.refreshMargin = refreshMargin
    }

    /// The credentials to sign with now.
    public func get(now: Date = Date()) async throws -> AWSCredentials {
        if let current, current.expiration.map({ $0.timeIntervalSince(now) > refreshMargin }) ?? true {
            return current
        }
        let fresh = try await chain.resolve(transport: transport)
        current = fresh
        return fresh
    }
}
