/// One step of the runbook that would move a pair's users to its secondary: what it does and the exact command,
/// filled in with the pair's values. Printed for a person to review and run; drtop never runs it.
public struct RunbookStep: Sendable, Equatable {
    /// What the step does, in one line.
    public var title: String
    /// The shell command (AWS CLI).
    public var command: String

    /// Creates a step.
    public init(title: String, command: String) {
        self.title = title
        self.command = command
    }
}
