import CCmark
import Foundation

/// A region allocator for one libcmark document, given to libcmark through `cmark_parser_new_with_mem`.
///
/// libcmark makes about a quarter of a million small allocations per megabyte of Markdown (nodes, their
/// text, delimiter and bracket records) and frees each of them again; with the C library's allocator that
/// is about 40 % of its time. Here small blocks are carved one after the other out of chunks, freeing a
/// small block only gives its bytes back when it is the most recent one (libcmark frees many temporaries
/// right after making them), and growing the most recent block grows it in place. Blocks over
/// `largeLimit` bytes (long lines, the HTML output) come from `malloc` and are kept in a list. When the
/// document goes away, the chunks and whatever large blocks remain are released at once, so the tree
/// need not be walked to free node after node.
///
/// libcmark's allocator callbacks take no context argument, so the arena being filled is found through
/// a thread-local slot: `install()` fills the slot of the current thread (only when it is empty, so two
/// documents alive on one thread never share it; the second one then uses libcmark's own allocator), and
/// `uninstall(_:)` empties it and releases everything. Every block records the arena it belongs to, so
/// freeing and growing never depend on the slot. A `CmarkDocument` is not `Sendable` and is only used
/// inside synchronous calls, so the thread that installs an arena is the one that allocates from it.
enum CmarkArena {
    /// Book-keeping of one arena, in memory of its own so the C callbacks can reach it by address.
    struct State {
        /// Next free byte of the newest chunk, and its end.
        var cursor: UnsafeMutableRawPointer?
        var limit: UnsafeMutableRawPointer?
        /// The most recent small block (payload address): the only one that can be given back or grown in place.
        var lastBlock: UnsafeMutableRawPointer?
        /// The newest chunk; the first word of each chunk points to the one before.
        var chunks: UnsafeMutableRawPointer?
        /// The newest large block (header address); large blocks form a doubly linked list.
        var large: UnsafeMutableRawPointer?
        var nextChunkSize: Int
    }

    /// Requests above this many bytes get a `malloc` block of their own.
    static let largeLimit = 8 << 10
    private static let firstChunkSize = 16 << 10
    private static let largestChunkSize = 1 << 20

    // Every payload is preceded by two words: the owning arena's address with the block kind in its low
    // bits, then the requested size. Large blocks have two more words before those: previous and next.
    private static let smallHeader = 16
    private static let largeHeader = 32
    private static let kindSmall: UInt = 0
    private static let kindLarge: UInt = 1
    /// A `malloc` block made while no arena was installed (should not happen); freed with `free`.
    private static let kindSystem: UInt = 2

    /// The allocator handed to libcmark; its callbacks allocate from the arena installed on the calling thread.
    nonisolated(unsafe) static let mem: UnsafeMutablePointer<cmark_mem> = {
        let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        mem.initialize(
            to: cmark_mem(
                calloc: { count, size in CmarkArena.callocate(count, size) },
                realloc: { pointer, size in CmarkArena.reallocate(pointer, size) },
                free: { pointer in CmarkArena.release(pointer) }))
        return mem
    }()

    /// The thread-local slot holding the installed arena's `State` address; nil if no key could be made.
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key, nil) == 0 ? key : nil
    }()

    /// A new arena installed on the current thread, or nil when one is installed already (or no slot exists).
    static func install() -> UnsafeMutablePointer<State>? {
        guard let key, pthread_getspecific(key) == nil else { return nil }
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State(nextChunkSize: firstChunkSize))
        guard pthread_setspecific(key, state) == 0 else {
            state.deallocate()
            return nil
        }
        return state
    }

    /// Empties the thread's slot (if it holds `state`) and releases every chunk and large block of `state`.
    static func uninstall(_ state: UnsafeMutablePointer<State>) {
        if let key, pthread_getspecific(key) == UnsafeRawPointer(state) { pthread_setspecific(key, nil) }
        var chunk = state.pointee.chunks
        while let current = chunk {
            chunk = current.load(as: UnsafeMutableRawPointer?.self)
            free(current)
        }
        var block = state.pointee.large
        while let current = block {
            block = current.load(fromByteOffset: 8, as: UnsafeMutableRawPointer?.self)
            free(current)
        }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    // MARK: - Callbacks

    private static func installedState() -> UnsafeMutablePointer<State>? {
        guard let key, let state = pthread_getspecific(key) else { return nil }
        return state.assumingMemoryBound(to: State.self)
    }

    static func callocate(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
        let (total, overflow) = count.multipliedReportingOverflow(by: size)
        if overflow || total < 0 { fatalError("libcmark asked for \(count) × \(size) bytes") }
        let pointer = allocate(total, in: installedState())
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: total)
        return pointer
    }

    static func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size, in: installedState()) }
        let (owner, kind) = header(of: pointer)
        let oldSize = pointer.load(fromByteOffset: -8, as: Int.self)
        if kind == kindSmall, let owner {
            if size <= rounded(oldSize) {
                pointer.storeBytes(of: size, toByteOffset: -8, as: Int.self)
                return pointer
            }
            if owner.pointee.lastBlock == pointer, size <= largeLimit, let limit = owner.pointee.limit,
                limit - pointer >= rounded(size)
            {
                owner.pointee.cursor = pointer + rounded(size)
                pointer.storeBytes(of: size, toByteOffset: -8, as: Int.self)
                return pointer
            }
            let moved = allocate(size, in: owner)
            moved.copyMemory(from: pointer, byteCount: oldSize)
            return moved
        }
        // A large or system block: let realloc move it, then repair the list links.
        let oldBlock = pointer - largeHeader
        guard let block = realloc(oldBlock, largeHeader + size) else { fatalError("out of memory") }
        if block != oldBlock, kind == kindLarge, let owner {
            let previous = block.load(as: UnsafeMutableRawPointer?.self)
            let next = block.load(fromByteOffset: 8, as: UnsafeMutableRawPointer?.self)
            if let previous {
                previous.storeBytes(of: block, toByteOffset: 8, as: UnsafeMutableRawPointer?.self)
            } else {
                owner.pointee.large = block
            }
            next?.storeBytes(of: block, as: UnsafeMutableRawPointer?.self)
        }
        let payload = block + largeHeader
        payload.storeBytes(of: size, toByteOffset: -8, as: Int.self)
        return payload
    }

    static func release(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        let (owner, kind) = header(of: pointer)
        if kind == kindSmall {
            // Give the bytes back only when nothing was allocated after this block.
            if let owner, owner.pointee.lastBlock == pointer {
                owner.pointee.cursor = pointer - smallHeader
                owner.pointee.lastBlock = nil
            }
            return
        }
        let block = pointer - largeHeader
        if kind == kindLarge, let owner {
            let previous = block.load(as: UnsafeMutableRawPointer?.self)
            let next = block.load(fromByteOffset: 8, as: UnsafeMutableRawPointer?.self)
            if let previous {
                previous.storeBytes(of: next, toByteOffset: 8, as: UnsafeMutableRawPointer?.self)
            } else {
                owner.pointee.large = next
            }
            next?.storeBytes(of: previous, as: UnsafeMutableRawPointer?.self)
        }
        free(block)
    }

    // MARK: - Blocks

    @inline(__always)
    private static func rounded(_ size: Int) -> Int { (size &+ 15) & ~15 }

    @inline(__always)
    private static func header(of pointer: UnsafeMutableRawPointer) -> (UnsafeMutablePointer<State>?, UInt) {
        let word = pointer.load(fromByteOffset: -16, as: UInt.self)
        return (UnsafeMutablePointer(bitPattern: word & ~3), word & 3)
    }

    private static func allocate(_ size: Int, in state: UnsafeMutablePointer<State>?) -> UnsafeMutableRawPointer {
        guard let state, size <= largeLimit else { return allocateLarge(size, in: state) }
        let need = smallHeader + rounded(size)
        if state.pointee.cursor == nil || state.pointee.limit! - state.pointee.cursor! < need {
            addChunk(to: state, fitting: need)
        }
        let block = state.pointee.cursor!
        block.storeBytes(of: UInt(bitPattern: state) | kindSmall, as: UInt.self)
        block.storeBytes(of: size, toByteOffset: 8, as: Int.self)
        state.pointee.cursor = block + need
        let payload = block + smallHeader
        state.pointee.lastBlock = payload
        return payload
    }

    private static func addChunk(to state: UnsafeMutablePointer<State>, fitting need: Int) {
        let size = max(state.pointee.nextChunkSize, need + 16)
        guard let chunk = malloc(size) else { fatalError("out of memory") }
        chunk.storeBytes(of: state.pointee.chunks, as: UnsafeMutableRawPointer?.self)
        state.pointee.chunks = chunk
        state.pointee.cursor = chunk + 16
        state.pointee.limit = chunk + size
        state.pointee.lastBlock = nil
        state.pointee.nextChunkSize = min(state.pointee.nextChunkSize * 2, largestChunkSize)
    }

    private static func allocateLarge(_ size: Int, in state: UnsafeMutablePointer<State>?) -> UnsafeMutableRawPointer {
        guard let block = malloc(largeHeader + size) else { fatalError("out of memory") }
        if let state {
            block.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
            block.storeBytes(of: state.pointee.large, toByteOffset: 8, as: UnsafeMutableRawPointer?.self)
            state.pointee.large?.storeBytes(of: block, as: UnsafeMutableRawPointer?.self)
            state.pointee.large = block
            block.storeBytes(of: UInt(bitPattern: state) | kindLarge, toByteOffset: 16, as: UInt.self)
        } else {
            block.storeBytes(of: kindSystem, toByteOffset: 16, as: UInt.self)
        }
        block.storeBytes(of: size, toByteOffset: 24, as: Int.self)
        return block + largeHeader
    }
}
