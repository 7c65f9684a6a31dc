import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// A Multi-Region Access Point's routes (GetMultiRegionAccessPointRoutes: s3control, REST XML, signed `s3`,
/// header `x-amz-account-id` = the ARN's account). The failover control plane answers only in five regions;
/// drtop asks them in turn, starting with the one that answered last, so one failed region does not hide the
/// routes, and says which failed when another answered.
package final class MRAPRoutes: Sendable {
    /// The regions whose S3 failover control endpoints answer route reads and updates.
    package static let controlPlaneRegions = ["us-east-1", "us-west-2", "ap-southeast-2", "ap-northeast-1", "eu-west-1"]

    private let client: AWSClient
    private let lastAnswered = Mutex<String?>(nil)
    private let failed: FailedRegions

    /// Creates the reader; a region that failed is said in the notes for `keepFailuresSeconds`, or until it
    /// answers again.
    package init(client: AWSClient, keepFailuresSeconds: Double = Defaults.routingRefreshSeconds) {
        self.client = client
        self.failed = FailedRegions(keepSeconds: keepFailuresSeconds)
    }

    /// The regions to ask, in order: the last that answered first. Where the configuration points regions at
    /// endpoints that are not AWS's, only control plane regions with an endpoint of their own are asked.
    package func regionsToAsk() -> [String] {
        var regions = Self.controlPlaneRegions
        if client.endpoints.pointsAwayFromAWS {
            regions = regions.filter { client.endpoints.hasOverride(.s3Control, region: $0) }
        }
        if let last = lastAnswered.withLock({ $0 }), let index = regions.firstIndex(of: last) {
            regions.remove(at: index)
            regions.insert(last, at: 0)
        }
        return regions
    }

    /// The routes of the MRAP `arnText` for `pair`, read at `now`.
    package func read(_ arnText: String, pair: PairSpec, now: Date) async -> RouteReading {
        guard let arn = ARN(arnText) else { return .failed(.mrap, "\(arnText) is not an MRAP ARN") }
        let regions = regionsToAsk()
        guard !regions.isEmpty else {
            return .failed(.mrap, "no MRAP control plane region (\(Self.controlPlaneRegions.joined(separator: ", "))) "
                           + "has an endpoint in the configuration")
        }
        var failures: [String] = []
        var allUnreachable = true
        var tried: Set<String> = []
        for region in regions {
            tried.insert(region)
            let what = "GetMultiRegionAccessPointRoutes \(region)"
            do {
                let base = try client.endpoints.s3Control(region: region, account: arn.account)
                let response = try await client.rest(
                    api: "GetMultiRegionAccessPointRoutes", service: "s3", region: region, base: base,
                    path: "/v20180820/mrap/instances/\(arnText)/routes", headers: [("x-amz-account-id", arn.account)],
                    what: what, attempts: 1)
                let xml = try XMLNode.parse(response.body, what: what)
                lastAnswered.withLock { $0 = region }
                failed.answered(region)
                let routes = Self.routes(xml, pair: pair, now: now)
                let said = failed.said(except: region, current: tried, now: now)
                let notes = said.isEmpty ? [] : ["MRAP routes from \(region): " + said.joined(separator: "; ")]
                return RouteReading(routes: routes, notes: notes)
            } catch {
                let message = RoutingFailure.message(what, error)
                failures.append(message)
                failed.failed(region, message, at: now)
                allUnreachable = allUnreachable && RoutingFailure.isUnreachable(error)
                if RoutingFailure.isFinal(error) { break }
            }
        }
        return .failed(.mrap, failures.count == 1 ? failures[0]
                       : "no control plane region answered: " + failures.joined(separator: "; "),
                       unreachable: allUnreachable && !failures.isEmpty)
    }

    /// The routes of an answer: one per bucket, its region the route's Region (a pair bucket's region where the
    /// route names neither of the pair's regions), "100 %" / "0 %", carrying traffic when the dial is above 0.
    package static func routes(_ xml: XMLNode, pair: PairSpec, now: Date) -> [TrafficRoute] {
        let result = xml.name == "GetMultiRegionAccessPointRoutesResult" ? xml
            : xml.child("GetMultiRegionAccessPointRoutesResult") ?? xml
        let pairRegions = [pair.primary.region, pair.secondary.region]
        return (result.child("Routes")?.all("Route") ?? []).map { route in
            let bucket = route.string("Bucket") ?? ""
            let named = route.string("Region")
            let dial = route.string("TrafficDialPercentage").flatMap(Double.init)
            let region = named.flatMap { pairRegions.contains($0) ? $0 : nil }
                ?? [pair.primary, pair.secondary].first { $0.name == bucket }?.region
            return TrafficRoute(kind: .mrap, region: region, name: bucket.isEmpty ? (named ?? "?") : bucket,
                                state: dial.map { "\(Int($0))%" } ?? "?", dialPercent: dial,
                                carriesTraffic: dial.map { $0 > 0 }, observedAt: now)
        }
    }
}
