/// Draws the whole frame for a state: the page on top of the stack, or the too-small message.
public enum Renderer {
    /// The smallest terminal drtop draws in.
    public static let minimumWidth = 60
    public static let minimumHeight = 15

    /// The frame for `state` at its size.
    public static func render(_ state: AppState) -> ScreenBuffer {
        guard state.width >= minimumWidth, state.height >= minimumHeight else { return tooSmall(state) }
        switch state.page {
        case .overview: return OverviewScreen.render(state)
        case .drillDown: return DrillDownScreen.render(state)
        case .failover: return FailoverScreen.render(state)
        case .help: return HelpScreen.render(state)
        case .object: return ObjectScreen.render(state)
        }
    }

    private static func tooSmall(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        let message = TextWidth.truncate("terminal too small (need \(minimumWidth)x\(minimumHeight))",
                                         to: buffer.width)
        let x = max(0, (buffer.width - TextWidth.of(message)) / 2)
        buffer.put(message, x: x, y: buffer.height / 2, role: .warning)
        return buffer
    }
}
