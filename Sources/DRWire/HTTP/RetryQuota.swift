import Synchronization

/// The retry quota of the AWS SDKs' standard retry mode, shared by every call of a client: 500 tokens; a retry
/// takes 5 (10 after a timeout); a call that succeeds gives back what its last retry took, or 1 when it
/// needed none, never above 500. When the quota is spent, errors are returned instead of retried, so that
/// retries under a real outage never multiply the request rate.
final class RetryQuota: Sendable {
    static let capacity = 500
    static let retryCost = 5
    static let timeoutRetryCost = 10
    private let tokens = Mutex(RetryQuota.capacity)

    /// Takes the cost of one retry; false (nothing taken) when the quota cannot pay it.
    func acquire(afterTimeout: Bool) -> Int? {
        let cost = afterTimeout ? Self.timeoutRetryCost : Self.retryCost
        return tokens.withLock { tokens -> Int? in
            guard tokens >= cost else { return nil }
            tokens -= cost
            return cost
        }
    }

    /// Gives back `taken` (the last retry's cost) after a success, or 1 when the call needed no retry.
    func release(_ taken: Int?) {
        tokens.withLock { $0 = min(Self.capacity, $0 + (taken ?? 1)) }
    }

    /// Tokens left.
    var available: Int { tokens.withLock { $0 } }
}
