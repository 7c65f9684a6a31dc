import DRCore
import DRSourceKit
import Foundation

/// One region's poll as its steps build it: the reading, the bucket configuration it reads from, and the
/// region's problems. The unreachable rule lives here, once: a step's problem that says the region cannot be
/// reached fails the whole poll, and so does a configuration read that could not reach it when there is nothing
/// else to ask; any other problem is kept in the reading.
struct RegionPoll {
    /// The region polled.
    let region: String
    /// The poll's time.
    let now: Date
    /// Every bucket's cached configuration, as it was when the poll started.
    let configuration: [String: BucketConfiguration]
    /// The reading being built.
    var reading = RegionReading()
    /// The region's problems so far, in the order found.
    var problems: [SourceProblem] = []
    /// Whether this poll is the region's first look (`AWSSource.firstLookFirst`): 15 minutes of metrics, no
    /// object queue yet.
    var isFirstLook = false

    /// Keeps `problem`, or throws it when the region cannot be reached.
    mutating func absorb(_ problem: SourceProblem) throws {
        if problem.isUnreachable { throw problem }
        problems.append(problem)
    }

    /// Throws the first unreachable problem found so far when `nothingToAsk` (the configuration reads could not
    /// reach the region, and no metric would show otherwise): the region is down.
    func requireReachable(nothingToAsk: Bool) throws {
        if nothingToAsk, let unreachable = problems.first(where: { $0.isUnreachable }) { throw unreachable }
    }
}
