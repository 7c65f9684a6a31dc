/// The overview's columns, left to right.
enum OverviewColumnID: CaseIterable {
    case name, primary, dir, spark, lag, bar, share, pending, failed, traffic, ready
}
