import Dispatch

/// Runs the store's synchronous SQLite work off Swift's cooperative threads.
///
/// A write may wait seconds for SQLite's lock (another `loa` process importing); on the two cooperative
/// threads of a small machine that would stall every request. Dispatch's global queue has threads of its own.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
