import DRSourceKit

/// The GetMetricData queries one region's poll asks: all of them, and by direction.
struct MetricPlan {
    /// Every query, in order.
    var queries: [MetricQuery] = []
    /// The queries of each direction.
    var byDirection: [DirectionKey: [MetricQuery]] = [:]
}
