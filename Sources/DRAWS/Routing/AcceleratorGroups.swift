import DRCore
import DRSourceKit
import DRWire
import Foundation

/// A Global Accelerator's endpoint groups (JSON 1.1, `GlobalAccelerator_V20180706.*`, signed `globalaccelerator`
/// in us-west-2, the API's one region): its listeners, then each listener's groups, one route per group with
/// its region, TrafficDialPercentage and its endpoints' HealthState.
package struct AcceleratorGroups: Sendable {
    let client: AWSClient

    /// Creates the reader.
    package init(client: AWSClient) {
        self.client = client
    }

    /// The endpoint groups of accelerator `arn` for `pair` at `now`.
    package func read(_ arn: String, pair: PairSpec, now: Date) async -> RouteReading {
        let region = client.endpoints.signingRegion(.globalAccelerator, region: pair.primary.region)
        var what = "ListListeners \(region)"
        do {
            let base = try client.endpoints.resolve(.globalAccelerator, region: region)
            let listeners = try await pages("ListListeners", ["AcceleratorArn": arn], key: "Listeners", base: base,
                                            region: region).compactMap { $0["ListenerArn"] as? String }
            var routes: [TrafficRoute] = []
            what = "ListEndpointGroups \(region)"
            for listener in listeners {
                let groups = try await pages("ListEndpointGroups", ["ListenerArn": listener], key: "EndpointGroups",
                                             base: base, region: region)
                routes += groups.map { Self.route($0, pair: pair, now: now) }
            }
            return RouteReading(routes: routes)
        } catch {
            return .failed(.accelerator, RoutingFailure.message(what, error))
        }
    }

    /// Every item of a paged list call.
    private func pages(_ action: String, _ request: [String: String], key: String, base: String, region: String)
        async throws -> [[String: Any]] {
        var items: [[String: Any]] = []
        var token: String?
        for _ in 0..<20 {
            var body: [String: Any] = request
            body["MaxResults"] = 100
            if let token { body["NextToken"] = token }
            let response = try await client.json(
                service: "globalaccelerator", target: "GlobalAccelerator_V20180706.\(action)", base: base,
                region: region, body: try JSONSerialization.data(withJSONObject: body), what: "\(action) \(region)",
                version: "1.1")
            let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
            items += json[key] as? [[String: Any]] ?? []
            token = json["NextToken"] as? String
            if token?.isEmpty ?? true { break }
        }
        return items
    }

    /// One endpoint group as a route: healthy when an endpoint is HEALTHY, unhealthy when none is and one is
    /// UNHEALTHY, unknown while they are INITIAL; users go there when its dial is above 0 and it is not unhealthy.
    package static func route(_ group: [String: Any], pair: PairSpec, now: Date) -> TrafficRoute {
        let groupRegion = group["EndpointGroupRegion"] as? String ?? "?"
        let dial = (group["TrafficDialPercentage"] as? NSNumber)?.doubleValue
        let endpoints = group["EndpointDescriptions"] as? [[String: Any]] ?? []
        let states = endpoints.map { ($0["HealthState"] as? String ?? "INITIAL", $0["HealthReason"] as? String) }
        let healthy: Bool? = states.contains { $0.0 == "HEALTHY" } ? true
            : states.contains { $0.0 == "UNHEALTHY" } ? false : nil
        var counts: [String: Int] = [:]
        for state in states { counts[state.0, default: 0] += 1 }
        let reasons = Array(Set(states.compactMap { $0.0 == "HEALTHY" ? nil : $0.1 })).sorted()
        var detail = counts.keys.sorted().map { counts.count == 1 && endpoints.count == 1 ? $0 : "\(counts[$0]!) \($0)" }
            .joined(separator: ", ")
        if !reasons.isEmpty { detail += " (\(reasons.joined(separator: ", ")))" }
        var carries: Bool?
        if let dial { carries = dial > 0 ? healthy : false }
        // Global Accelerator moves users off a group once its health checks fail: interval × threshold count.
        let interval = (group["HealthCheckIntervalSeconds"] as? NSNumber)?.doubleValue
        let threshold = (group["ThresholdCount"] as? NSNumber)?.doubleValue
        let detection = interval.flatMap { i in threshold.map { i * $0 } }
        let pairRegions = [pair.primary.region, pair.secondary.region]
        return TrafficRoute(kind: .accelerator, region: pairRegions.contains(groupRegion) ? groupRegion : nil,
                            name: groupRegion, state: dial.map { "\(Int($0))%" } ?? "?", dialPercent: dial,
                            healthy: healthy, healthDetail: endpoints.isEmpty ? "no endpoints" : detail,
                            carriesTraffic: endpoints.isEmpty ? false : carries, detectionSeconds: detection,
                            arn: group["EndpointGroupArn"] as? String, observedAt: now)
    }
}
