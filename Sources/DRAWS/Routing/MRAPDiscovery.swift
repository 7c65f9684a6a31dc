import DRCore
import DRSourceKit
import DRWire
import Foundation

/// Discovery's part of the routing: the account's Multi-Region Access Points (ListMultiRegionAccessPoints, S3
/// Control in us-west-2, where AWS answers it), matched to the discovered pairs by bucket, fill
/// `routing.mrapARN`. What cannot be listed (AccessDenied: `s3:ListMultiRegionAccessPoints`) is a note, never a
/// failure of discovery.
package enum MRAPDiscovery {
    /// The region whose S3 Control endpoint answers MRAP listings.
    static let region = "us-west-2"

    /// `pairs` with the MRAP over both their buckets (else over one) named, for the MRAPs of `accounts`; and notes.
    package static func match(_ pairs: [PairSpec], accounts: [String], client: AWSClient) async
        -> (pairs: [PairSpec], notes: [String]) {
        var mraps: [(arn: String, buckets: Set<String>)] = []
        var notes: [String] = []
        // Pointed at endpoints of its own with none for S3 Control's us-west-2: nothing to ask (AWS's endpoint is
        // not sent credentials meant for those endpoints).
        let endpoints = client.endpoints
        if endpoints.pointsAwayFromAWS, !endpoints.hasOverride(.s3Control, region: region) { return (pairs, []) }
        for account in accounts.sorted() {
            do {
                mraps += try await list(account: account, client: client)
            } catch {
                notes.append("discovery did not look for Multi-Region Access Points: "
                             + RoutingFailure.message("ListMultiRegionAccessPoints \(region)", error))
            }
        }
        var out = pairs
        for index in out.indices where out[index].routing.mrapARN == nil {
            let sides: Set = [out[index].primary.name, out[index].secondary.name]
            let both = mraps.first { sides.isSubset(of: $0.buckets) }
            let either = mraps.first { !$0.buckets.isDisjoint(with: sides) }
            out[index].routing.mrapARN = (both ?? either)?.arn
        }
        return (out, notes)
    }

    /// Every MRAP of `account`, page by page: its ARN and buckets.
    static func list(account: String, client: AWSClient) async throws -> [(arn: String, buckets: Set<String>)] {
        let base = try client.endpoints.s3Control(region: region, account: account)
        var out: [(arn: String, buckets: Set<String>)] = []
        var token: String?
        for _ in 0..<20 {
            var query = [("maxResults", "100")]
            if let token { query.append(("nextToken", token)) }
            let what = "ListMultiRegionAccessPoints \(region)"
            let response = try await client.rest(api: "ListMultiRegionAccessPoints", service: "s3", region: region,
                                                 base: base, path: "/v20180820/mrap/instances", query: query,
                                                 headers: [("x-amz-account-id", account)], what: what)
            let xml = try XMLNode.parse(response.body, what: what)
            let result = xml.child("ListMultiRegionAccessPointsResult") ?? xml
            for point in result.child("AccessPoints")?.all("AccessPoint") ?? [] {
                guard let alias = point.string("Alias"), !alias.isEmpty else { continue }
                let buckets = Set(point.child("Regions")?.all("Region").compactMap { $0.string("Bucket") } ?? [])
                out.append(("arn:aws:s3::\(account):accesspoint/\(alias)", buckets))
            }
            token = result.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
            if token == nil { break }
        }
        return out
    }
}
