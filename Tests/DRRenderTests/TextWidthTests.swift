import DRRender
import Testing

@Suite struct TextWidthTests {
    @Test func measuresCells() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("日本") == 4)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("●▲✖?") == 4)
    }

    @Test func truncatesWithEllipsis() {
        #expect(TextWidth.truncate("replication", to: 20) == "replication")
        #expect(TextWidth.truncate("replication", to: 6) == "repli…")
        #expect(TextWidth.truncate("日本語のバケット", to: 7) == "日本語…")
        #expect(TextWidth.of(TextWidth.truncate("日本語のバケット", to: 6)) <= 6)
        #expect(TextWidth.truncate("abc", to: 0) == "")
        #expect(TextWidth.fit("ab", 4, right: true) == "  ab")
    }

    @Test func wideCharactersTakeTwoCellsInTheBuffer() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let end = buffer.put("日本語", x: 0, y: 0)
        #expect(end == 6)
        #expect(buffer.text(x: 1, y: 0) == "")
        var clipped = ScreenBuffer(width: 5, height: 1)
        clipped.put("日本語", x: 0, y: 0)
        #expect(clipped.row(0) == "日本 ", "a wide character that does not fit is not split")
    }

    /// Text measured scalar by scalar (drtop's box drawing, arrows, Latin) must measure and cut exactly as
    /// measuring it character by character does, next to marks, joiners, selectors and wide characters.
    @Test func scalarByScalarMeasuresAsCharactersDo() {
        let pieces = ["a", "Z", " ", "─", "●", "⇄", "▼", "…", "é", "e\u{301}", "\u{0301}", "ß", "\u{7F}", "\u{85}",
                      "\r\n", "\t", "日", "👍\u{FE0F}", "👨\u{200D}👩", "\u{200D}", "─\u{301}", "\u{2FF}", "\u{300}",
                      "❤", "\u{FE0F}", "🇺🇸", "क", "\u{093E}", "\u{1100}\u{1161}"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(seed % 9) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(seed >> 33) % pieces.count]
            }
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let byCharacter = text.reduce(0) { $0 + TextWidth.of($1) }
            #expect(TextWidth.of(text) == byCharacter, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            for width in 0...byCharacter + 1 {
                var cut = "", used = 0
                for character in text {
                    let cells = TextWidth.of(character)
                    if used + cells > width - 1 { break }
                    cut.append(character)
                    used += cells
                }
                let expected = width == 0 ? "" : byCharacter <= width ? text : cut + "…"
                #expect(TextWidth.truncate(text, to: width) == expected)
            }
        }
    }

    @Test func wraps() {
        #expect(TextWidth.wrap("a bb ccc dddd", to: 6) == ["a bb", "ccc", "dddd"])
        #expect(TextWidth.wrap("", to: 5) == [""])
    }
}
