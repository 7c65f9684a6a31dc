import DRCore
import DRRender
import Foundation

// drtop's render benchmark: the cost of one frame (build the cell grid, diff it against the previous frame:
// what `Terminal.present` hands to ncurses) at fleet sizes, of one key, of a snapshot arriving, and how many
// cells a tick rewrites. Prints Markdown rows for BENCHMARKS.md. Run: swift run -c release drtop-bench

let runs = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 400
var keep = 0  // results are folded into this so the optimizer cannot drop the work

@MainActor func frame(_ state: AppState, after previous: ScreenBuffer?) -> ScreenBuffer {
    let buffer = Renderer.render(state)
    keep &+= FrameDiff(from: previous, to: buffer).runs.count
    return buffer
}

func fmt(_ value: Double) -> String { String(format: value < 0.1 ? "%.4f" : "%.3f", value) }

print("| what | pairs | queue | terminal | frame median (ms) | frame p99 (ms) | key + frame median (ms) | snapshot arrives (ms) |")
print("|---|---:|---:|---|---:|---:|---:|---:|")
for (pairs, queue) in [(10, 0), (1_000, 0), (10_000, 0), (10, 100_000)] {
    for (width, height) in [(120, 40), (300, 100)] {
        let snapshot = SyntheticWorld.snapshot(pairs: pairs, queue: queue)
        var state = AppState(now: SyntheticWorld.start, demo: false, width: width, height: height)
        state.snapshot = snapshot
        let what: String
        if queue > 0 {
            (state, _) = Reducer.reduce(state, .key(.enter))  // drill into pair-00000 and its queue
            what = "drill-down"
        } else {
            what = "overview"
        }
        var previous = frame(state, after: nil)
        var tick = 0
        let frames = Stopwatch.measure(runs: runs) {
            tick += 1
            state.now = SyntheticWorld.start.addingTimeInterval(Double(tick % 30))  // the clock moves each frame
            previous = frame(state, after: previous)
        }
        var down = true
        let keys = Stopwatch.measure(runs: runs) {
            (state, _) = Reducer.reduce(state, .key(down ? .down : .up))
            down.toggle()
            previous = frame(state, after: previous)
        }
        let next = SyntheticWorld.snapshot(pairs: pairs, queue: queue, lagOf: { Double(($0 * 13) % 900) })
        let arrivals = Stopwatch.measure(runs: max(5, runs / 20), warmup: 2) {
            var copy = state
            copy.snapshot = next
            keep &+= copy.visiblePairs.count
        }
        print("| \(what) | \(pairs) | \(queue) | \(width)x\(height) | \(fmt(frames.median)) | \(fmt(frames.p99)) | "
              + "\(fmt(keys.median)) | \(fmt(arrivals.median)) |")
    }
}

// What a tick rewrites: nothing changed, then one pair's lag changed (the overview at 120x40, 1,000 pairs).
var state = AppState(now: SyntheticWorld.start, demo: false, width: 120, height: 40)
state.snapshot = SyntheticWorld.snapshot(pairs: 1_000)
let before = Renderer.render(state)
let same = FrameDiff(from: before, to: Renderer.render(state))
state.snapshot = SyntheticWorld.snapshot(pairs: 1_000, lagOf: { $0 == 3 ? 650 : Double($0 % 700) })
let changed = FrameDiff(from: before, to: Renderer.render(state))
let rows = Set(changed.runs.map(\.y)).sorted()
print("")
print("TICK-DIFF unchanged: \(same.runs.count) runs, \(same.runs.reduce(0) { $0 + $1.text.utf8.count }) bytes of text; "
      + "one lag changed: \(changed.runs.count) runs on rows \(rows), "
      + "\(changed.runs.reduce(0) { $0 + $1.text.utf8.count }) bytes of text")
if keep == 42 { print("") }
