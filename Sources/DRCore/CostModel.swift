/// What drtop's API calls cost, at AWS's list prices: GetMetricData $0.01 per 1,000 metrics requested;
/// S3 GET-class requests (GET, HEAD) $0.0004 and LIST-class $0.005 per 1,000.
public enum CostModel {
    public static let perMetric = 0.01 / 1000
    public static let perGet = 0.0004 / 1000
    public static let perList = 0.005 / 1000
    static let listAPIs: Set<String> = ["ListBuckets", "ListObjectVersions", "ListObjectsV2"]
    static let getAPIs: Set<String> = ["GetBucketVersioning", "GetBucketReplication", "GetBucketLocation", "HeadObject",
                                       "GetObject"]

    /// Dollars spent by `requests` and `metricsRequested` GetMetricData metrics.
    public static func cost(requests: [RequestCount], metricsRequested: Int) -> Double {
        var total = Double(metricsRequested) * perMetric
        for request in requests {
            if listAPIs.contains(request.api) { total += Double(request.count) * perList }
            if getAPIs.contains(request.api) { total += Double(request.count) * perGet }
        }
        return total
    }

    /// A 30-day month at the rate of `cost` dollars per `seconds`.
    public static func monthly(cost: Double, over seconds: Double) -> Double {
        seconds > 0 ? cost / seconds * 30 * 86_400 : 0
    }
}
