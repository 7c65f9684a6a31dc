@testable import DRFrontDoor
import Testing
import TOMLKit

/// TOMLKit 0.6 never frees the C++ tree of a parsed document; `TOMLRelease.free` empties it once read. The test
/// fails when the tree's pointer can no longer be found (a TOMLKit that renamed it): the tree would then be kept.
@Suite struct TOMLReleaseTests {
    @Test func emptiesTheParsedTree() throws {
        let table = try TOMLTable(string: "a = 1\n[b]\nc = \"x\"\n[[p]]\nq = 2\n[[p]]\nq = 3\n")
        #expect(table.count == 3)
        TOMLRelease.free(table)
        #expect(table.count == 0, "TOMLKit's tree pointer was not found: nothing was freed")
    }

    @Test func aConfigurationIsWholeAfterItsTreeIsFreed() throws {
        let text = (0..<200).map { index in
            "[[pair]]\nname = \"p\(index)\"\nprimary = { bucket = \"p\(index)-a\", region = \"us-east-1\" }\n"
                + "secondary = { bucket = \"p\(index)-b\", region = \"us-west-2\" }\nrpo = \"\(index + 1)m\"\n"
        }.joined()
        let config = try ConfigLoader.parse(text, path: "many.toml", guarded: false)
        #expect(config.pairs.count == 200)
        #expect(config.pairs.last?.name == "p199" && config.pairs.last?.primary.name == "p199-a")
        #expect(config.pairs.last?.rpoSeconds == 12_000.0)
    }
}
