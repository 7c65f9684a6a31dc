import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// A Route 53 failover name's PRIMARY and SECONDARY records (ListResourceRecordSets from the name) with their
/// health checks' detection time (GetHealthCheck: RequestInterval × FailureThreshold), both re-read with the
/// configuration, and each health check's state from CloudWatch's `AWS/Route53 HealthCheckStatus` every read
/// (Route53Health; not GetHealthCheckStatus, which AWS says is not for production query rates).
package final class Route53Failover: Sendable {
    private struct Records: Sendable {
        var records: [FailoverRecord]
        var detection: [String: Double]
        var types: [String: String]
        var readAt: Date
    }

    private let client: AWSClient
    private let health: Route53Health
    private let refreshSeconds: Double
    private let cache = Mutex<[String: Records]>([:])

    /// Creates the reader; records and health check settings are re-read every `refreshSeconds`.
    package init(client: AWSClient, refreshSeconds: Double) {
        self.client = client
        self.health = Route53Health(client: client)
        self.refreshSeconds = refreshSeconds
    }

    /// Forgets the records read (`r`): the next read asks Route 53 again.
    package func invalidate() {
        cache.withLock { $0.removeAll() }
    }

    /// The failover routes of `name` for `pair` at `now`.
    package func read(_ name: PairRouting.Route53Name, pair: PairSpec, now: Date) async -> RouteReading {
        let key = name.zoneID + " " + name.name
        let region = client.endpoints.signingRegion(.route53, region: pair.primary.region)
        var records = cache.withLock { $0[key] }
        if records == nil || now.timeIntervalSince(records!.readAt) >= refreshSeconds {
            let list: [FailoverRecord]
            do {
                list = try await recordSets(name, region: region)
            } catch {
                return .failed(.route53, RoutingFailure.message("ListResourceRecordSets \(region)", error))
            }
            var detection: [String: Double] = [:]
            var types: [String: String] = [:]
            do {
                for id in Set(list.compactMap(\.healthCheckID)).sorted() {
                    let check = try await healthCheck(id, region: region)
                    detection[id] = check.seconds
                    types[id] = check.type
                }
            } catch {
                return .failed(.route53, RoutingFailure.message("GetHealthCheck \(region)", error))
            }
            records = Records(records: list, detection: detection, types: types, readAt: now)
            cache.withLock { $0[key] = records }
        }
        guard let records, !records.records.isEmpty else {
            return .failed(.route53, "ListResourceRecordSets \(region): no PRIMARY/SECONDARY failover records named "
                           + "\(name.name) in hosted zone \(name.zoneID)")
        }
        let ids = records.records.compactMap(\.healthCheckID)
        var problem: TrafficStatus.Problem?
        var states: [String: Route53Health.State] = [:]
        if !ids.isEmpty {
            do {
                states = try await health.states(ids, now: now)
            } catch {
                problem = TrafficStatus.Problem(kind: .route53, message: RoutingFailure.message(
                    "GetMetricData \(Route53Health.region) AWS/Route53 HealthCheckStatus", error))
            }
        }
        return RouteReading(routes: Self.routes(records.records, detection: records.detection, types: records.types,
                                                 states: states, pair: pair, now: now), problem: problem)
    }

    /// The routes of the records: health from `states` (unknown when the check has no datapoint), who carries
    /// traffic as Route 53 decides it (the primary while it is healthy, else a healthy secondary; when no
    /// record is healthy Route 53 answers with the primary).
    package static func routes(_ records: [FailoverRecord], detection: [String: Double], types: [String: String] = [:],
                               states: [String: Route53Health.State], pair: PairSpec, now: Date) -> [TrafficRoute] {
        let sides = [(pair.primary.region, pair.primary.name), (pair.secondary.region, pair.secondary.name)]
            .map { (region: $0.0, bucket: $0.1) }
        // nil: cannot tell. A record without a health check is healthy to Route 53, unless it is an alias
        // evaluating a target health drtop does not read.
        func healthy(_ record: FailoverRecord) -> Bool? {
            guard let id = record.healthCheckID else { return record.evaluatesTargetHealth ? nil : true }
            return states[id]?.healthy
        }
        let primaries = records.filter { $0.failover == "PRIMARY" }
        let secondaries = records.filter { $0.failover == "SECONDARY" }
        let primaryHealthy = anyHealthy(primaries.map(healthy))
        let secondaryHealthy = anyHealthy(secondaries.map(healthy))
        return (primaries + secondaries).map { record in
            let own = healthy(record)
            let carries: Bool?
            if record.failover == "PRIMARY" {
                switch (primaryHealthy, secondaryHealthy) {
                case (true, _): carries = own
                case (false, false): carries = true  // nothing healthy: Route 53 answers with the primary
                case (false, true): carries = false
                default: carries = nil
                }
            } else {
                switch (primaryHealthy, own) {
                case (true, _): carries = false
                case (false, true): carries = true
                case (false, false): carries = false
                default: carries = nil
                }
            }
            let detail: String?
            if let id = record.healthCheckID {
                detail = states[id]?.detail ?? "no HealthCheckStatus datapoint"
            } else {
                detail = record.evaluatesTargetHealth ? "alias target health (not read)" : nil
            }
            var route = TrafficRoute(kind: .route53, region: record.region(among: sides), name: record.setIdentifier,
                                     state: record.failover, healthy: own, healthDetail: detail, carriesTraffic: carries,
                                     ttlSeconds: record.ttl,
                                     detectionSeconds: record.healthCheckID.flatMap { detection[$0] },
                                     healthCheckID: record.healthCheckID, observedAt: now)
            route.healthCheckType = record.healthCheckID.flatMap { types[$0] }
            route.isAlias = record.ttl == nil
            route.evaluatesTargetHealth = record.evaluatesTargetHealth
            return route
        }
    }

    /// Whether one of several records is healthy: true when one is, false when all are not (or there are
    /// none), nil when none is and one cannot be told.
    static func anyHealthy(_ states: [Bool?]) -> Bool? {
        if states.contains(true) { return true }
        return states.contains(where: { $0 == nil }) ? nil : false
    }

    /// The failover records of exactly `name`, following pages while they still hold that name.
    private func recordSets(_ name: PairRouting.Route53Name, region: String) async throws -> [FailoverRecord] {
        let base = try client.endpoints.resolve(.route53, region: region)
        let wanted = name.name.lowercased()
        var query: [(String, String)] = [("name", name.name), ("maxitems", "100")]
        var out: [FailoverRecord] = []
        for _ in 0..<10 {
            let what = "ListResourceRecordSets \(region)"
            let response = try await client.rest(api: "ListResourceRecordSets", service: "route53", region: region,
                                                 base: base, path: "/2013-04-01/hostedzone/\(name.zoneID)/rrset",
                                                 query: query, what: what)
            let xml = try XMLNode.parse(response.body, what: what)
            var left = false
            for set in xml.child("ResourceRecordSets")?.all("ResourceRecordSet") ?? [] {
                guard Self.normalized(set.string("Name") ?? "") == wanted else {
                    left = true
                    break
                }
                guard let failover = set.string("Failover") else { continue }
                let alias = set.child("AliasTarget")
                let values = alias.flatMap { $0.string("DNSName") }.map { [$0] }
                    ?? (set.child("ResourceRecords")?.all("ResourceRecord").compactMap { $0.string("Value") } ?? [])
                out.append(FailoverRecord(
                    failover: failover, setIdentifier: set.string("SetIdentifier") ?? failover,
                    type: set.string("Type") ?? "", ttl: set.string("TTL").flatMap(Double.init),
                    healthCheckID: set.string("HealthCheckId").flatMap { $0.isEmpty ? nil : $0 }, values: values,
                    evaluatesTargetHealth: alias?.string("EvaluateTargetHealth") == "true"))
            }
            guard !left, xml.string("IsTruncated") == "true", let next = xml.string("NextRecordName"),
                  Self.normalized(next) == wanted else { break }
            query = [("name", next), ("maxitems", "100")]
            if let type = xml.string("NextRecordType") { query.append(("type", type)) }
            if let identifier = xml.string("NextRecordIdentifier") { query.append(("identifier", identifier)) }
        }
        return out
    }

    /// RequestInterval × FailureThreshold of health check `id`, and its type (HTTPS, RECOVERY_CONTROL, ...).
    private func healthCheck(_ id: String, region: String) async throws -> (seconds: Double?, type: String?) {
        let what = "GetHealthCheck \(region)"
        let response = try await client.rest(api: "GetHealthCheck", service: "route53", region: region,
                                             base: try client.endpoints.resolve(.route53, region: region),
                                             path: "/2013-04-01/healthcheck/\(id)", what: what)
        let xml = try XMLNode.parse(response.body, what: what)
        guard let config = xml.at("HealthCheck", "HealthCheckConfig") else { return (nil, nil) }
        let type = config.string("Type")
        // An ARC routing-control check follows its control at once: no interval to wait.
        if type == "RECOVERY_CONTROL" { return (0, type) }
        // Route 53's defaults: every 30 s, 3 failures.
        let interval = config.string("RequestInterval").flatMap(Double.init) ?? 30
        let threshold = config.string("FailureThreshold").flatMap(Double.init) ?? 3
        return (interval * threshold, type)
    }

    /// A record name as compared: lower case, a final dot, Route 53's `\052` as `*`.
    static func normalized(_ name: String) -> String {
        let lower = name.lowercased().replacingOccurrences(of: "\\052", with: "*")
        return lower.hasSuffix(".") ? lower : lower + "."
    }
}
