import Foundation

/// The combinatorial core of planning, stripped of names: which (region, material) pair gets which channel in
/// which week. `RegionPlanner` builds one from a campaign; tests build small ones and solve them exactly.
///
/// Objective (to maximise): the sum over pairs of Σₖ baseValue(dₖ) × repeatValue^k, the pair's deliveries dₖ
/// taken in date order. Hard constraints: per channel and week, the quantities fit the capacity; a pair gets
/// at most one delivery per week; two deliveries of a pair are at least `spacingDays` apart; nothing in an
/// unavailable (blacked-out) week.
struct SchedulingProblem: Sendable {
    /// One way to deliver a pair: a channel, a quantity and the value of a first delivery.
    struct Option: Sendable, Hashable {
        var pair: Int
        var channel: Int
        var quantity: Int
        var baseValue: Double
    }

    struct Week: Sendable, Hashable {
        /// Day number of the delivery day; meaningless when unavailable.
        var day: Int
        var available: Bool
    }

    var pairCount: Int
    var options: [Option]
    /// Weekly capacity per channel index.
    var capacity: [Int]
    var weeks: [Week]
    var spacingDays: Int
    var repeatValue: Double

    /// A scheduled option.
    struct Assignment: Sendable, Hashable, Comparable {
        var option: Int
        var week: Int

        static func < (lhs: Assignment, rhs: Assignment) -> Bool {
            (lhs.week, lhs.option) < (rhs.week, rhs.option)
        }
    }

    /// The objective of a set of assignments (see the type's documentation).
    func objective(_ assignments: [Assignment]) -> Double {
        var byPair: [Int: [Assignment]] = [:]
        for assignment in assignments { byPair[options[assignment.option].pair, default: []].append(assignment) }
        var total = 0.0
        for pair in byPair.keys.sorted() {
            total += pairValue(byPair[pair] ?? [])
        }
        return total
    }

    /// Value of one pair's assignments.
    func pairValue(_ assignments: [Assignment]) -> Double {
        var factor = 1.0
        var total = 0.0
        for assignment in assignments.sorted(by: { weeks[$0.week].day < weeks[$1.week].day }) {
            total += options[assignment.option].baseValue * factor
            factor *= repeatValue
        }
        return total
    }

    /// Whether the assignments respect every hard constraint.
    func isFeasible(_ assignments: [Assignment]) -> Bool {
        var used = Array(repeating: Array(repeating: 0, count: weeks.count), count: capacity.count)
        var days: [Int: [Int]] = [:]
        var seen: Set<Assignment> = []
        for assignment in assignments {
            guard seen.insert(assignment).inserted, weeks[assignment.week].available else { return false }
            let option = options[assignment.option]
            used[option.channel][assignment.week] += option.quantity
            if used[option.channel][assignment.week] > capacity[option.channel] { return false }
            days[option.pair, default: []].append(weeks[assignment.week].day)
        }
        for (_, list) in days {
            let sorted = list.sorted()
            for index in sorted.indices.dropFirst() {
                let gap = sorted[index] - sorted[index - 1]
                if gap == 0 || gap < spacingDays { return false }
            }
        }
        return true
    }
}
