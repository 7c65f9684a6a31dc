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

    /// The order in which systems decide.
    public static let precedence: [TrafficRoute.Kind] = [.mrap, .accelerator, .arc, .route53]

    /// The summary of `traffic`; nil traffic (nothing configured or read yet) is unknown.
    public init(_ traffic: TrafficStatus?) {
        let traffic = traffic ?? TrafficStatus()
        let perKind = Self.precedence.compactMap { kind in Self.shares(traffic.routes(kind)).map { (kind, $0) } }
        shares = perKind.first?.1 ?? []
        decidedBy = perKind.first?.0
        let leader = perKind.first.map { Set($0.1.filter { $0.percent > 0 }.map(\.region)) }
        disagreeing = perKind.dropFirst().filter { Set($0.1.filter { $0.percent > 0 }.map(\.region)) != leader }.map(\.0)
        isPartial = traffic.isPartial
    }

    /// The share of `region`, percent; nil when unknown.
    public func percent(of region: String) -> Double? {
        decidedBy == nil ? nil : (shares.first { $0.region == region }?.percent ?? 0)
    }

    /// The overview's cell: "→ us-east-1 100%", "both active" (equal weights: the nearest active region serves
    /// each user), "split 75/25" (unequal weights), "none" (no route carries traffic), "?" (unknown).
    public var text: String {
        guard decidedBy != nil else { return "?" }
        let carrying = shares.filter { $0.percent > 0 }
        let mark = disagreeing.isEmpty ? "" : " ≠"
        switch carrying.count {
        case 0: return "none" + mark
        case 1: return "→ \(carrying[0].region) \(Format.percent(carrying[0].percent / 100))" + mark
        default:
            // Equal weights: the system sends each user to the nearest active region (MRAP, Global Accelerator,
            // ARC cells), so the share depends on where users are — "both active", not a made-up 50/50.
            let equal = Set(carrying.map { Int($0.percent.rounded()) }).count == 1
            if equal { return (carrying.count == 2 ? "both active" : "\(carrying.count) active") + mark }
            return "split " + carrying.map { "\(Int($0.percent.rounded()))" }.joined(separator: "/") + mark
        }
    }

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
