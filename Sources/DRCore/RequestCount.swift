/// How many requests of one API were sent to one region since drtop started.
public struct RequestCount: Sendable, Equatable, Hashable {
    /// The API, e.g. "GetMetricData" or "HeadObject".
    public var api: String
    /// The region.
    public var region: String
    /// Requests sent.
    public var count: Int
    /// The account the requests were signed for, by its configured name (a profile, a role); nil for the
    /// main credentials.
    public var account: String?

    /// Creates a count.
    public init(api: String, region: String, count: Int, account: String? = nil) {
        self.api = api
        self.region = region
        self.count = count
        self.account = account
    }
}
