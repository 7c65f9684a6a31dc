/// One GetMetricData query: an AWS/S3 replication metric of one rule.
package struct MetricQuery: Sendable, Hashable {
    /// The four replication metrics drtop reads.
    package enum Metric: String, Sendable, CaseIterable {
        case latency = "ReplicationLatency"
        case bytesPending = "BytesPendingReplication"
        case operationsPending = "OperationsPendingReplication"
        case operationsFailed = "OperationsFailedReplication"

        /// The statistic drtop asks for.
        package var stat: String { self == .operationsFailed ? "Sum" : "Maximum" }
    }

    package var metric: Metric
    package var sourceBucket: String
    package var destinationBucket: String
    package var ruleID: String

    package init(metric: Metric, sourceBucket: String, destinationBucket: String, ruleID: String) {
        self.metric = metric
        self.sourceBucket = sourceBucket
        self.destinationBucket = destinationBucket
        self.ruleID = ruleID
    }

    /// The Query API parameters of this query as member `index` (1-based), with id `id`.
    func parameters(index: Int, id: String, period: Int) -> [(String, String)] {
        let p = "MetricDataQueries.member.\(index)"
        var out: [(String, String)] = [
            ("\(p).Id", id), ("\(p).ReturnData", "true"),
            ("\(p).MetricStat.Metric.Namespace", "AWS/S3"), ("\(p).MetricStat.Metric.MetricName", metric.rawValue),
            ("\(p).MetricStat.Period", String(period)), ("\(p).MetricStat.Stat", metric.stat),
        ]
        let dimensions = [("SourceBucket", sourceBucket), ("DestinationBucket", destinationBucket), ("RuleId", ruleID)]
        for (offset, dimension) in dimensions.enumerated() {
            out.append(("\(p).MetricStat.Metric.Dimensions.member.\(offset + 1).Name", dimension.0))
            out.append(("\(p).MetricStat.Metric.Dimensions.member.\(offset + 1).Value", dimension.1))
        }
        return out
    }
}
