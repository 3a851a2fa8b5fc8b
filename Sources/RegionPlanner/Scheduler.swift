import Foundation

/// Solves a `SchedulingProblem`: a chronological greedy by value density, then a local search that drops,
/// moves and refills deliveries while the objective improves.
///
/// Greedy: week by week, each channel takes the options with the highest value per share of the week's
/// capacity (value × capacity ÷ quantity, discounted by `repeatValue` per earlier delivery of the pair) that
/// fit what is left and respect spacing. Channels are interleaved by density, so a pair gets its best channel.
/// Local search (on problems up to `localSearchLimit` option-weeks): for each delivery, try removing it and
/// refilling its bucket, or moving it to another week and refilling, keeping any change that raises the
/// objective; repeat until no change helps (at most `maxPasses` times). Then a large-neighbourhood search
/// (ruin and recreate): remove all deliveries of a few pairs, of one (channel, week) bucket, or a random
/// share of all, re-insert greedily by marginal value per share of capacity (with a little seeded noise), and
/// keep the result when it is no worse. Its work is bounded by `searchBudget` candidate evaluations, and its
/// random source is seeded, so results are deterministic.
struct Scheduler {
    var problem: SchedulingProblem
    var localSearchLimit = 400_000
    var maxPasses = 6
    /// Candidate evaluations the ruin-and-recreate phase may spend.
    var searchBudget = 3_000_000
    /// Ruin-and-recreate rounds at most.
    var maxIterations = 400
    var seed: UInt64 = 0x5EED_1A5E
    /// A channel stops looking for options that fit after this many in a row did not (bounds the national plan).
    var maxMisfits = 512

    init(problem: SchedulingProblem) {
        self.problem = problem
    }

    func solve() -> [SchedulingProblem.Assignment] {
        var solution = Solution(problem: problem)
        greedy(&solution)
        if problem.options.count * problem.weeks.count <= localSearchLimit {
            improve(&solution)
            ruinAndRecreate(&solution)
        }
        return solution.assignments.sorted()
    }

    // MARK: Greedy

    private struct Entry: Comparable {
        var key: Double
        var option: Int
        var count: Int

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.key != rhs.key ? lhs.key < rhs.key : lhs.option > rhs.option
        }
    }

    private func density(_ option: SchedulingProblem.Option, count: Int) -> Double {
        let capacity = Double(max(problem.capacity[option.channel], 1))
        return option.baseValue * pow(problem.repeatValue, Double(count)) * capacity / Double(max(option.quantity, 1))
    }

    func greedy(_ solution: inout Solution) {
        let channelCount = problem.capacity.count
        var heaps = Array(repeating: Heap<Entry>(), count: channelCount)
        var minQuantity = Array(repeating: Int.max, count: channelCount)
        var buckets = Array(repeating: [Entry](), count: channelCount)
        for (index, option) in problem.options.enumerated()
        where option.quantity > 0 && option.quantity <= problem.capacity[option.channel] && option.baseValue > 0 {
            buckets[option.channel].append(Entry(key: density(option, count: 0), option: index, count: 0))
            minQuantity[option.channel] = min(minQuantity[option.channel], option.quantity)
        }
        for channel in 0..<channelCount { heaps[channel] = Heap(buckets[channel]) }
        var count = Array(repeating: 0, count: problem.pairCount)
        var lastDay = Array(repeating: Int.min, count: problem.pairCount)
        var lastWeek = Array(repeating: -1, count: problem.pairCount)

        for (weekIndex, week) in problem.weeks.enumerated() where week.available {
            var remaining = problem.capacity
            var open = (0..<channelCount).map { remaining[$0] >= minQuantity[$0] && !heaps[$0].isEmpty }
            var misfits = Array(repeating: 0, count: channelCount)
            var deferred = Array(repeating: [Entry](), count: channelCount)
            while true {
                // The open channel whose best entry is densest.
                var best = -1
                for channel in 0..<channelCount where open[channel] {
                    guard let top = heaps[channel].peek else { open[channel] = false; continue }
                    if best < 0 || (heaps[best].peek.map { top > $0 } ?? true) { best = channel }
                }
                guard best >= 0, var entry = heaps[best].pop() else { break }
                let option = problem.options[entry.option]
                let pair = option.pair
                if entry.count != count[pair] {
                    entry.count = count[pair]
                    entry.key = density(option, count: entry.count)
                    heaps[best].push(entry)
                    continue
                }
                let blocked = lastWeek[pair] == weekIndex
                    || (lastDay[pair] != Int.min && week.day - lastDay[pair] < problem.spacingDays)
                if blocked {
                    deferred[best].append(entry)
                    continue
                }
                if option.quantity > remaining[best] {
                    deferred[best].append(entry)
                    misfits[best] += 1
                    if misfits[best] >= maxMisfits { open[best] = false }
                    continue
                }
                misfits[best] = 0
                remaining[best] -= option.quantity
                if remaining[best] < minQuantity[best] { open[best] = false }
                solution.add(option: entry.option, week: weekIndex)
                count[pair] += 1
                lastDay[pair] = week.day
                lastWeek[pair] = weekIndex
                entry.count = count[pair]
                entry.key = density(option, count: entry.count)
                heaps[best].push(entry)
            }
            for channel in 0..<channelCount {
                for entry in deferred[channel] { heaps[channel].push(entry) }
            }
        }
    }

    // MARK: Ruin and recreate

    func ruinAndRecreate(_ solution: inout Solution) {
        let optionWeeks = problem.options.count * problem.weeks.count
        guard optionWeeks > 0, !problem.options.isEmpty else { return }
        var rng = SplitMix64(state: seed)
        var best = solution
        var bestValue = problem.objective(best.assignments)
        var current = solution
        var currentValue = bestValue
        var spent = 0
        var iteration = 0
        let byPair = (0..<problem.pairCount).map { pair in problem.options.indices.filter { problem.options[$0].pair == pair } }
        while spent < searchBudget && iteration < maxIterations {
            iteration += 1
            var trial = current
            let assignments = trial.assignments
            switch rng.next() % 3 {
            case 0:
                let count = 1 + Int(rng.next() % 3)
                for _ in 0..<count {
                    let pair = Int(rng.next() % UInt64(problem.pairCount))
                    for assignment in trial.byPair[pair] { trial.remove(assignment) }
                }
            case 1:
                let channel = Int(rng.next() % UInt64(problem.capacity.count))
                let week = Int(rng.next() % UInt64(problem.weeks.count))
                for assignment in assignments
                where assignment.week == week && problem.options[assignment.option].channel == channel {
                    trial.remove(assignment)
                }
            default:
                for assignment in assignments where rng.next() % 10 < 3 { trial.remove(assignment) }
            }
            spent += recreate(&trial, byPair: byPair, rng: &rng)
            let value = problem.objective(trial.assignments)
            if value >= currentValue - 1e-9 {
                current = trial
                currentValue = value
                if value > bestValue + 1e-9 {
                    best = trial
                    bestValue = value
                }
            }
        }
        solution = best
    }

    /// Inserts, one at a time, the feasible (option, week) with the best marginal value — per share of its
    /// bucket's capacity in half of the calls, as it is in the other half (density alone misses a large item
    /// that beats two small dense ones) — times noise in 0.85…1.15, until nothing fits. Returns the evaluations
    /// spent.
    private func recreate(_ solution: inout Solution, byPair: [[Int]], rng: inout SplitMix64) -> Int {
        var spent = 0
        let byDensity = rng.next() % 2 == 0
        while true {
            var best: (SchedulingProblem.Assignment, Double)?
            for pair in 0..<problem.pairCount {
                let before = solution.pairValue(pair)
                for option in byPair[pair] {
                    let item = problem.options[option]
                    for week in problem.weeks.indices {
                        spent += 1
                        let candidate = SchedulingProblem.Assignment(option: option, week: week)
                        guard solution.canAdd(candidate) else { continue }
                        let gain = problem.pairValue(solution.byPair[pair] + [candidate]) - before
                        guard gain > 0 else { continue }
                        let noise = 0.85 + 0.3 * Double(rng.next() % 1000) / 1000
                        let score = byDensity
                            ? gain * Double(max(problem.capacity[item.channel], 1)) / Double(max(item.quantity, 1)) * noise
                            : gain * noise
                        if best.map({ score > $0.1 }) ?? true { best = (candidate, score) }
                    }
                }
            }
            guard let (assignment, _) = best else { return spent }
            solution.add(option: assignment.option, week: assignment.week)
        }
    }

    // MARK: Local search

    func improve(_ solution: inout Solution) {
        let optionsByChannel = (0..<problem.capacity.count).map { channel in
            problem.options.indices.filter { problem.options[$0].channel == channel && problem.options[$0].quantity > 0 }
                .sorted { density(problem.options[$0], count: 0) > density(problem.options[$1], count: 0) }
        }
        for _ in 0..<maxPasses {
            var improved = false
            for assignment in solution.assignments.sorted() {
                guard solution.contains(assignment) else { continue }
                // Drop and refill.
                if tryMove(&solution, removing: assignment, movingTo: nil, optionsByChannel) {
                    improved = true
                    continue
                }
                // Move to another week, then refill.
                for week in problem.weeks.indices where week != assignment.week && problem.weeks[week].available {
                    if tryMove(&solution, removing: assignment, movingTo: week, optionsByChannel) {
                        improved = true
                        break
                    }
                }
            }
            // Fill whatever capacity is left.
            for week in problem.weeks.indices where problem.weeks[week].available {
                for channel in problem.capacity.indices {
                    var added: [SchedulingProblem.Assignment] = []
                    refill(&solution, channel: channel, week: week, optionsByChannel[channel], added: &added)
                    if !added.isEmpty { improved = true }
                }
            }
            if !improved { break }
        }
    }

    /// Removes `assignment` (optionally re-adding it in `week`), refills the freed bucket, and keeps the result
    /// only when the objective rises.
    private func tryMove(_ solution: inout Solution, removing assignment: SchedulingProblem.Assignment, movingTo week: Int?,
                         _ optionsByChannel: [[Int]]) -> Bool {
        let option = problem.options[assignment.option]
        let pair = option.pair
        let before = solution.pairValue(pair)
        solution.remove(assignment)
        var added: [SchedulingProblem.Assignment] = []
        if let week {
            let moved = SchedulingProblem.Assignment(option: assignment.option, week: week)
            guard solution.canAdd(moved) else {
                solution.add(option: assignment.option, week: assignment.week)
                return false
            }
            solution.add(option: moved.option, week: moved.week)
            added.append(moved)
        }
        var previous: [Int: Double] = [pair: before]
        refill(&solution, channel: option.channel, week: assignment.week, optionsByChannel[option.channel],
               excluding: assignment.option, added: &added, previous: &previous)
        let after = previous.keys.reduce(0.0) { $0 + solution.pairValue($1) }
        let old = previous.values.reduce(0.0, +)
        if after > old + 1e-9 * max(1, old) { return true }
        for item in added { solution.remove(item) }
        solution.add(option: assignment.option, week: assignment.week)
        return false
    }

    private func refill(_ solution: inout Solution, channel: Int, week: Int, _ candidates: [Int],
                        added: inout [SchedulingProblem.Assignment]) {
        var previous: [Int: Double] = [:]
        refill(&solution, channel: channel, week: week, candidates, excluding: nil, added: &added, previous: &previous)
    }

    /// Adds, densest first, every option of `channel` that fits in `week` and raises its pair's value.
    private func refill(_ solution: inout Solution, channel: Int, week: Int, _ candidates: [Int], excluding: Int?,
                        added: inout [SchedulingProblem.Assignment], previous: inout [Int: Double]) {
        for index in candidates where index != excluding {
            let candidate = SchedulingProblem.Assignment(option: index, week: week)
            guard solution.canAdd(candidate) else { continue }
            let pair = problem.options[index].pair
            let before = solution.pairValue(pair)
            solution.add(option: index, week: week)
            if solution.pairValue(pair) > before {
                if previous[pair] == nil { previous[pair] = before }
                added.append(candidate)
            } else {
                solution.remove(candidate)
            }
        }
    }
}

/// A mutable schedule with fast feasibility checks and per-pair values.
struct Solution {
    let problem: SchedulingProblem
    private(set) var used: [[Int]]
    /// Per pair, its assignments.
    private(set) var byPair: [[SchedulingProblem.Assignment]]
    private var present: Set<SchedulingProblem.Assignment> = []

    init(problem: SchedulingProblem) {
        self.problem = problem
        used = Array(repeating: Array(repeating: 0, count: problem.weeks.count), count: problem.capacity.count)
        byPair = Array(repeating: [], count: problem.pairCount)
    }

    var assignments: [SchedulingProblem.Assignment] { byPair.flatMap { $0 } }

    func contains(_ assignment: SchedulingProblem.Assignment) -> Bool { present.contains(assignment) }

    func canAdd(_ assignment: SchedulingProblem.Assignment) -> Bool {
        let week = problem.weeks[assignment.week]
        guard week.available else { return false }
        let option = problem.options[assignment.option]
        guard used[option.channel][assignment.week] + option.quantity <= problem.capacity[option.channel] else { return false }
        for other in byPair[option.pair] {
            let gap = abs(problem.weeks[other.week].day - week.day)
            if other.week == assignment.week || gap < problem.spacingDays { return false }
        }
        return true
    }

    mutating func add(option: Int, week: Int) {
        let assignment = SchedulingProblem.Assignment(option: option, week: week)
        let item = problem.options[option]
        used[item.channel][week] += item.quantity
        byPair[item.pair].append(assignment)
        present.insert(assignment)
    }

    mutating func remove(_ assignment: SchedulingProblem.Assignment) {
        let item = problem.options[assignment.option]
        guard let index = byPair[item.pair].firstIndex(of: assignment) else { return }
        byPair[item.pair].remove(at: index)
        used[item.channel][assignment.week] -= item.quantity
        present.remove(assignment)
    }

    func pairValue(_ pair: Int) -> Double { problem.pairValue(byPair[pair]) }
}

/// SplitMix64, a small seeded generator: the planner's only randomness, fixed by `Scheduler.seed`.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A binary max-heap.
struct Heap<Element: Comparable> {
    private var items: [Element] = []

    init() {}

    init(_ elements: [Element]) {
        items = elements
        if items.count > 1 {
            for index in stride(from: items.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        }
    }

    var isEmpty: Bool { items.isEmpty }
    var peek: Element? { items.first }

    mutating func push(_ element: Element) {
        items.append(element)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] > items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        if !items.isEmpty { siftDown(0) }
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var largest = parent
            if left < items.count, items[left] > items[largest] { largest = left }
            if right < items.count, items[right] > items[largest] { largest = right }
            if largest == parent { return }
            items.swapAt(parent, largest)
            parent = largest
        }
    }
}
