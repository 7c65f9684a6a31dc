import DRCore
import DRWire
import Foundation
import Synchronization

/// Calls radosgw's admin REST API (`/admin/...`), signed with SigV4 (service `s3`) with the system user's keys,
/// through drtop's AWS client (retries, clock-skew correction, request counts). Each gateway URL gets a client of
/// its own; requests are counted under the zone's name.
package final class CephAdmin: Sendable {
    private let transport: HTTPTransport
    private let credentials: AWSClient.CredentialProvider
    private let clients = Mutex<[String: AWSClient]>([:])

    /// Creates the caller.
    package init(transport: HTTPTransport, credentials: @escaping AWSClient.CredentialProvider) {
        self.transport = transport
        self.credentials = credentials
    }

    private func client(zone: String, base: URL) -> AWSClient {
        let key = zone + " " + base.absoluteString
        return clients.withLock { clients in
            if let client = clients[key] { return client }
            let client = AWSClient(transport: transport, endpoints: AWSEndpoints(regionOverrides: [zone: base]),
                                   credentials: credentials)
            clients[key] = client
            return client
        }
    }

    /// GETs `path` (e.g. "admin/log/") of the gateway at `base`, counted as `api` under `zone`, and returns the body.
    package func get(zone: String, base: URL, api: String, path: String, query: [(String, String)]) async throws -> Data {
        let what = "\(zone): \(api)"
        let response = try await client(zone: zone, base: base).s3(
            api: api, region: zone, bucket: nil, key: path, query: query, what: what)
        return response.body
    }

    /// Requests sent so far, by API and zone.
    package var requestCounts: [RequestCount] {
        let all = clients.withLock { Array($0.values) }.flatMap(\.requestCounts)
        var merged: [String: RequestCount] = [:]
        for count in all {
            let key = count.region + " " + count.api
            merged[key, default: RequestCount(api: count.api, region: count.region, count: 0)].count += count.count
        }
        return merged.values.sorted { ($0.region, $0.api) < ($1.region, $1.api) }
    }
}
