/// Where a pair's users go, in one line: each region's share of the traffic as the routing systems say it, the
/// system that decides, and where systems disagree. Derived from `TrafficStatus`; unknown stays unknown.
public struct TrafficSummary: Sendable, Equatable {
    /// One region's share, 0–100.
    public struct Share: Sendable, Equatable {
        /// The region.
        public var region: String
        /// Its share of the traffic, percent.
        public var percent: Double
    }

    /// Shares of the deciding system, largest first; empty when unknown.
    public var shares: [Share]
    /// The system whose state decides (the first known in the order MRAP, Global Accelerator, ARC, Route 53: the
    /// nearest to the data first); nil when none could be read.
    public var decidedBy: TrafficRoute.Kind?
    /// Other systems that send traffic elsewhere than `decidedBy` does.
    public var disagreeing: [TrafficRoute.Kind]
    /// Whether some system did not answer.
    public var isPartial: Bool

    /// Whether a system ahead of `decidedBy` could not be read: what decides now may not be what users see.
    public var unreadAhead: Bool

    /// The order in which systems decide: nearest to the data first. ARC comes last: its controls only gate
    /// Route 53 records (through routing-control health checks), so where Route 53 is read, its records decide.
    public static let precedence: [TrafficRoute.Kind] = [.mrap, .accelerator, .route53, .arc]

    /// The summary of `traffic`; nil traffic (nothing configured or read yet) is unknown.
    public init(_ traffic: TrafficStatus?) {
        let traffic = traffic ?? TrafficStatus()
        let perKind = Self.precedence.compactMap { kind in Self.shares(traffic.routes(kind)).map { (kind, $0) } }
        shares = perKind.first?.1 ?? []
        decidedBy = perKind.first?.0
        let leader = perKind.first.map { Set($0.1.filter { $0.percent > 0 }.map(\.region)) }
        disagreeing = perKind.dropFirst().filter { Set($0.1.filter { $0.percent > 0 }.map(\.region)) != leader }.map(\.0)
        isPartial = traffic.isPartial
        let ahead = decidedBy.map { kind in Self.precedence.prefix { $0 != kind } } ?? ArraySlice(Self.precedence)
        unreadAhead = traffic.problems.contains { ahead.contains($0.kind) }
    }

    /// The share of `region`, percent; nil when unknown.
    public func percent(of region: String) -> Double? {
        decidedBy == nil ? nil : (shares.first { $0.region == region }?.percent ?? 0)
    }

    /// The overview's cell: "→ us-east-1 100%", "both active" (more than one region takes users: MRAP and Global
    /// Accelerator send each user to the nearest active region, and a dial applies only to the users already sent
    /// there, so no split can be read from the dials), "none" (no route carries traffic), "?" (unknown). "≠" after
    /// it: another system sends users elsewhere; "?" after it: a system ahead of the deciding one was not read.
    /// Marks come last and the "100%" makes room for them, so a narrow cell keeps them.
    public var text: String {
        guard decidedBy != nil else { return "?" }
        let carrying = shares.filter { $0.percent > 0 }
        let mark = (disagreeing.isEmpty ? "" : " ≠") + (unreadAhead ? " ?" : "")
        switch carrying.count {
        case 0: return "none" + mark
        case 1: return "→ \(carrying[0].region)" + (mark.isEmpty ? " 100%" : mark)
        case 2: return "both active" + mark
        default: return "\(carrying.count) active" + mark
        }
    }

    /// The regions users are sent to now, per the deciding system; empty when unknown.
    public var activeRegions: [String] { shares.filter { $0.percent > 0 }.map(\.region) }

    /// Each region's share from one system's routes: nil when it has none, or when a route with a region cannot
    /// say whether it carries traffic. A route with a dial weighs its dial; one without, 100 when it carries
    /// traffic; a route that does not carry traffic weighs 0.
    static func shares(_ routes: [TrafficRoute]) -> [Share]? {
        let placed = routes.filter { $0.region != nil }
        guard !placed.isEmpty, !placed.contains(where: { $0.carriesTraffic == nil }) else { return nil }
        var weight: [String: Double] = [:]
        for route in placed {
            weight[route.region!, default: 0] += route.carriesTraffic == true ? (route.dialPercent ?? 100) : 0
        }
        let total = weight.values.reduce(0, +)
        return weight.map { Share(region: $0.key, percent: total > 0 ? $0.value / total * 100 : 0) }
            .sorted { ($0.percent, $1.region) > ($1.percent, $0.region) }
    }
}
