import DRCore
import DRWire

/// The one-line wording of a failed routing or backup read: the call ("GetRoutingControlState us-west-2"), then
/// the reason as AWSErrorMapping or the transport says it (AccessDenied names the IAM permission).
package enum RoutingFailure {
    /// `what` ("API REGION") and the reason of `error`, once.
    package static func message(_ what: String, _ error: any Error) -> String {
        let text = (error as? SourceProblem)?.message ?? "\(error)"
        return text.hasPrefix(what) ? text : "\(what): \(text)"
    }

    /// Whether `error` says the endpoint could not be reached at all (refused, unresolvable, timed out), as
    /// opposed to an answer with an error.
    package static func isUnreachable(_ error: any Error) -> Bool {
        guard let problem = error as? SourceProblem else { return false }
        return problem.kind == .unreachable || problem.kind == .timeout || problem.kind == .refused
    }

    /// Whether trying another region or endpoint cannot help: the credentials lack the permission, or the
    /// resource does not exist (the same everywhere).
    package static func isFinal(_ error: any Error) -> Bool {
        guard let problem = error as? SourceProblem else { return false }
        return problem.kind == .accessDenied || problem.kind == .notFound
    }
}
