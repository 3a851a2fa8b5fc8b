import Foundation

/// Runs work over the available cores, keeping results in input order.
enum Parallel {
    /// `grain`: the fewest inputs worth a thread of their own (1 for inputs that are each a lot of work).
    static func map<Input, Output>(_ inputs: [Input], grain: Int = 16, _ transform: (Input) -> Output) -> [Output] {
        // A non-throwing transform cannot fail, so the throwing variant never throws here.
        (try? mapThrowing(inputs, grain: grain) { transform($0) }) ?? []
    }

    static func mapThrowing<Input, Output>(_ inputs: [Input], grain: Int = 16,
                                           _ transform: (Input) throws -> Output) throws -> [Output] {
        guard !inputs.isEmpty else { return [] }
        let results = ResultBuffer<Output>(count: inputs.count)
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, inputs.count / max(1, grain)))
        let chunk = (inputs.count + workers * 4 - 1) / (workers * 4)
        let chunks = (inputs.count + chunk - 1) / chunk
        withoutActuallyEscaping(transform) { transform in
            let box = UncheckedBox(transform)
            let inputBox = UncheckedBox(inputs)
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                let start = index * chunk
                for position in start..<min(start + chunk, inputBox.value.count) {
                    if results.failed { return }
                    do {
                        results.set(position, try box.value(inputBox.value[position]))
                    } catch {
                        results.fail(error)
                        return
                    }
                }
            }
        }
        return try results.values()
    }
}

private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Results written by index from several threads; each index is written by exactly one.
private final class ResultBuffer<Output>: @unchecked Sendable {
    private var storage: [Output?]
    private let lock = NSLock()
    private var error: (any Error)?
    private(set) var failed = false

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Output) {
        storage.withUnsafeMutableBufferPointer { $0[index] = value }
    }

    func fail(_ error: any Error) {
        lock.withLock {
            if self.error == nil { self.error = error }
            failed = true
        }
    }

    func values() throws -> [Output] {
        if let error { throw error }
        return storage.map { $0! }
    }
}

/// A thread-safe counter for progress.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int

    init(start: Int = 0) { value = start }

    func increment() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
