import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// Route 53 ARC routing control states (GetRoutingControlState: JSON 1.0, `ToggleCustomerAPI`, signed
/// `route53-recovery-cluster` for the endpoint's region) on the cluster's endpoints, which DescribeCluster
/// (route53-recovery-control-config, us-west-2) names and drtop keeps. As AWS asks, the endpoints are tried in
/// rotation, one attempt each, starting with the one that answered last (any three of five answer); when none
/// answers, the endpoints are described again at the next read.
package final class ARCControlStates: Sendable {
    /// A cluster endpoint.
    package struct Endpoint: Sendable, Equatable {
        /// Its URL, as DescribeCluster gives it.
        package var url: String
        /// Its region, which requests to it are signed for.
        package var region: String
    }

    private struct Cluster: Sendable {
        var endpoints: [Endpoint]
        var next: Int
    }

    private let client: AWSClient
    private let clusters = Mutex<[String: Cluster]>([:])
    private let failed: FailedRegions

    /// Creates the reader; an endpoint that failed is said in the notes for `keepFailuresSeconds`, or until it
    /// answers again.
    package init(client: AWSClient, keepFailuresSeconds: Double = Defaults.routingRefreshSeconds) {
        self.client = client
        self.failed = FailedRegions(keepSeconds: keepFailuresSeconds)
    }

    /// Forgets the clusters' endpoints: the next read describes them again.
    package func invalidate() {
        clusters.withLock { $0.removeAll() }
    }

    /// The state of every control of `arc` at `now`.
    package func read(_ arc: PairRouting.ARCControls, now: Date) async -> RouteReading {
        let endpoints: [Endpoint]
        if let known = clusters.withLock({ $0[arc.clusterARN]?.endpoints }) {
            endpoints = known
        } else {
            do {
                endpoints = try await describe(arc.clusterARN)
                clusters.withLock { $0[arc.clusterARN] = Cluster(endpoints: endpoints, next: 0) }
            } catch {
                return .failed(.arc, RoutingFailure.message(
                    "DescribeCluster \(client.endpoints.signingRegion(.recoveryControlConfig, region: "us-west-2"))", error))
            }
        }
        guard !endpoints.isEmpty else { return .failed(.arc, "DescribeCluster: the cluster has no endpoints") }
        var routes: [TrafficRoute] = []
        var failures: [String] = []
        var problems: [String] = []
        // Whether a control went unread because no endpoint could be reached at all (not an error answered).
        var cutOff = false
        var answeredFrom: [String] = []
        var tried: Set<String> = []
        for region in arc.controls.keys.sorted() {
            let arn = arc.controls[region]!
            var answered = false
            var reachedOne = false
            let start = clusters.withLock { $0[arc.clusterARN]?.next ?? 0 }
            for step in 0..<endpoints.count {
                let index = (start + step) % endpoints.count
                let endpoint = endpoints[index]
                let what = "GetRoutingControlState \(endpoint.region)"
                do {
                    let body = try JSONSerialization.data(withJSONObject: ["RoutingControlArn": arn])
                    let response = try await client.json(
                        service: "route53-recovery-cluster", target: "ToggleCustomerAPI.GetRoutingControlState",
                        base: endpoint.url, region: endpoint.region, body: body, what: what, attempts: 1)
                    let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
                    guard let state = json["RoutingControlState"] as? String else {
                        throw SourceProblem(.badResponse, "\(what): no RoutingControlState in the answer")
                    }
                    clusters.withLock { $0[arc.clusterARN]?.next = index }
                    routes.append(TrafficRoute(
                        kind: .arc, region: region, name: json["RoutingControlName"] as? String ?? region,
                        state: state, dialPercent: state == "On" ? 100 : 0, carriesTraffic: state == "On",
                        arn: arn, observedAt: now))
                    answered = true
                    failed.answered(endpoint.region)
                    if !answeredFrom.contains(endpoint.region) { answeredFrom.append(endpoint.region) }
                    break
                } catch {
                    let message = RoutingFailure.message(what, error)
                    reachedOne = reachedOne || !RoutingFailure.isUnreachable(error)
                    tried.insert(endpoint.region)
                    failed.failed(endpoint.region, message, at: now)
                    if RoutingFailure.isFinal(error) {
                        problems.append(message)
                        answered = true
                        break
                    }
                    if !failures.contains(message) { failures.append(message) }
                }
            }
            if !answered {
                problems.append("no cluster endpoint answered for \(region)'s control: " + failures.joined(separator: "; "))
                cutOff = cutOff || !reachedOne
                // Described again next time: the cluster's endpoints may have changed.
                clusters.withLock { _ = $0.removeValue(forKey: arc.clusterARN) }
            }
        }
        let said = answeredFrom.isEmpty ? [] : failed.said(except: answeredFrom[0], current: tried, now: now)
        let notes = said.isEmpty ? [] : ["ARC states from \(answeredFrom.joined(separator: ", ")): "
            + said.joined(separator: "; ")]
        let problem = problems.isEmpty ? nil
            : TrafficStatus.Problem(kind: .arc, message: problems.joined(separator: "; "), unreachable: cutOff)
        return RouteReading(routes: routes, problem: problem, notes: notes)
    }

    /// The cluster's endpoints (DescribeCluster: GET /cluster/ARN, REST JSON, us-west-2).
    private func describe(_ clusterARN: String) async throws -> [Endpoint] {
        let region = client.endpoints.signingRegion(.recoveryControlConfig, region: "us-west-2")
        let what = "DescribeCluster \(region)"
        let response = try await client.rest(api: "DescribeCluster", service: "route53-recovery-control-config",
                                             region: region,
                                             base: try client.endpoints.resolve(.recoveryControlConfig, region: region),
                                             path: "/cluster/\(clusterARN)", what: what)
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard let cluster = json?["Cluster"] as? [String: Any] else {
            throw SourceProblem(.badResponse, "\(what): no Cluster in the answer")
        }
        return (cluster["ClusterEndpoints"] as? [[String: Any]] ?? []).compactMap { item in
            guard let url = item["Endpoint"] as? String, let region = item["Region"] as? String else { return nil }
            return Endpoint(url: url, region: region)
        }
    }
}
