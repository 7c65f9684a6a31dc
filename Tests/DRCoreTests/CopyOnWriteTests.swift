import DRCore
import DRTestSupport
import Foundation
import Testing

/// Pairs and directions share their storage between copies; a change to one copy never shows in another.
@Suite struct CopyOnWriteTests {
    @Test func aChangedCopyLeavesTheOriginal() {
        let original = Fixtures.world().pairs[1]
        var copy = original
        #expect(copy == original)
        copy.fromPrimary.lagSeconds = 1
        copy.fromPrimary.queue.removeAll()
        copy.toPrimary.rules = []
        copy.name = "renamed"
        #expect(original.fromPrimary.lagSeconds == 360 && original.fromPrimary.queue.count == 30)
        #expect(original.name == "logs" && original.toPrimary.rules?.isEmpty == false)
        #expect(copy != original && copy.fromPrimary != original.fromPrimary && copy.toPrimary != original.toPrimary)
        var direction = original.toPrimary
        let before = direction
        direction.pendingOperations = (direction.pendingOperations ?? 0) + 1
        #expect(before == original.toPrimary && direction != before)
    }

    @Test func equalFieldsAreEqualWithoutSharing() {
        let one = Fixtures.world().pairs[0]
        let other = Fixtures.world().pairs[0]   // made again: same fields, other storage
        #expect(one == other)
        var changed = other
        changed.fromPrimary.metricsAt = changed.fromPrimary.metricsAt?.addingTimeInterval(1)
        #expect(one != changed)
        changed.fromPrimary.metricsAt = one.fromPrimary.metricsAt
        #expect(one == changed, "equal again once the field is")
    }

    /// `Prefetch` reads a pair's and a direction's first word as the address of their storage, and a series'
    /// samples at `Series.samplesOffset`: each must be one reference, and the offset the array's.
    @Test func pairsAndDirectionsAreOneReferenceEach() {
        #expect(MemoryLayout<BucketPair>.size == MemoryLayout<UnsafeRawPointer>.size)
        #expect(MemoryLayout<DirectionStatus>.size == MemoryLayout<UnsafeRawPointer>.size)
        #expect(MemoryLayout<[Sample]>.size == MemoryLayout<UnsafeRawPointer>.size)
        #expect(MemoryLayout<[ReplicationRule]?>.size == MemoryLayout<UnsafeRawPointer>.size)
    }
}
