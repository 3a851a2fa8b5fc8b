import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file write that either replaces the target whole or leaves it as it was.
///
/// The content goes to a new temporary file in the target's own folder (`.<name>.<UUID>.tmp`, so the
/// final `rename(2)` never crosses file systems), is flushed to disk with `fsync`, and is then renamed over
/// the target, which POSIX makes atomic: a reader sees the old file or the new one, never a mix. If anything
/// fails before the rename (the folder is not writable, the disk is full, the producer throws), the temporary
/// file is removed and the previous file stays whole. The new file gets mode 0644 (less the umask).
public enum AtomicFileWriter {
    /// Writes `data` to `url` atomically.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { handle in try handle.write(contentsOf: data) }
    }

    /// Writes `data` to `url` atomically unless `url` already holds exactly `data`; returns whether it
    /// wrote. Exports that run again change nothing on disk, so git and incremental copies see no noise.
    @discardableResult
    public static func writeIfChanged(_ data: Data, to url: URL) throws -> Bool {
        if let existing = try? Data(contentsOf: url), existing == data { return false }
        try write(data, to: url)
        return true
    }

    /// Lets `produce` stream the content into a temporary file, then renames it onto `url`.
    ///
    /// If `produce` throws, its error is rethrown and `url` is untouched.
    public static func write(to url: URL, _ produce: (FileHandle) throws -> Void) throws {
        _ = try write(to: url, unlessEqual: false, produce)
    }

    /// As `write(to:_:)`, but when the streamed content equals what `url` already holds, the temporary file is
    /// dropped and `url` is left alone (same inode, same time); returns whether it wrote. For content too big
    /// to hold in memory twice, such as a national plan.
    @discardableResult
    public static func writeIfChanged(to url: URL, _ produce: (FileHandle) throws -> Void) throws -> Bool {
        try write(to: url, unlessEqual: true, produce)
    }

    private static func write(to url: URL, unlessEqual: Bool, _ produce: (FileHandle) throws -> Void) throws -> Bool {
        let target = url.standardizedFileURL
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw AtomicWriteError(path: target.path, step: "create a temporary file in \(folder.path)", code: errno)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        var isOpen = true
        do {
            try produce(handle)
            if unlessEqual, sameContent(descriptor, target.path) {
                close(descriptor)
                unlink(temporary.path)
                return false
            }
            guard fsync(descriptor) == 0 else {
                throw AtomicWriteError(path: target.path, step: "flush the temporary file", code: errno)
            }
            isOpen = false
            guard close(descriptor) == 0 else {
                throw AtomicWriteError(path: target.path, step: "close the temporary file", code: errno)
            }
        } catch {
            if isOpen { close(descriptor) }
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw AtomicWriteError(path: target.path, step: "rename the temporary file into place", code: code)
        }
        // Make the rename itself durable; a failure here cannot undo it, so it is not reported.
        let folderDescriptor = open(folder.path, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
        return true
    }

    /// Whether the file open at `descriptor` (read from its start) has the same bytes as the file at `path`;
    /// false when `path` cannot be read.
    private static func sameContent(_ descriptor: Int32, _ path: String) -> Bool {
        var ours = stat()
        var theirs = stat()
        guard fstat(descriptor, &ours) == 0, stat(path, &theirs) == 0, ours.st_size == theirs.st_size else { return false }
        let other = open(path, O_RDONLY | O_CLOEXEC)
        guard other >= 0 else { return false }
        defer { close(other) }
        let chunk = 1 << 20
        var left = [UInt8](repeating: 0, count: chunk)
        var right = [UInt8](repeating: 0, count: chunk)
        var offset: off_t = 0
        while true {
            let count = pread(descriptor, &left, chunk, offset)
            guard count >= 0, pread(other, &right, chunk, offset) == count else { return false }
            if count == 0 { return true }
            guard memcmp(left, right, count) == 0 else { return false }
            offset += off_t(count)
        }
    }
}

/// A file could not be written; the previous file at `path`, if any, is unchanged.
public struct AtomicWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// What was being done when it failed.
    public var step: String
    /// The `errno` value.
    public var code: Int32

    public init(path: String, step: String, code: Int32) {
        self.path = path
        self.step = step
        self.code = code
    }

    public var description: String {
        "Could not write \(path): failed to \(step): \(String(cString: strerror(code)))"
    }
}
