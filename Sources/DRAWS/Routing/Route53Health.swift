import DRCore
import DRWire
import Foundation

/// The state of Route 53 health checks from CloudWatch: `AWS/Route53 HealthCheckStatus` (dimension
/// `HealthCheckId`, published in us-east-1), its Minimum per minute over the last few minutes, the newest minute
/// deciding. No datapoint is unknown, never healthy.
package struct Route53Health: Sendable {
    /// A health check's state as the newest datapoint says it.
    package struct State: Sendable, Equatable {
        /// 1: healthy, 0: not.
        package var healthy: Bool
        /// "HealthCheckStatus 1".
        package var detail: String
    }

    /// Where Route 53 publishes its health check metrics.
    package static let region = "us-east-1"
    /// The minutes read: the newest datapoint in them decides.
    static let windowSeconds: Double = 300

    let client: AWSClient

    /// The state of each health check that has a datapoint; checks without one are absent.
    package func states(_ ids: [String], now: Date) async throws -> [String: State] {
        let unique = Array(Set(ids)).sorted()
        var parameters: [(String, String)] = []
        let start = ((now.timeIntervalSince1970 - Self.windowSeconds) / 60).rounded(.down) * 60
        let end = (now.timeIntervalSince1970 / 60).rounded(.up) * 60 + 60
        parameters += [("StartTime", ISO8601.format(Date(timeIntervalSince1970: start))),
                       ("EndTime", ISO8601.format(Date(timeIntervalSince1970: end))), ("ScanBy", "TimestampDescending")]
        for (index, id) in unique.enumerated() {
            let p = "MetricDataQueries.member.\(index + 1)"
            parameters += [
                ("\(p).Id", "h\(index)"), ("\(p).ReturnData", "true"),
                ("\(p).MetricStat.Metric.Namespace", "AWS/Route53"),
                ("\(p).MetricStat.Metric.MetricName", "HealthCheckStatus"),
                ("\(p).MetricStat.Metric.Dimensions.member.1.Name", "HealthCheckId"),
                ("\(p).MetricStat.Metric.Dimensions.member.1.Value", id),
                ("\(p).MetricStat.Period", "60"), ("\(p).MetricStat.Stat", "Minimum"),
            ]
        }
        client.countMetrics(unique.count)
        var newest: [String: (time: Date, value: Double)] = [:]
        var token: String?
        repeat {
            let page = parameters + (token.map { [("NextToken", $0)] } ?? [])
            let xml = try await client.cloudWatch(action: "GetMetricData", region: Self.region, parameters: page,
                                                  what: "GetMetricData \(Self.region)")
            let result = xml.child("GetMetricDataResult") ?? xml
            for member in result.child("MetricDataResults")?.all("member") ?? [] {
                guard let id = member.string("Id"), let index = Int(id.dropFirst()), unique.indices.contains(index)
                else { continue }
                if member.string("StatusCode") == "Forbidden" {
                    throw SourceProblem(.accessDenied, "GetMetricData \(Self.region): HealthCheckStatus Forbidden")
                }
                let times = member.child("Timestamps")?.all("member").compactMap { ISO8601.parse($0.text) } ?? []
                let values = member.child("Values")?.all("member").compactMap { Double($0.text) } ?? []
                for (time, value) in zip(times, values) where newest[unique[index]].map({ time > $0.time }) ?? true {
                    newest[unique[index]] = (time, value)
                }
            }
            token = result.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return newest.mapValues { State(healthy: $0.value >= 1, detail: "HealthCheckStatus \(Int($0.value))") }
    }
}
