/// A transport's idle libcurl handles by endpoint (scheme, host and port), each keeping its connection to that
/// endpoint, at most `limit` in all: past it the handle idle longest goes (with its connection). S3 names a host
/// for every bucket, so a transport that has read thousands of buckets still holds no more than `limit` sockets.
struct IdleHandles<Handle> {
    /// The most handles kept idle, whatever their endpoints.
    let limit: Int
    /// Each endpoint's idle handles, oldest first, with when each was put back.
    private var byEndpoint: [String: [(handle: Handle, since: UInt64)]] = [:]
    private var count = 0
    private var clock: UInt64 = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// An idle handle of `endpoint` (the one put back last: its connection is the least likely to have been
    /// closed by the server), or nil.
    mutating func take(_ endpoint: String) -> Handle? {
        guard let taken = byEndpoint[endpoint]?.popLast() else { return nil }
        if byEndpoint[endpoint]?.isEmpty == true { byEndpoint[endpoint] = nil }
        count -= 1
        return taken.handle
    }

    /// Keeps `handle` idle for `endpoint`; returns the handle let go to make room (the one idle longest, of any
    /// endpoint), which the caller frees.
    mutating func keep(_ handle: Handle, for endpoint: String) -> Handle? {
        clock += 1
        byEndpoint[endpoint, default: []].append((handle, clock))
        count += 1
        guard count > limit,
              let oldest = byEndpoint.min(by: { $0.value[0].since < $1.value[0].since })?.key else { return nil }
        let evicted = byEndpoint[oldest]!.removeFirst()
        if byEndpoint[oldest]!.isEmpty { byEndpoint[oldest] = nil }
        count -= 1
        return evicted.handle
    }

    /// Every idle handle (to free them all).
    var all: [Handle] { byEndpoint.values.flatMap { $0.map(\.handle) } }

    /// How many handles are idle.
    var idle: Int { count }
}
