/// One row of the keymap table: keys, what they do, where, and whether the footer shows them.
public struct KeyBinding: Sendable, Equatable {
    /// The keys that trigger the action.
    public var keys: [Key]
    /// The action.
    public var action: Action
    /// Short label for the footer, e.g. "select".
    public var label: String
    /// One line for the help screen.
    public var help: String
    /// Screens where it applies.
    public var contexts: Set<ScreenContext>
    /// Whether the footer lists it.
    public var footer: Bool
    /// Whether it exists only in demo mode.
    public var demoOnly: Bool

    /// Creates a binding.
    public init(
        _ keys: [Key], _ action: Action, label: String, help: String,
        contexts: Set<ScreenContext> = Set(ScreenContext.allCases), footer: Bool = true, demoOnly: Bool = false
    ) {
        self.keys = keys
        self.action = action
        self.label = label
        self.help = help
        self.contexts = contexts
        self.footer = footer
        self.demoOnly = demoOnly
    }

    /// The keys as written for people: "↑/k".
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}
