import Dispatch

/// Work started on another thread at once, its result (or error) taken where it is needed.
///
/// `@unchecked Sendable`: `result` is written once, before the group is left, and read only after
/// waiting for the group, which orders the two.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        group.enter()
        DispatchQueue.global().async { [self] in
            result = Result { try work() }
            group.leave()
        }
    }

    /// Waits for the work to end, then returns its value or throws its error.
    func value() throws -> Value {
        group.wait()
        return try result!.get()
    }
}
