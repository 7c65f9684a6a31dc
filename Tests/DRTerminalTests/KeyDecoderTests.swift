import DRRender
import DRTerminal
import Testing

@Suite struct KeyDecoderTests {
    @Test func functionKeys() {
        #expect(KeyDecoder.decode(functionKey: KeyDecoder.Code.up) == .key(.up))
        #expect(KeyDecoder.decode(functionKey: KeyDecoder.Code.down) == .key(.down))
        #expect(KeyDecoder.decode(functionKey: KeyDecoder.Code.pageUp) == .key(.pageUp))
        #expect(KeyDecoder.decode(functionKey: KeyDecoder.Code.pageDown) == .key(.pageDown))
        #expect(KeyDecoder.decode(functionKey: KeyDecoder.Code.home) == .key(.home))
        #expect(KeyDecoder.decode(functionKey: KeyDecoder.Code.end) == .key(.end))
        #expect(KeyDecoder.decode(functionKey: KeyDecoder.Code.backspace) == .key(.backspace))
        #expect(KeyDecoder.decode(functionKey: KeyDecoder.Code.enter) == .key(.enter))
        #expect(KeyDecoder.decode(functionKey: KeyDecoder.Code.resize) == .resize)
        #expect(KeyDecoder.decode(functionKey: 0o777) == nil)
    }

    @Test func characters() {
        #expect(KeyDecoder.decode(character: 13) == .key(.enter))
        #expect(KeyDecoder.decode(character: 10) == .key(.enter))
        #expect(KeyDecoder.decode(character: 27) == .key(.escape))
        #expect(KeyDecoder.decode(character: 127) == .key(.backspace))
        #expect(KeyDecoder.decode(character: 9) == .key(.tab))
        #expect(KeyDecoder.decode(character: 3) == .key(.ctrl("c")))
        #expect(KeyDecoder.decode(character: 0x71) == .key(.char("q")))
        #expect(KeyDecoder.decode(character: 0x65E5) == .key(.char("日")))
        #expect(KeyDecoder.decode(character: 0) == nil)
        #expect(KeyDecoder.decode(character: 0xD800) == nil, "a lone surrogate is not a key")
        #expect(KeyDecoder.decode(character: 0x110000) == nil)
    }

    @Test func everyCodeDecodesWithoutCrashing() {
        for value in UInt32(0)...0x3000 {
            _ = KeyDecoder.decode(character: value)
            _ = KeyDecoder.decode(functionKey: value)
        }
    }
}
