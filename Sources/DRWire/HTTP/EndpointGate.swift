import Synchronization

/// Admits a client's requests to each endpoint (host and port) up to its `ConcurrencyLimit`, in arrival order;
/// the rest wait here, in drtop, not in the endpoint's queue. Requests to different endpoints never wait on each
/// other: a slow region does not hold back a fast one.
package final class EndpointGate: Sendable {
    private struct Endpoint {
        var limit: ConcurrencyLimit
        var inFlight = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let ceiling: Int
    private let endpoints = Mutex<[String: Endpoint]>([:])

    /// A gate whose endpoints start at, and never exceed, `ceiling` requests in flight.
    package init(ceiling: Int) {
        self.ceiling = max(1, ceiling)
    }

    /// Waits for a turn at `endpoint`; returns the requests in flight there, this one included.
    package func enter(_ endpoint: String) async -> Int {
        if let admitted = withEntry(endpoint, { entry -> Int? in
            guard entry.inFlight < entry.limit.allowed else { return nil }
            entry.inFlight += 1
            return entry.inFlight
        }) {
            return admitted
        }
        await withCheckedContinuation { continuation in
            // A turn may have come free since the first look.
            let admitted = withEntry(endpoint) { entry -> Bool in
                guard entry.inFlight >= entry.limit.allowed else {
                    entry.inFlight += 1
                    return true
                }
                entry.waiting.append(continuation)
                return false
            }
            if admitted { continuation.resume() }
        }
        return endpoints.withLock { $0[endpoint]?.inFlight ?? 1 }
    }

    /// Runs `body` on the state of `endpoint` (a new one, at the ceiling, for an endpoint not yet asked), under
    /// the lock.
    private func withEntry<Value>(_ endpoint: String, _ body: (inout Endpoint) -> Value) -> Value {
        endpoints.withLock { state in
            body(&state[endpoint, default: Endpoint(limit: ConcurrencyLimit(ceiling: ceiling))])
        }
    }

    /// Ends a turn at `endpoint`: an answer of `api` after `seconds` (nil: no answer to learn from) with
    /// `inFlight` requests out when it was sent; lets in as many waiting requests as the limit now allows.
    package func leave(_ endpoint: String, api: String, seconds: Double?, inFlight: Int) {
        let admitted = endpoints.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard var entry = state[endpoint] else { return [] }
            defer { state[endpoint] = entry }
            entry.inFlight -= 1
            if let seconds { entry.limit.record(api: api, seconds: seconds, inFlight: inFlight) }
            var next: [CheckedContinuation<Void, Never>] = []
            while entry.inFlight < entry.limit.allowed, !entry.waiting.isEmpty {
                next.append(entry.waiting.removeFirst())
                entry.inFlight += 1
            }
            return next
        }
        for continuation in admitted { continuation.resume() }
    }

    /// The limit of `endpoint` now (the ceiling for one not yet asked).
    package func limit(of endpoint: String) -> Double {
        endpoints.withLock { $0[endpoint]?.limit.limit } ?? Double(ceiling)
    }
}
