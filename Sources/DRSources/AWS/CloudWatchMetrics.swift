import DRCore
import Foundation

/// Reads replication metrics with GetMetricData: every query of a region in as few calls as the API allows
/// (500 queries a call), following NextToken.
public struct CloudWatchMetrics: Sendable {
    /// The most queries one GetMetricData call takes.
    public static let maxQueriesPerCall = 500

    let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// The datapoints of each query over `window` seconds before `now`, oldest first.
    public func fetch(_ queries: [MetricQuery], region: String, now: Date, window: Double = 900, period: Int = 60)
        async throws -> [MetricQuery: [Sample]] {
        var results: [MetricQuery: [Sample]] = [:]
        // Whole periods, as CloudWatch rounds them anyway: each datapoint is one clock minute, the last one the
        // minute in progress, so successive polls see the same buckets.
        let step = Double(max(1, period))
        let start = ISO8601.format(Date(timeIntervalSince1970:
            ((now.timeIntervalSince1970 - window) / step).rounded(.down) * step))
        let end = ISO8601.format(Date(timeIntervalSince1970: (now.timeIntervalSince1970 / step).rounded(.up) * step))
        var offset = 0
        while offset < queries.count {
            let batch = Array(queries[offset..<min(queries.count, offset + Self.maxQueriesPerCall)])
            var ids: [String: MetricQuery] = [:]
            var parameters: [(String, String)] = [("StartTime", start), ("EndTime", end),
                                                  ("ScanBy", "TimestampAscending")]
            for (index, query) in batch.enumerated() {
                let id = "m\(offset + index)"
                ids[id] = query
                parameters += query.parameters(index: index + 1, id: id, period: period)
            }
            var token: String?
            repeat {
                let page = parameters + (token.map { [("NextToken", $0)] } ?? [])
                client.countMetrics(batch.count)
                let xml = try await client.cloudWatch(action: "GetMetricData", region: region, parameters: page,
                                                      what: "GetMetricData \(region)")
                let result = xml.child("GetMetricDataResult") ?? xml
                for member in result.child("MetricDataResults")?.all("member") ?? [] {
                    guard let id = member.string("Id"), let query = ids[id] else { continue }
                    let times = member.child("Timestamps")?.all("member").compactMap { ISO8601.parse($0.text) } ?? []
                    let values = member.child("Values")?.all("member").compactMap { Double($0.text) } ?? []
                    results[query, default: []] += zip(times, values).map { Sample(time: $0, value: $1) }
                }
                token = result.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
            } while token != nil
            offset += batch.count
        }
        for key in results.keys { results[key]?.sort { $0.time < $1.time } }
        return results
    }
}
