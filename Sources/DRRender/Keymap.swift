/// The one keymap table. The reducer looks keys up here; the footer and the help screen are generated from it.
public enum Keymap {
    private static let lists: Set<ScreenContext> = [.overview, .drillDown, .failover, .help]
    private static let inner: Set<ScreenContext> = [.drillDown, .failover, .help, .object]

    /// Every binding, in help-screen order.
    public static let table: [KeyBinding] = [
        KeyBinding([.up, .char("k")], .moveUp, label: "select", help: "move the selection up (scroll the check)", contexts: lists),
        KeyBinding([.down, .char("j")], .moveDown, label: "select", help: "move the selection down",
                   contexts: lists, footer: false),
        KeyBinding([.pageUp], .pageUp, label: "page", help: "one page up", contexts: lists, footer: false),
        KeyBinding([.pageDown], .pageDown, label: "page", help: "one page down", contexts: lists, footer: false),
        KeyBinding([.home], .top, label: "top", help: "go to the first row", contexts: lists, footer: false),
        KeyBinding([.end], .bottom, label: "end", help: "go to the last row", contexts: lists, footer: false),
        KeyBinding([.enter], .drillIn, label: "drill in",
                   help: "open the selected pair: rules, lag chart, queue, failures", contexts: [.overview]),
        KeyBinding([.tab], .switchDirection, label: "direction",
                   help: "show the other replication direction", contexts: [.drillDown]),
        KeyBinding([.char("f")], .failoverCheck, label: "failover check",
                   help: "run the read-only failover check for the selected pair", contexts: [.overview, .drillDown]),
        KeyBinding([.char("o")], .lookUpObject, label: "look up",
                   help: "drill-down: is the selected queue object replicated? both sides' copy (drtop object)",
                   contexts: [.drillDown]),
        KeyBinding([.char("e")], .exportReport, label: "export",
                   help: "write the failover check as Markdown to a file", contexts: [.failover]),
        KeyBinding([.char("r")], .refresh, label: "refresh",
                   help: "poll now and re-read configuration; re-runs the failover check"),
        KeyBinding([.char("s")], .sort, label: "sort",
                   help: "cycle the sort: name, lag, pending, failed, health (queue: age, size)",
                   contexts: [.overview, .drillDown]),
        KeyBinding([.char("c")], .cycleChart, label: "chart",
                   help: "drill-down: the lag chart over 1 h, 6 h or 24 h (longer spans read the pair's history)",
                   contexts: [.drillDown]),
        KeyBinding([.char("/")], .filter, label: "filter", help: "filter pairs by name; Esc clears the filter",
                   contexts: [.overview]),
        KeyBinding([.escape, .backspace], .back, label: "back", help: "go back to the previous screen",
                   contexts: inner),
        KeyBinding([.escape], .back, label: "clear filter", help: "overview: clear the kept filter",
                   contexts: [.overview], footer: false),
        KeyBinding([.char("?")], .help, label: "help", help: "show this help"),
        KeyBinding([.char("q"), .ctrl("c")], .quit, label: "quit", help: "quit drtop"),
        KeyBinding([.char("1")], .scenario("steady"), label: "steady",
                   help: "demo: back to normal operation", footer: false, demoOnly: true),
        KeyBinding([.char("2")], .scenario("region-outage"), label: "outage",
                   help: "demo: us-west-2 becomes unreachable", footer: false, demoOnly: true),
        KeyBinding([.char("3")], .scenario("backlog-surge"), label: "surge",
                   help: "demo: a write surge floods us-east-1", footer: false, demoOnly: true),
        KeyBinding([.char("4")], .scenario("permission-failure"), label: "denied",
                   help: "demo: the us-east-1 replication role loses its permissions", footer: false, demoOnly: true),
    ]

    /// The action bound to `key` on `context`, if any.
    public static func action(for key: Key, in context: ScreenContext, demo: Bool) -> Action? {
        table.first { $0.contexts.contains(context) && $0.keys.contains(key) && (demo || !$0.demoOnly) }?.action
    }

    /// The footer line for `context`: "↑↓ select  ⏎ drill in  …". Movement keys are shown as one entry.
    public static func footer(for context: ScreenContext, demo: Bool) -> [(keys: String, label: String)] {
        table.filter { $0.footer && $0.contexts.contains(context) && (demo || !$0.demoOnly) }.map { binding in
            let keys = binding.action == .moveUp ? "↑↓" : binding.keys.first?.label ?? ""
            // The failover check has no selection: the list keys scroll it.
            let label = binding.action == .moveUp && context == .failover ? "scroll" : binding.label
            return (keys, label)
        }
    }
}
