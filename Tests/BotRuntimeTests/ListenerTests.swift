import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Testing
import TestSupport
import WeComFake
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The listener against slow and hostile clients, through the production boot (`BotService.prepare`) on WeCom:
/// costly bodies refused before any parsing, slow clients dropped, the connection closed after an error answer,
/// exact routes only, and `/healthz`'s figures for loopback alone.
@Suite("The listener refuses costly bodies, drops slow clients and matches routes exactly", .serialized)
struct ListenerTests {
    /// Short limits, so a test sees a connection dropped in well under a second.
    static let short = ListenerLimits(
        head: .milliseconds(300), body: .milliseconds(600), idle: .milliseconds(900), connections: 8)

    static func boot(_ rig: WeComRig, limits: ListenerLimits = short) async throws -> (WeComRig.Booted, Int) {
        let bot = try await ListenerLimits.$current.withValue(limits) { try await rig.boot() }
        return (bot, try #require(bot.callbackURL.port))
    }

    /// `<xml><E a0='' b0='' …/></xml>`: what cost libxml2 seconds when the outer XML was parsed before the signature.
    static func attributeBomb(_ count: Int) -> String {
        var body = "<xml><E"
        body.reserveCapacity(count * 8)
        for i in 0..<count { body += " \(i % 2 == 0 ? "a" : "b")\(i / 2)=''" }
        return body + "/></xml>"
    }

    static func post(_ bot: WeComRig.Booted, body: String, query: String) async throws -> (Int, Duration) {
        var request = URLRequest(url: URL(string: bot.callbackURL.absoluteString + "?" + query)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        let start = ContinuousClock.now
        let (_, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, ContinuousClock.now - start)
    }

    @Test(
        "an unsigned 110,000-attribute body is refused without an XML parser; a genuine callback right after is answered"
    )
    func attributeBombRefused() async throws {
        try await WeComRig.with { rig in
            let (bot, _) = try await Self.boot(rig, limits: ListenerLimits())
            let query = "msg_signature=0&timestamp=1&nonce=1"
            let large = try await Self.post(bot, body: Self.attributeBomb(110_000), query: query)
            #expect(large.0 == 413)
            // Under the 64 KiB limit, so the flat scan itself refuses it.
            let fitting = try await Self.post(bot, body: Self.attributeBomb(6_000), query: query)
            #expect(fitting.0 == 400)
            print(
                "listener: 110,000 attributes answered \(large.0) in \(large.1); 6,000 attributes \(fitting.0) in \(fitting.1)"
            )
            let xml = WeComRig.textXML(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "7100000000000000001")
            #expect(try await WeComRig.post(bot.callbackURL, rig.callback(xml)).0 == 200)
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            try await bot.stop()
        }
    }

    @Test("an idle connection, a half-sent head and an unfinished chunked body are closed")
    func slowClientsDropped() async throws {
        try await WeComRig.with { rig in
            let (bot, port) = try await Self.boot(rig)
            let idle = try RawHTTPClient(port: port)
            let partialHead = try RawHTTPClient(port: port)
            partialHead.send("POST /wecom/callback?msg_signature=0&timestamp=1&nonce=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let chunked = try RawHTTPClient(port: port)
            chunked.send(
                "POST /wecom/callback?msg_signature=0&timestamp=1&nonce=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n<xml>\r\n")
            for (name, client) in [("idle", idle), ("partial head", partialHead), ("unfinished body", chunked)] {
                let start = ContinuousClock.now
                let read = await client.readUntilClosed(timeout: .seconds(10))
                #expect(read.closed, "\(name) connection still open")
                print("listener: \(name) connection closed after \(ContinuousClock.now - start)")
            }
            // A kept-alive connection after an answer is closed after the idle time.
            let kept = try RawHTTPClient(port: port)
            kept.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let answered = await kept.readUntilClosed(timeout: .seconds(10))
            #expect(answered.closed && answered.data.hasPrefix("HTTP/1.1 200"))
            try await bot.stop()
        }
    }

    @Test("after an early error answer the connection is closed, its body unread")
    func closedAfterEarlyError() async throws {
        try await WeComRig.with { rig in
            // Long timeouts: only the close after the answer can end this connection within the test's wait.
            let (bot, port) = try await Self.boot(rig, limits: ListenerLimits(head: .seconds(60), body: .seconds(60)))
            let client = try RawHTTPClient(port: port)
            client.send("POST /wecom/callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n<xml>")
            let read = await client.readUntilClosed(timeout: .seconds(5))
            #expect(read.data.hasPrefix("HTTP/1.1 400"))
            #expect(read.data.lowercased().contains("connection: close"))
            #expect(read.closed)
            let notFound = try RawHTTPClient(port: port)
            notFound.send("POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nx")
            let refused = await notFound.readUntilClosed(timeout: .seconds(5))
            #expect(refused.data.hasPrefix("HTTP/1.1 404") && refused.closed)
            try await bot.stop()
        }
    }

    @Test("more idle connections than the limit do not keep /healthz out for longer than the head time")
    func connectionLimit() async throws {
        try await WeComRig.with { rig in
            let (bot, port) = try await Self.boot(rig)
            let hogs = try (0..<20).map { _ in try RawHTTPClient(port: port) }
            let start = ContinuousClock.now
            let (data, response) = try await URLSession.shared.data(
                from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self).contains("\"status\""))
            print("listener: /healthz answered behind 20 idle connections (limit 8) in \(ContinuousClock.now - start)")
            _ = hogs
            try await bot.stop()
        }
    }

    @Test("one address holds at most its share of connections; a closed one frees its place")
    func perClientLimit() async throws {
        try await WeComRig.with { rig in
            var limits = ListenerLimits(head: .seconds(60), body: .seconds(60))
            limits.perClient = 3
            limits.limitLoopback = true
            let (bot, port) = try await Self.boot(rig, limits: limits)
            // Four connections from one address: one of them (whichever the listener's threads count last) is closed.
            var held = try (0..<4).map { _ in try RawHTTPClient(port: port) }
            var closed = 0
            for client in held where await client.readUntilClosed(timeout: .seconds(1)).closed { closed += 1 }
            #expect(closed == 1)
            held.removeAll()
            // The closed connections' places are free again (their close reaches the listener shortly).
            let answered = await eventually(10) {
                guard let client = try? RawHTTPClient(port: port) else { return false }
                client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                return await client.readUntilClosed(timeout: .seconds(2)).data.hasPrefix("HTTP/1.1 200")
            }
            #expect(answered)
            _ = held
            try await bot.stop()
        }
    }

    @Test("routes match exactly; /healthz gives its figures to loopback only")
    func exactRoutesAndHealth() async throws {
        try await WeComRig.with { rig in
            let (bot, port) = try await Self.boot(rig)
            let xml = WeComRig.textXML(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "7100000000000000002")
            for path in ["//wecom//callback", "/wecom/callback/", "/wecom//callback", "//healthz", "/healthz/"] {
                let client = try RawHTTPClient(port: port)
                let callback = rig.callback(xml)
                let query = callback.query.map {
                    "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)"
                }
                .joined(separator: "&")
                let method = path.contains("healthz") ? "GET" : "POST"
                client.send(
                    "\(method) \(path)?\(query) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(callback.body.utf8.count)\r\n\r\n"
                        + callback.body)
                let read = await client.readUntilClosed(timeout: .seconds(5))
                #expect(read.data.hasPrefix("HTTP/1.1 404"), "\(path) reached a handler")
            }
            #expect(await bot.running.bot.store.state.pledges.isEmpty)
            let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
            #expect(String(decoding: data, as: UTF8.self).contains("store_sequence"))
            try await bot.stop()
        }
    }

    @Test("loopback is 127.0.0.0/8, ::1 and IPv4-mapped 127.x; nothing else")
    func loopbackAddresses() {
        for address in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] {
            #expect(ListenerRequestContext.isLoopback(address), "\(address)")
        }
        for address in ["10.0.0.1", "192.168.1.127", "::ffff:10.0.0.1", "fe80::1", "1.127.0.0", "-"] {
            #expect(!ListenerRequestContext.isLoopback(address), "\(address)")
        }
    }
}
