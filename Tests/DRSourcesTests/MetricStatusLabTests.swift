import DRAWS
import DRCore
import DRTestSupport
import DRWire
import Foundation
import Testing

/// GetMetricData's per-query StatusCode against the replication lab (`/metric-status/...`): InternalError and
/// Forbidden become problems naming the metric and the code, never "no datapoints"; PartialData pages behind
/// NextToken are merged.
@Suite(.serialized) struct MetricStatusLabTests {
    static func client(_ lab: Lab) -> AWSClient {
        return lab.client()
    }

    static func query(_ metric: MetricQuery.Metric, _ pair: Int) -> MetricQuery {
        MetricQuery(metric: metric, sourceBucket: "lab\(pair)-use1", destinationBucket: "lab\(pair)-usw2",
                    ruleID: "to-usw2")
    }

    @Test func statusCodesBecomeProblemsAndPartialPagesMerge() async throws {
        let lab = try Lab(pairs: 2)
        let client = Self.client(lab)
        let metrics = CloudWatchMetrics(client: client)
        let latency0 = Self.query(.latency, 0), latency1 = Self.query(.latency, 1)
        let pending1 = Self.query(.operationsPending, 1), bytes0 = Self.query(.bytesPending, 0)
        let queries = [latency0, latency1, pending1, bytes0]
        try await Task.sleep(for: .seconds(3.5))  // a few datapoints a rule (the lab publishes every second)
        let plain = try await metrics.fetchWithStatus(queries, region: "us-west-2", now: Date(), period: 1)
        #expect(plain.problems.isEmpty)
        let before = plain.samples[latency0]?.count ?? 0
        #expect(before >= 3)

        try await lab.fault("/metric-status/ReplicationLatency/PartialData?source=lab0-use1&per_page=1")
        try await lab.fault("/metric-status/ReplicationLatency/InternalError?source=lab1-use1&message=Internal%20failure")
        try await lab.fault("/metric-status/OperationsPendingReplication/Forbidden?source=lab1-use1")
        let calls = client.requestCounts.first { $0.api == "GetMetricData" }?.count ?? 0
        let results = try await metrics.fetchWithStatus(queries, region: "us-west-2", now: Date(), period: 1)
        let pages = (client.requestCounts.first { $0.api == "GetMetricData" }?.count ?? 0) - calls
        let merged = results.samples[latency0] ?? []
        #expect(pages >= before, "one datapoint a page: every page followed")
        #expect(merged.count >= before, "PartialData pages are merged")
        #expect(zip(merged, merged.dropFirst()).allSatisfy { $0.time < $1.time }, "in order, none twice")
        #expect((results.samples[bytes0]?.count ?? 0) >= before, "Complete queries keep their datapoints over pages")
        #expect(results.problems[latency0] == nil && results.problems[bytes0] == nil)

        let internalError = try #require(results.problems[latency1])
        #expect(internalError.kind == .badResponse)
        #expect(internalError.message.contains("ReplicationLatency") && internalError.message.contains("lab1-use1"))
        #expect(internalError.message.contains("InternalError") && internalError.message.contains("Internal failure"))
        let forbidden = try #require(results.problems[pending1])
        #expect(forbidden.kind == .accessDenied)
        #expect(forbidden.message.contains("OperationsPendingReplication") && forbidden.message.contains("Forbidden"))
        #expect(results.samples[latency1] == nil && results.samples[pending1] == nil)

        // The samples-only call keeps working for the queries that answered.
        let samples = try await metrics.fetch(queries, region: "us-west-2", now: Date(), period: 1)
        #expect((samples[latency0]?.count ?? 0) >= before)
    }

    @Test func everyQueryFailedIsThrownByFetch() async throws {
        let lab = try Lab(pairs: 1)
        let metrics = CloudWatchMetrics(client: Self.client(lab))
        try await lab.fault("/metric-status/ReplicationLatency/Forbidden")
        let queries = [Self.query(.latency, 0)]
        do {
            let samples = try await metrics.fetch(queries, region: "us-west-2", now: Date(), period: 1)
            Issue.record("fetch answered \(samples) although every query was Forbidden")
        } catch let problem as SourceProblem {
            #expect(problem.kind == .accessDenied)
            #expect(problem.message.contains("ReplicationLatency lab0-use1→lab0-usw2 rule to-usw2: Forbidden"))
        }
    }
}
