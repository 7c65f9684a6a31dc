import DRRender

/// Turns ncurses' `wget_wch` results into keys. Pure, so it can be tested and fuzzed without a terminal.
public enum KeyDecoder {
    /// ncurses key codes drtop understands (from curses.h; stable across ncurses versions).
    public enum Code {
        public static let down: UInt32 = 0o402
        public static let up: UInt32 = 0o403
        public static let left: UInt32 = 0o404
        public static let right: UInt32 = 0o405
        public static let home: UInt32 = 0o406
        public static let backspace: UInt32 = 0o407
        public static let pageDown: UInt32 = 0o522
        public static let pageUp: UInt32 = 0o523
        public static let enter: UInt32 = 0o527
        public static let end: UInt32 = 0o550
        public static let resize: UInt32 = 0o632
        public static let tabBack: UInt32 = 0o541
    }

    /// Decodes a function key code (`wget_wch` returned KEY_CODE_YES).
    public static func decode(functionKey code: UInt32) -> TerminalInput? {
        switch code {
        case Code.up: return .key(.up)
        case Code.down: return .key(.down)
        case Code.left: return .key(.left)
        case Code.right: return .key(.right)
        case Code.home: return .key(.home)
        case Code.end: return .key(.end)
        case Code.pageUp: return .key(.pageUp)
        case Code.pageDown: return .key(.pageDown)
        case Code.backspace: return .key(.backspace)
        case Code.enter: return .key(.enter)
        case Code.tabBack: return .key(.tab)
        case Code.resize: return .resize
        default: return nil
        }
    }

    /// Decodes a character (`wget_wch` returned OK).
    public static func decode(character value: UInt32) -> TerminalInput? {
        switch value {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 9: return .key(.tab)
        case 1...26:
            guard let scalar = Unicode.Scalar(value + 96) else { return nil }
            return .key(.ctrl(Character(scalar)))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value), !scalar.properties.generalCategory.isControl else { return nil }
            return .key(.char(Character(scalar)))
        }
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isControl: Bool {
        switch self {
        case .control, .surrogate, .unassigned, .privateUse, .format: return true
        default: return false
        }
    }
}
