import DRCore
import Foundation

/// The only place UI state changes: `(AppState, AppEvent) -> (AppState, Reaction)`. Pure: effects (quit,
/// poll, write a file, switch the demo scenario) are returned as a `Reaction` for the shell to perform.
public enum Reducer {
    /// Applies `event` to `state`.
    public static func reduce(_ state: AppState, _ event: AppEvent) -> (AppState, Reaction) {
        var state = state
        var reaction = Reaction(redraw: true)
        switch event {
        case .key(let key):
            reaction = handle(key, &state)
        case .snapshot(let snapshot), .assessed(let snapshot, _):
            if case .assessed(_, let assessment) = event {
                // Judged already: the snapshot first, so the clock moving on does not judge the old one again.
                state.receive(snapshot, assessment: assessment)
                state.advance(to: max(state.now, snapshot.takenAt))
            } else {
                // The clock first: the snapshot is judged at the time it arrives.
                state.advance(to: max(state.now, snapshot.takenAt))
                state.receive(snapshot)
            }
            if state.rerunCheckOnSnapshot, snapshot.progress == nil {
                state.rerunCheckOnSnapshot = false
                rerunCheck(&state)
            }
            clampSelection(&state)
        case .tick(let now):
            state.advance(to: now)
            reaction.rejudge = state.asksToRejudge()
        case .resize(let width, let height):
            state.width = max(0, width)
            state.height = max(0, height)
            clampSelection(&state)
        case .exported(let path):
            state.message = "failover check written to \(path)"
        case .exportFailed(let why):
            state.message = "export failed: \(why)"
        case .objectLooked(let report):
            // Only the lookup still on screen takes its answer.
            if case .object(let pair, let key, nil) = state.page, pair == report.pair, key == report.key {
                state.replaceTop(with: .object(pair: pair, key: key, report: report))
            }
        case .objectLookupFailed(let key, let why):
            if case .object(_, key, nil) = state.page { state.pop() }
            state.message = "cannot look up \(key): \(why)"
        case .lagHistory(let history):
            // An answer to the question on screen, and never an older one over a newer.
            if history.request == state.historyAsked,
               state.history.map({ $0.request != history.request || $0.readAt <= history.readAt }) ?? true {
                state.history = history
            }
        }
        askForHistory(&state, &reaction, newSnapshot: event.bringsSnapshot)
        state.prepareLists()
        return (state, reaction)
    }

    private static func handle(_ key: Key, _ state: inout AppState) -> Reaction {
        var reaction = Reaction(redraw: true)
        if state.overview.editingFilter, state.page.context == .overview, editFilter(key, &state) { return reaction }
        guard let action = Keymap.action(for: key, in: state.page.context, demo: state.demo) else {
            return Reaction()
        }
        state.message = nil
        switch action {
        case .quit: reaction.quit = true
        case .help:
            if state.page.context != .help { state.push(.help(scroll: 0)) }
        case .back:
            if !state.pop(), !state.overview.filter.isEmpty {
                state.overview.filter = ""
                state.overview.scroll = 0
            }
        case .moveUp: move(-1, &state)
        case .moveDown: move(1, &state)
        case .pageUp: move(-page(state), &state)
        case .pageDown: move(page(state), &state)
        case .top: move(-Int.max / 2, &state)
        case .bottom: move(Int.max / 2, &state)
        case .drillIn:
            if let pair = state.selected { state.push(.drillDown(DrillDownPage(pair: pair.name))) }
        case .switchDirection:
            state.drillDown?.switchDirection()
        case .failoverCheck:
            if let name = currentPairName(state), let report = runCheck(name, state) {
                state.push(.failover(FailoverPage(pair: name, report: report)))
                // Asked before the first poll answered: the check of nothing is re-run on the first real data.
                if let snapshot = state.snapshot, snapshot.sequence == 0 || snapshot.progress != nil {
                    state.rerunCheckOnSnapshot = true
                }
            }
        case .refresh:
            reaction.refresh = true
            if case .failover = state.page {
                rerunCheck(&state)
                state.rerunCheckOnSnapshot = true
            }
        case .sort:
            if state.page.context == .overview {
                state.overview.sort = state.overview.sort.next
            } else {
                state.queueSort = state.queueSort.next
                state.drillDown?.toTopOfQueue()
            }
        case .filter:
            state.overview.editingFilter = true
        case .lookUpObject:
            if let page = state.drillDown, let pair = state.snapshot?.pair(named: page.pair),
               state.shownQueue.indices.contains(page.queueSelection) {
                let name = page.pair
                let object = state.shownQueue[page.queueSelection]
                let version = object.versionID.isEmpty ? nil : object.versionID
                reaction.lookup = (name, pair.primary, pair.secondary, object.key, version)
                state.push(.object(pair: name, key: object.key, report: nil))
            } else {
                state.message = "no queue object selected to look up"
            }
        case .exportReport:
            if let page = state.failover {
                reaction.export = (FailoverMarkdown.render(page.report), exportName(page.pair, page.report.takenAt))
            }
        case .cycleChart:
            state.chartSpan = state.chartSpan.next
        case .scenario(let name):
            reaction.scenario = name
            reaction.refresh = true
            state.message = "demo scenario: \(name)"
        }
        clampSelection(&state)
        return reaction
    }

    /// Asks the source for the chart's history when the drill-down needs one it has not asked for, or the
    /// answer has aged past one period (asked again on `r` too).
    private static func askForHistory(_ state: inout AppState, _ reaction: inout Reaction, newSnapshot: Bool) {
        guard let wanted = state.wantedHistory else { return }
        let stale = state.historyAskedAt.map { state.now.timeIntervalSince($0) >= ChartSpan.historyMaxAgeSeconds } ?? true
        // An answer that could not be read (rules not read yet, a region that did not answer) is asked again
        // with the next snapshot, not five minutes later.
        let failed = state.shownHistory?.problem != nil && newSnapshot && state.shownHistory?.samples.isEmpty == true
        guard wanted != state.historyAsked || stale || failed || reaction.refresh else { return }
        state.historyAsked = wanted
        state.historyAskedAt = state.now
        reaction.history = wanted
    }

    /// Keys typed while editing the filter. Returns false for keys that keep their usual meaning.
    private static func editFilter(_ key: Key, _ state: inout AppState) -> Bool {
        switch key {
        case .char(let c):
            state.overview.filter.append(c)
        case .backspace:
            if !state.overview.filter.isEmpty { state.overview.filter.removeLast() }
        case .enter:
            state.overview.editingFilter = false
        case .escape:
            state.overview.filter = ""
            state.overview.editingFilter = false
        default:
            return false
        }
        state.overview.scroll = 0
        clampSelection(&state)
        return true
    }

    private static func currentPairName(_ state: AppState) -> String? {
        switch state.page {
        case .drillDown, .failover: return state.page.pair
        default: return state.selected?.name
        }
    }

    private static func runCheck(_ name: String, _ state: AppState) -> FailoverReport? {
        state.judgement(of: name)?.failover
    }

    private static func rerunCheck(_ state: inout AppState) {
        guard let name = state.failover?.pair, let report = runCheck(name, state) else { return }
        state.failover?.report = report
    }

    private static func exportName(_ pair: String, _ at: Date) -> String {
        let safe = String(pair.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        let stamp = SnapshotDocument.iso8601(at).replacingOccurrences(of: ":", with: "")
        return "drtop-failover-\(safe)-\(stamp).md"
    }

    private static func page(_ state: AppState) -> Int {
        switch state.page {
        case .overview: return max(1, OverviewScreen.pairCapacity(state))
        case .drillDown: return max(1, DrillDownScreen.queueCapacity(state))
        case .failover: return max(1, FailoverScreen.listCapacity(state) - 1)
        default: return max(1, state.height - 4)
        }
    }

    private static func move(_ delta: Int, _ state: inout AppState) {
        switch state.page {
        case .overview:
            let pairs = state.visiblePairs
            guard !pairs.isEmpty else { return }
            let current = state.selectedIndex ?? 0
            let next = min(max(0, current.addingReportingOverflow(delta).partialValue), pairs.count - 1)
            state.overview.selectedPair = pairs[next].name
        case .drillDown(var page):
            page.queueSelection = moved(page.queueSelection, delta)
            state.drillDown = page
        case .help(let scroll):
            state.replaceTop(with: .help(scroll: moved(scroll, delta)))
        case .object:
            break
        case .failover(var page):
            page.scroll = moved(page.scroll, delta)
            state.failover = page
        }
    }

    /// `offset` moved by `delta`, never below 0 (and never overflowing at the list keys' huge deltas).
    private static func moved(_ offset: Int, _ delta: Int) -> Int {
        max(0, offset.addingReportingOverflow(delta).partialValue)
    }

    /// Keeps selections inside their lists and scroll offsets showing the selection.
    static func clampSelection(_ state: inout AppState) {
        let pairs = state.visiblePairs
        if let index = state.selectedIndex {
            state.overview.selectedPair = pairs[index].name
            let capacity = max(1, OverviewScreen.pairCapacity(state))
            state.overview.scroll = scroll(state.overview.scroll, selection: index, capacity: capacity,
                                           count: pairs.count)
        } else {
            state.overview.scroll = 0
        }
        switch state.page {
        case .drillDown(var page):
            guard let pair = state.snapshot?.pair(named: page.pair) else { break }
            let count = (page.direction == 0 ? pair.fromPrimary : pair.toPrimary).queue.count
            page.queueSelection = min(page.queueSelection, max(0, count - 1))
            let capacity = max(1, DrillDownScreen.queueCapacity(state))
            page.queueScroll = scroll(page.queueScroll, selection: page.queueSelection, capacity: capacity,
                                      count: count)
            state.drillDown = page
        case .help(let offset):
            state.replaceTop(with: .help(scroll: min(offset, max(0, HelpScreen.lineCount(state) - (state.height - 3)))))
        case .failover(var page):
            page.scroll = min(page.scroll, max(0, FailoverScreen.lineCount(state) - FailoverScreen.listCapacity(state)))
            state.failover = page
        case .overview, .object:
            break
        }
    }

    private static func scroll(_ current: Int, selection: Int, capacity: Int, count: Int) -> Int {
        var offset = current
        if selection < offset { offset = selection }
        if selection >= offset + capacity { offset = selection - capacity + 1 }
        return max(0, min(offset, max(0, count - capacity)))
    }
}
