import DRCore
import Foundation

/// What one read of one routing system of a pair gave: its routes (none when it failed), what failed, and notes
/// on a read that answered only in part.
package struct RouteReading: Sendable, Equatable {
    /// The routes read.
    package var routes: [TrafficRoute]
    /// What could not be read, naming the API, region and reason.
    package var problem: TrafficStatus.Problem?
    /// E.g. "MRAP routes from us-west-2: us-east-1: 127.0.0.1:5001: connection refused".
    package var notes: [String]

    /// Creates a reading.
    package init(routes: [TrafficRoute] = [], problem: TrafficStatus.Problem? = nil, notes: [String] = []) {
        self.routes = routes
        self.problem = problem
        self.notes = notes
    }

    /// A failed read of `kind`; `unreachable` when no endpoint of its control plane could be reached.
    package static func failed(_ kind: TrafficRoute.Kind, _ message: String, unreachable: Bool = false) -> RouteReading {
        RouteReading(problem: TrafficStatus.Problem(kind: kind, message: message, unreachable: unreachable))
    }
}
