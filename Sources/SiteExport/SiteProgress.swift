import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How far a site export has come: `done` of `total` units of `step`.
public struct SiteProgress: Sendable, Hashable {
    public var step: SiteStep
    public var done: Int
    public var total: Int

    public init(step: SiteStep, done: Int, total: Int) {
        self.step = step
        self.done = done
        self.total = total
    }
}

/// Shows export progress on one rewritten line of standard error, and only when standard error is a
/// terminal: logs and pipes get nothing.
public final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private var lastLine = ""
    private var lastTime = 0.0

    /// `enabled` defaults to whether standard error is a terminal.
    public init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    /// Reports `progress`, at most about ten times a second per step.
    public func report(_ progress: SiteProgress) {
        guard enabled else { return }
        lock.withLock {
            let now = Date().timeIntervalSinceReferenceDate
            let finished = progress.done >= progress.total
            guard finished || now - lastTime >= 0.1 else { return }
            lastTime = now
            let percent = progress.total > 0 ? progress.done * 100 / progress.total : 100
            let line = "\(progress.step.label): \(progress.done)/\(progress.total) (\(percent)%)"
            guard line != lastLine else { return }
            lastLine = line
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
        }
    }

    /// Ends the progress line so that the next output starts on a fresh line.
    public func finish() {
        guard enabled else { return }
        lock.withLock {
            if !lastLine.isEmpty { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            lastLine = ""
        }
    }
}
