@testable import APIServer
import CampaignModel
import ContentStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What only a real socket shows: bodies sent chunked (no Content-Length) and a shutdown with a request in flight.
@Suite struct ShutdownAndChunkedTests {
    typealias F = APIFixture

    /// A plain TCP connection to the server, for requests HTTP client libraries will not send.
    final class RawConnection {
        let socket: Int32

        init(port: Int) throws {
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else { close(socket); throw POSIXError(.ECONNREFUSED) }
        }

        deinit { close(socket) }

        func send(_ text: String) {
            var bytes = Array(text.utf8)
            _ = bytes.withUnsafeMutableBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }

        /// Everything the server sends until it closes the connection or `limit` seconds pass.
        ///
        /// Never blocks a thread: the server under test runs on the same cooperative pool, which has only as
        /// many threads as the machine has cores, so a blocking `recv` here could starve the very request it
        /// waits for. It polls without waiting and sleeps the task between polls instead.
        func receive(limit: Duration = .seconds(10)) async throws -> String {
            let deadline = ContinuousClock.now + limit
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while ContinuousClock.now < deadline {
                let count = recv(socket, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if count == 0 { break }
                if count < 0 {
                    guard errno == EAGAIN || errno == EWOULDBLOCK else { break }
                    try await Task.sleep(for: .milliseconds(5))
                    continue
                }
                received += buffer[..<count]
                if let text = String(bytes: received, encoding: .utf8), let end = text.range(of: "\r\n\r\n"),
                   let length = text[..<end.lowerBound].split(separator: "\r\n")
                    .first(where: { $0.lowercased().hasPrefix("content-length:") })
                    .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
                   received.count - text[..<end.upperBound].utf8.count >= length {
                    break
                }
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// Runs the fixture's server in a service group of its own; `body` gets the port and a shutdown trigger.
    static func serve(_ fixture: F, _ body: @Sendable (Int, @Sendable () async -> Void) async throws -> Void) async throws {
        let port = Mutex<Int?>(nil)
        var configuration = fixture.configuration
        configuration.onServerRunning = { bound in port.withLock { $0 = bound } }
        let application = try await buildApplication(configuration: configuration)
        let group = ServiceGroup(configuration: .init(services: [application], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var bound: Int?
            for _ in 0..<500 where bound == nil {
                try await Task.sleep(for: .milliseconds(10))
                bound = port.withLock { $0 }
            }
            try await body(try #require(bound)) { await group.triggerGracefulShutdown() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func chunkedBodiesOverTheLimitAre413AndChangeNothing() async throws {
        let (database, folder) = try ConcurrencyAndLiveTests.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = try F(database: database, maxBodySize: 1000)
        try await Self.serve(fixture) { port, _ in
            let connection = try RawConnection(port: port)
            // Three chunks of 600 bytes, sent in one write: a server that answers before reading everything
            // would otherwise reset the connection and lose its own answer.
            let chunk = String(600, radix: 16) + "\r\n" + String(repeating: "x", count: 600) + "\r\n"
            connection.send("PUT \(F.hmnPath) HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fixture.tokens["pao"] ?? "")\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                            + String(repeating: chunk, count: 3) + "0\r\n\r\n")
            let response = try await connection.receive()
            #expect(response.hasPrefix("HTTP/1.1 413"), "\(response.prefix(200))")
            #expect(response.contains("application/problem+json"))
            #expect(response.contains("1000"), "the problem names the limit")

            // A chunked body within the limit is read whole.
            let small = try RawConnection(port: port)
            let json = draftJSON(title: "Ib")
            small.send("PUT \(F.hmnPath) HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fixture.tokens["pao"] ?? "")\r\n"
                       + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            let half = json.utf8.count / 2
            for part in [String(json.utf8.prefix(half))!, String(json.utf8.dropFirst(half))!] {
                small.send(String(part.utf8.count, radix: 16) + "\r\n" + part + "\r\n")
            }
            small.send("0\r\n\r\n")
            #expect(try await small.receive().hasPrefix("HTTP/1.1 201"))
        }
        #expect(try database.translationState(slug: "fake-jobs", locale: "hmn").head.number == 1, "only the small draft was saved")
    }

    /// SIGTERM and SIGINT trigger this graceful shutdown in `loa serve`: the listener closes, and a request
    /// already being received is still read, answered and saved.
    @Test func aRequestInFlightDuringShutdownIsAnsweredAndSaved() async throws {
        let (database, folder) = try ConcurrencyAndLiveTests.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = try F(database: database)
        try await Self.serve(fixture) { port, shutdown in
            let connection = try RawConnection(port: port)
            let json = Array(draftJSON(title: "Saved during shutdown").utf8)
            connection.send("PUT \(F.hmnPath) HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(fixture.tokens["pao"] ?? "")\r\n"
                            + "Content-Type: application/json\r\nContent-Length: \(json.count)\r\n\r\n")
            connection.send(String(decoding: json.prefix(10), as: UTF8.self))
            try await Task.sleep(for: .milliseconds(200))
            await shutdown()
            var refused = false
            for _ in 0..<100 where !refused {
                try await Task.sleep(for: .milliseconds(50))
                refused = (try? RawConnection(port: port)) == nil
            }
            #expect(refused, "the listener closes")
            connection.send(String(decoding: json.dropFirst(10), as: UTF8.self))
            let response = try await connection.receive()
            #expect(response.hasPrefix("HTTP/1.1 201"), "\(response.prefix(300))")
        }
        #expect(try database.translationState(slug: "fake-jobs", locale: "hmn").content.title == "Saved during shutdown")
    }
}
