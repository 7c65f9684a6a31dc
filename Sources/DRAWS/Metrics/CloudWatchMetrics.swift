import DRCore
import DRWire
import Foundation

/// Reads replication metrics with GetMetricData: every query of a region in as few calls as the API allows
/// (500 queries a call), following NextToken (a `PartialData` query has more datapoints on the next page).
/// Each result's `StatusCode` is read: a query answered `InternalError` or `Forbidden` is a problem of that
/// query, never a metric without datapoints.
package struct CloudWatchMetrics: Sendable {
    /// The most queries one GetMetricData call takes.
    package static let maxQueriesPerCall = 500
    /// Seconds of metrics a poll reads by default: the last 15 minutes (the window every poll of `AWSSource`
    /// reads after its first).
    package static let defaultWindowSeconds: Double = 900

    let client: AWSClient

    package init(client: AWSClient) {
        self.client = client
    }

    /// The datapoints of each query over `window` seconds before `now`, oldest first. Queries CloudWatch answered
    /// InternalError or Forbidden have none here (`fetchWithStatus` says why); when every query failed so, the
    /// first query's problem is thrown.
    package func fetch(_ queries: [MetricQuery], region: String, now: Date,
                       window: Double = CloudWatchMetrics.defaultWindowSeconds, period: Int = 60)
        async throws -> [MetricQuery: [Sample]] {
        let results = try await fetchWithStatus(queries, region: region, now: now, window: window, period: period)
        if !queries.isEmpty, Set(queries).allSatisfy({ results.problems[$0] != nil }),
           let problem = queries.first.flatMap({ results.problems[$0] }) {
            let others = results.problems.count - 1
            throw SourceProblem(problem.kind, problem.message + (others > 0 ? " (and \(others) more queries)" : ""))
        }
        return results.samples
    }

    /// The datapoints of each query over `window` seconds before `now`, oldest first, with the problem of each
    /// query CloudWatch answered InternalError or Forbidden. Throws what makes a whole call fail (unreachable,
    /// AccessDenied, throttling after retries, an answer that is not XML).
    /// Signed for `account` (nil: the main credentials): the metrics live in the source bucket's account.
    package func fetchWithStatus(_ queries: [MetricQuery], region: String, now: Date,
                                window: Double = CloudWatchMetrics.defaultWindowSeconds,
                                period: Int = 60, account: String? = nil) async throws -> MetricResults {
        var results = MetricResults()
        // The status of each query on the last page that answered it.
        var statuses: [MetricQuery: (code: String, messages: [String])] = [:]
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
                client.countMetrics(batch.count, account: account)
                let xml = try await client.cloudWatch(action: "GetMetricData", region: region, parameters: page,
                                                      what: "GetMetricData \(region)", account: account)
                let result = xml.child("GetMetricDataResult") ?? xml
                for member in result.child("MetricDataResults")?.all("member") ?? [] {
                    guard let id = member.string("Id"), let query = ids[id] else { continue }
                    let times = member.child("Timestamps")?.all("member").compactMap { ISO8601.parse($0.text) } ?? []
                    let values = member.child("Values")?.all("member").compactMap { Double($0.text) } ?? []
                    let samples = zip(times, values).map { Sample(time: $0, value: $1) }
                    if !samples.isEmpty { results.samples[query, default: []] += samples }
                    statuses[query] = (member.string("StatusCode") ?? "Complete", Self.messages(member))
                }
                for message in Self.messages(result) where !results.messages.contains(message) {
                    results.messages.append(message)
                }
                token = result.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
            } while token != nil
            offset += batch.count
        }
        for key in results.samples.keys { results.samples[key]?.sort { $0.time < $1.time } }
        for (query, status) in statuses {
            guard let problem = Self.problem(query, code: status.code, messages: status.messages, region: region)
            else { continue }
            results.problems[query] = problem
        }
        return results
    }

    /// The `Messages` of a result or of the answer, as "Code: Value".
    private static func messages(_ node: XMLNode) -> [String] {
        node.child("Messages")?.all("member").map { message in
            [message.string("Code"), message.string("Value")].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: ": ")
        }.filter { !$0.isEmpty } ?? []
    }

    /// The problem a query's StatusCode stands for (nil for Complete and PartialData).
    private static func problem(_ query: MetricQuery, code: String, messages: [String], region: String)
        -> SourceProblem? {
        let kind: SourceProblem.Kind
        switch code {
        case "InternalError": kind = .badResponse
        case "Forbidden": kind = .accessDenied
        default: return nil
        }
        let detail = messages.isEmpty ? "" : " (\(messages.joined(separator: "; ")))"
        return SourceProblem(kind, "GetMetricData \(region) \(query.metric.rawValue) \(query.sourceBucket)→"
            + "\(query.destinationBucket) rule \(query.ruleID): \(code)\(detail)")
    }
}
