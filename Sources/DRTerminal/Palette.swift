import CNcursesW
import DRRender

/// Maps semantic roles to ncurses attributes: colour pairs when the terminal has colours and NO_COLOR is not
/// set, otherwise bold, dim, underline and reverse only. Every state also has a word or symbol on screen.
struct Palette {
    private var attributes: [Int32]
    private var highlighted: [Int32]

    /// Sets up colour pairs (when `color`) and the attribute for each role.
    init(color: Bool) {
        let bold = drtop_attr_bold(), dim = drtop_attr_dim(), reverse = drtop_attr_reverse()
        let underline = drtop_attr_underline()
        var table = [Int32](repeating: 0, count: Role.allCases.count)
        var marked = [Int32](repeating: reverse, count: Role.allCases.count)
        if color, has_colors(), start_color() != drtop_err() {
            use_default_colors()
            let many = drtop_colors() >= 256
            // (role, foreground, background, extra attributes)
            let scheme: [(Role, Int16, Int16, Int32)] = [
                (.normal, -1, -1, 0),
                (.dim, many ? 245 : Int16(COLOR_WHITE), -1, many ? 0 : dim),
                (.title, Int16(COLOR_WHITE), Int16(COLOR_BLUE), bold),
                (.heading, Int16(COLOR_CYAN), -1, bold),
                (.healthy, Int16(COLOR_GREEN), -1, 0),
                (.warning, Int16(COLOR_YELLOW), -1, bold),
                (.critical, Int16(COLOR_RED), -1, bold),
                (.unknown, Int16(COLOR_MAGENTA), -1, 0),
                (.focus, -1, -1, reverse),
                (.accent, Int16(COLOR_BLACK), Int16(COLOR_YELLOW), bold),
            ]
            for (index, entry) in scheme.enumerated() {
                let pair = Int16(index + 1)
                init_pair(pair, entry.1, entry.2)
                table[entry.0.rawValue] = drtop_color_pair(Int32(pair)) | entry.3
                // The selected row: the role's colour on a grey bar (256 colours), else reversed.
                if many, entry.2 == -1 {
                    let barPair = Int16(scheme.count + index + 1)
                    init_pair(barPair, entry.1, 238)
                    marked[entry.0.rawValue] = drtop_color_pair(Int32(barPair)) | (entry.3 & ~reverse)
                } else {
                    marked[entry.0.rawValue] = table[entry.0.rawValue] | reverse
                }
            }
        } else {
            table[Role.dim.rawValue] = dim
            table[Role.title.rawValue] = reverse
            table[Role.heading.rawValue] = bold
            table[Role.warning.rawValue] = bold
            table[Role.critical.rawValue] = bold | underline
            table[Role.unknown.rawValue] = dim
            table[Role.focus.rawValue] = reverse
            marked = table.map { $0 | reverse }
            table[Role.accent.rawValue] = reverse | bold
        }
        attributes = table
        highlighted = marked
    }

    /// The ncurses attributes for `role`, on the selection bar when `highlight`.
    func attributes(for role: Role, highlight: Bool) -> Int32 {
        highlight ? highlighted[role.rawValue] : attributes[role.rawValue]
    }
}
