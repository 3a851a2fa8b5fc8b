#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes, mapped read-only from the page cache instead of copied into fresh memory.
///
/// For the manifests a rebuild reads (2.4 MB each for a 10,000-page site): `FileManager.contents` copied
/// them into newly allocated pages, faulting each one in, which cost more than reading their lines.
/// Loa never rewrites a manifest in place (a new file is written and renamed, the old one unlinked), so
/// the mapped bytes stay as they were read.
final class MappedFile {
    /// The file's bytes, valid while this object lives.
    let bytes: UnsafeRawBufferPointer

    /// Nil when the file cannot be opened or mapped (it does not exist, say).
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let address = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: address), bytes.count) }
    }
}
