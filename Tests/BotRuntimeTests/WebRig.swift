import BotRuntime
import CampaignCore
import Foundation
import Logging
import ServiceLifecycle
import Testing
import TestSupport

/// A bot (the `Harness`) with the back office on a real listener on 127.0.0.1, and an HTTP client that sends exactly
/// what a browser would and follows no redirect, so each step (link, form, cookie) is seen.
struct WebRig {
    var harness: Harness
    let office: WebOffice
    let port: Int

    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// The session cookie's `name=value`, from `Set-Cookie`.
        var cookie: String? { header("Set-Cookie")?.split(separator: ";").first.map(String.init) }
    }

    /// Runs `body` with the demo roster, a bound admin (A001), secretaries (S001 语文支部, S002 数学支部) and a teacher
    /// (T001), the back office at `base`, and the listener running.
    static func with(
        base: String = "http://127.0.0.1", now: String = "2010-10-11T09:00:00+08:00", roster: String = DemoRoster.csv,
        logins: [String] = ["A001", "S001", "S002", "T001"], _ body: (inout WebRig) async throws -> Void
    ) async throws {
        try await Harness.with(now: now, roster: roster) { h in
            let office = try WebOffice(baseURL: base, clock: h.clock)
            // The office reaches the rules through `BotService.prepare`, as in `cxzy run`: restart with it.
            h = try await h.restarted(web: office)
            for id in logins { try await h.login(id) }
            let (stream, continuation) = AsyncStream<Int>.makeStream()
            var logger = Logger(label: "web-test")
            logger.logLevel = .critical
            let app = HTTPServer.application(
                host: "127.0.0.1", port: 0, bot: h.bot, web: office, onRunning: { continuation.yield($0) })
            let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
            let running = Task { try await group.run() }
            var ports = stream.makeAsyncIterator()
            let port = try #require(await ports.next())
            var rig = WebRig(harness: h, office: office, port: port)
            do {
                try await body(&rig)
            } catch {
                await group.triggerGracefulShutdown()
                _ = try? await running.value
                throw error
            }
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            h = rig.harness
        }
    }

    /// One request on a fresh connection (`Connection: close`).
    func request(
        _ method: String, _ target: String, cookie: String? = nil, form: [String: String]? = nil, body raw: Data? = nil,
        contentType: String? = nil
    ) async throws -> Reply {
        let client = try RawHTTPClient(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let cookie { head += "Cookie: \(cookie)\r\n" }
        var body = ""
        if let form {
            body = form.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n"
        }
        if let raw, let contentType {
            head += "Content-Type: \(contentType)\r\nContent-Length: \(raw.count)\r\n"
            client.send(Array(Data((head + "\r\n").utf8) + raw))
        } else {
            client.send(head + "\r\n" + body)
        }
        let (data, closed) = await client.readUntilClosed(timeout: .seconds(60))
        try #require(closed, "the listener did not finish answering \(method) \(target)")
        let parts = data.components(separatedBy: "\r\n\r\n")
        let lines = (parts.first ?? "").components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Reply(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// The token of the link the bot answers `后台` with, in `staffID`'s private chat.
    func link(for staffID: String) async throws -> String {
        let reply = try await harness.say("后台", as: staffID)
        let line = try #require(
            reply.split(separator: "\n").first { $0.contains("/login?token=") }, "no link in: \(reply)")
        let token = try #require(line.components(separatedBy: "token=").last)
        return String(token)
    }

    /// Signs `staffID` in through the link and the form; returns the session cookie.
    func signIn(_ staffID: String) async throws -> String {
        let token = try await link(for: staffID)
        let reply = try await request("POST", "/login", form: ["token": token])
        #expect(reply.status == 303, "signing in \(staffID): \(reply.status) \(reply.body)")
        return try #require(reply.cookie)
    }

    /// The CSRF token of the forms on a page.
    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return page[range.upperBound...].split(separator: "\"").first.map(String.init)
    }
}
