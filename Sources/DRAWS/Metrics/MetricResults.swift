import DRCore

/// What GetMetricData answered for a set of queries: the datapoints of each query, and why a query has none when
/// CloudWatch said so (its `StatusCode` InternalError or Forbidden), so that a failed query is never read as a
/// metric without datapoints.
package struct MetricResults: Sendable, Equatable {
    /// Datapoints of each query that has some, oldest first (pages merged).
    package var samples: [MetricQuery: [Sample]]
    /// Queries CloudWatch answered InternalError or Forbidden (on the last page that answered them), with the
    /// metric, the code and CloudWatch's messages.
    package var problems: [MetricQuery: SourceProblem]
    /// Messages about the whole call (GetMetricData's top-level `Messages`, e.g. "Maximum number of allowed
    /// metrics exceeded"), as "Code: Value".
    package var messages: [String]

    /// Creates results.
    package init(samples: [MetricQuery: [Sample]] = [:], problems: [MetricQuery: SourceProblem] = [:],
                messages: [String] = []) {
        self.samples = samples
        self.problems = problems
        self.messages = messages
    }
}
