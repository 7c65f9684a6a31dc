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

    @Test func wraps() {
        #expect(TextWidth.wrap("a bb ccc dddd", to: 6) == ["a bb", "ccc", "dddd"])
        #expect(TextWidth.wrap("", to: 5) == [""])
    }
}
