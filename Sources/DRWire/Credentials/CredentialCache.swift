import DRCore
import Foundation

/// Holds the credentials in use and resolves the chain again before temporary ones expire, as botocore does:
/// from `advisoryMargin` seconds before expiry (15 minutes by default) a refresh is tried, and from
/// `refreshMargin` seconds (10 minutes) every caller waits for it. A refresh that fails while the current
/// credentials have not expired keeps them, records why (`lastRefreshProblem`) and is tried again only after
/// `retryAfterFailure` seconds, so a broken credential source is not asked at every call; only expired
/// credentials make calls fail.
package actor CredentialCache {
    private let chain: CredentialChain
    private let transport: HTTPTransport
    private var current: AWSCredentials?
    private let refreshMargin: Double
    private let advisoryMargin: Double
    private let retryAfterFailure: Double
    private var refreshing: Task<AWSCredentials, any Error>?
    private var retryAt: Date?

    /// Why the last refresh failed; nil once a refresh succeeds. While the credentials it was to replace are
    /// still in use it says until when, e.g. "credential refresh failed (container credentials: HTTP 500 from
    /// 127.0.0.1); using the current credentials until 14:05:00 UTC".
    package private(set) var lastRefreshProblem: SourceProblem?

    /// Creates a cache over `chain`. Refreshes become mandatory `refreshMargin` seconds before expiry and are
    /// tried from `advisoryMargin` seconds (by default one and a half times `refreshMargin`, botocore's 15 and
    /// 10 minutes); after a failure the next try waits `retryAfterFailure` seconds.
    package init(chain: CredentialChain, transport: HTTPTransport, refreshMargin: Double = 600,
                advisoryMargin: Double? = nil, retryAfterFailure: Double = 30) {
        self.chain = chain
        self.transport = transport
        self.refreshMargin = refreshMargin
        self.advisoryMargin = max(refreshMargin, advisoryMargin ?? refreshMargin * 1.5)
        self.retryAfterFailure = retryAfterFailure
    }

    /// The credentials in use, if any were resolved.
    package var credentials: AWSCredentials? { current }

    /// The credentials to sign with now.
    package func get(now: Date = Date()) async throws -> AWSCredentials {
        if let current {
            guard let expiration = current.expiration else { return current }
            let left = expiration.timeIntervalSince(now)
            if left > advisoryMargin { return current }
            if left > 0 {
                // Still valid: after a failed refresh, wait before the next; in the advisory window, let the
                // refresh another caller started finish without waiting for it.
                if let retryAt, now < retryAt { return current }
                if refreshing != nil, left > refreshMargin { return current }
            }
        }
        return try await refresh(now: now)
    }

    /// Resolves the chain (once for all the callers waiting), keeping the current credentials when that fails
    /// before they expire.
    private func refresh(now: Date) async throws -> AWSCredentials {
        let task: Task<AWSCredentials, any Error>
        if let refreshing {
            task = refreshing
        } else {
            let chain = chain
            let transport = transport
            task = Task { try await chain.resolve(transport: transport) }
            refreshing = task
        }
        do {
            let fresh = try await task.value
            if refreshing == task {
                refreshing = nil
                current = fresh
                lastRefreshProblem = nil
                retryAt = nil
            }
            return fresh
        } catch {
            if refreshing == task { refreshing = nil }
            let problem = error as? SourceProblem ?? SourceProblem(.other, "\(error)")
            guard let current, let expiration = current.expiration, expiration > now else {
                lastRefreshProblem = problem
                throw problem
            }
            retryAt = now.addingTimeInterval(retryAfterFailure)
            lastRefreshProblem = SourceProblem(
                problem.kind, "credential refresh failed (\(problem.message)); using the current credentials until "
                    + "\(Self.clock(expiration)) UTC")
            return current
        }
    }

    /// HH:MM:SS of `date` in UTC.
    private static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) % 86_400
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}
