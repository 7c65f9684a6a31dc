/// What the drill-down's chart asks a source for: the lag of one direction of one pair over the last `seconds`,
/// when that is longer than the history every snapshot carries. Asked for the pair on screen only, never for
/// the whole fleet.
public struct LagHistoryRequest: Sendable, Equatable {
    /// The pair's name.
    public var pair: String
    /// The direction's source bucket.
    public var source: Bucket
    /// The direction's destination bucket.
    public var destination: Bucket
    /// How far back, in seconds.
    public var seconds: Double

    /// The same question: the pair, the direction's buckets by name and region, the window. A bucket's
    /// versioning (known in one poll, not in the next) does not make it another question.
    public static func == (lhs: LagHistoryRequest, rhs: LagHistoryRequest) -> Bool {
        lhs.pair == rhs.pair && lhs.seconds == rhs.seconds
            && lhs.source.name == rhs.source.name && lhs.source.region == rhs.source.region
            && lhs.destination.name == rhs.destination.name && lhs.destination.region == rhs.destination.region
    }

    /// Creates a request.
    public init(pair: String, source: Bucket, destination: Bucket, seconds: Double) {
        self.pair = pair
        self.source = source
        self.destination = destination
        self.seconds = seconds
    }
}
