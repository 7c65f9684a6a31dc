/// How many requests one endpoint is sent at once, adapted to how it answers (as TCP Vegas and the concurrency
/// limiters of service meshes do): an endpoint that answers as fast with more requests in flight is soon sent the
/// full limit; one whose answers slow down as more are in flight (a server that handles one request at a time, a
/// region under load) is sent fewer, so that requests wait in drtop rather than in the server's queue, where they
/// time out and come back as retries. Pure: latencies are passed in.
///
/// It starts at `start` and, until the first sign of queueing, grows by one request each answer (slow start);
/// after that by one per limit's worth of answers. Each API has its own baseline (a GetMetricData call takes
/// longer than a GET of a bucket's configuration): the least latency seen, drifting up 1 % a sample so that a
/// lasting change of the network is learnt. A smoothed latency over `queueingRatio` times the baseline, with more
/// than one request in flight, is queueing: the limit falls by a fifth.
package struct ConcurrencyLimit: Sendable, Equatable {
    /// The fewest requests in flight the limit falls to.
    package static let floor = 1.0
    /// Requests in flight before the first answer.
    package static let start = 4.0
    /// Smoothed latency over baseline above which answers are taken to be waiting in a queue.
    package static let queueingRatio = 3.0
    /// The most requests in flight (the transport's connections).
    package let ceiling: Double
    /// Requests that may be in flight now.
    package private(set) var limit: Double
    private var slowStart = true
    private var baseline: [String: Double] = [:]
    private var smoothed: [String: Double] = [:]

    /// A limit that grows to at most `ceiling`.
    package init(ceiling: Int) {
        self.ceiling = Double(max(1, ceiling))
        limit = min(self.ceiling, Self.start)
    }

    /// Whole requests allowed in flight now.
    package var allowed: Int { max(1, Int(limit)) }

    /// Learns from one answer of `api` that took `seconds` while `inFlight` requests (this one included) were out.
    package mutating func record(api: String, seconds: Double, inFlight: Int) {
        guard seconds.isFinite, seconds >= 0 else { return }
        let least = min(seconds, (baseline[api] ?? seconds) * 1.01)
        baseline[api] = least
        let recent = smoothed[api].map { 0.7 * $0 + 0.3 * seconds } ?? seconds
        smoothed[api] = recent
        if inFlight > 1, recent > Self.queueingRatio * max(least, 0.001) {
            limit = max(Self.floor, limit * 0.8)
            slowStart = false
            // Start the smoothing again from here, so that one queue is not counted again answer after answer.
            smoothed[api] = least * Self.queueingRatio
        } else if inFlight >= allowed || slowStart {
            limit = min(ceiling, limit + (slowStart ? 1 : 1 / limit))
        }
    }
}
