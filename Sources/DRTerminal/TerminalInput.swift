import DRRender

/// What the terminal delivered: a key or a new size.
public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case resize
}
