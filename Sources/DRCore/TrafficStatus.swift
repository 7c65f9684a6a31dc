import Foundation

/// Where a pair's users are sent, as read from the routing the pair names: every route that answered, and what
/// did not answer. A system that did not answer has no routes here and one problem; the view is then partial.
public struct TrafficStatus: Sendable, Equatable {
    /// A part of the routing that could not be read.
    public struct Problem: Sendable, Equatable {
        /// Which system.
        public var kind: TrafficRoute.Kind
        /// What went wrong, in one line ("no control plane region answered: us-east-1 refused, …").
        public var message: String
        /// Whether the system's control plane could not be reached at all (refused, timed out, unresolvable), as
        /// opposed to answering with an error (access denied, throttled).
        public var unreachable: Bool
        /// Creates a problem.
        public init(kind: TrafficRoute.Kind, message: String, unreachable: Bool = false) {
            self.kind = kind
            self.message = message
            self.unreachable = unreachable
        }
    }

    /// Every route read, by kind in the order MRAP, Route 53, ARC, Global Accelerator.
    public var routes: [TrafficRoute]
    /// What could not be read.
    public var problems: [Problem]
    /// Notes on reads that answered only in part (e.g. "MRAP routes from us-west-2: us-east-1 refused").
    public var notes: [String]
    /// When the routing was last read (the newest route's time), nil before the first read.
    public var readAt: Date?

    /// Creates a traffic status.
    public init(routes: [TrafficRoute] = [], problems: [Problem] = [], notes: [String] = [], readAt: Date? = nil) {
        self.routes = routes
        self.problems = problems
        self.notes = notes
        self.readAt = readAt
    }

    /// The routes of one kind.
    public func routes(_ kind: TrafficRoute.Kind) -> [TrafficRoute] { routes.filter { $0.kind == kind } }

    /// Whether some configured system did not answer.
    public var isPartial: Bool { !problems.isEmpty }
}
