/// How many requests of one API were sent to one region since drtop started.
public struct RequestCount: Sendable, Equatable, Hashable {
    /// The API, e.g. "GetMetricData" or "HeadObject".
    public var api: String
    /// The region.
    public var region: String
    /// Requests sent.
    public var count: Int

    /// Creates a count.
    public init(api: String, region: String, count: Int) {
        self.api = api
        self.region = region
        self.count = count
    }
}
