/// What a key asks for. The reducer carries it out; the keymap names it.
public enum Action: Sendable, Equatable, Hashable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case drillIn, back, switchDirection
    case failoverCheck, refresh, sort, filter, help, quit
    case exportReport
    /// Drill-down: look the selected queue object up on both sides.
    case lookUpObject
    /// Drill-down: the lag chart's next span (1 h, 6 h, 24 h).
    case cycleChart
    /// Demo only: switch the simulator to the named scenario.
    case scenario(String)
}
