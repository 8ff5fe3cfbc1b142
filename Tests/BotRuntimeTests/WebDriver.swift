import BotRuntime
import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import Testing
import TestSupport

/// Debian's `chromium` driven through `chromedriver` (W3C WebDriver over HTTP on loopback): a real browser that keeps
/// cookies, follows redirects, enforces the Content-Security-Policy and takes screenshots.
final class WebDriver {
    let base: URL
    let session: String
    private let process: Process

    static let prerequisites = [
        Prerequisite.program("chromium", package: "chromium"),
        Prerequisite.program("chromedriver", package: "chromium-driver"),
        Prerequisite.python3,
    ]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts chromedriver and a headless chromium at `width`×`height` CSS pixels.
    static func start(width: Int = 1280, height: Int = 1700) async throws -> WebDriver {
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["chromedriver", "--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try Child.start(process)
        let base = try #require(URL(string: "http://127.0.0.1:\(port)"))
        var ready = false
        var last = ""
        for _ in 0..<100 where !ready {
            do {
                _ = try await call(base, "GET", "/status")
                ready = true
            } catch {
                last = "\(error)"
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        guard ready else {
            stop(process)
            throw Failure(description: "chromedriver did not start on port \(port): \(last)")
        }
        let options: [String: Any] = [
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN",
                "--window-size=\(width),\(height)", "--hide-scrollbars",
            ]
        ]
        let capabilities: [String: Any] = [
            "capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]
        ]
        do {
            let value = try await call(base, "POST", "/session", capabilities)
            guard let id = (value as? [String: Any])?["sessionId"] as? String else {
                throw Failure(description: "chromedriver answered no session: \(String(describing: value))")
            }
            return WebDriver(base: base, session: id, process: process)
        } catch {
            stop(process)
            throw error
        }
    }

    private init(base: URL, session: String, process: Process) {
        self.base = base
        self.session = session
        self.process = process
    }

    /// Closes the browser, then stops chromedriver (which does not stop on SIGTERM).
    func quit() async {
        _ = try? await Self.call(base, "DELETE", "/session/\(session)")
        Self.stop(process)
        _ = await waitForExit(process, timeout: .seconds(5))
    }

    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
    }

    func open(_ url: String) async throws { _ = try await command("POST", "/url", ["url": url]) }
    func currentURL() async throws -> String { try await command("GET", "/url") as? String ?? "" }
    func title() async throws -> String { try await command("GET", "/title") as? String ?? "" }
    func source() async throws -> String { try await command("GET", "/source") as? String ?? "" }

    /// The text of the first element matching `css`.
    func text(_ css: String) async throws -> String {
        let id = try await element(css)
        return try await command("GET", "/element/\(id)/text") as? String ?? ""
    }

    /// The text of the first element matching `css` once it is `expected` (any text when nil): pages load while this
    /// waits, up to 15 s; then the text it has.
    func waitForText(_ css: String, toBe expected: String? = nil) async throws -> String {
        var last: any Error = Failure(description: "no element \(css)")
        var seen: String?
        for _ in 0..<150 {
            do {
                let found = try await text(css)
                seen = found
                if !found.isEmpty, expected == nil || found == expected { return found }
            } catch {
                last = error
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        if let seen { return seen }
        throw last
    }

    func click(_ css: String) async throws {
        let id = try await element(css)
        _ = try await command("POST", "/element/\(id)/click", [:])
    }

    /// The visible page as PNG.
    func screenshot() async throws -> Data {
        guard let text = try await command("GET", "/screenshot") as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    /// The whole page (document height) as PNG, by resizing the window to it first (from a short window: a page is
    /// never measured shorter than the window it is in).
    func fullScreenshot(width: Int = 1280) async throws -> Data {
        _ = try await command("POST", "/window/rect", ["width": width, "height": 600])
        let height =
            try await command(
                "POST", "/execute/sync", ["script": "return document.documentElement.scrollHeight", "args": []]) as? Int
            ?? 1600
        _ = try await command("POST", "/window/rect", ["width": width, "height": min(max(height + 140, 600), 8000)])
        return try await screenshot()
    }

    /// Types `text` into the first element matching `css` (for a file input: the file's path, which it uploads).
    func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        _ = try await command("POST", "/element/\(id)/value", ["text": text])
    }

    /// Opens a new tab and returns its handle (the current tab stays current).
    func newTab() async throws -> String {
        let value = try await command("POST", "/window/new", ["type": "tab"])
        guard let handle = (value as? [String: Any])?["handle"] as? String else {
            throw Failure(description: "no new tab: \(String(describing: value))")
        }
        return handle
    }

    /// The current tab's handle.
    func tab() async throws -> String { try await command("GET", "/window") as? String ?? "" }

    func switchTo(tab handle: String) async throws { _ = try await command("POST", "/window", ["handle": handle]) }

    /// Forgets every cookie of the current site: the browser is signed out, as a new browser would be.
    func deleteCookies() async throws { _ = try await command("DELETE", "/cookie") }

    /// Whether an element matches `css` on the page now.
    func has(_ css: String) async throws -> Bool {
        let value = try await command("POST", "/elements", ["using": "css selector", "value": css])
        return !((value as? [Any]) ?? []).isEmpty
    }

    func setWindow(width: Int, height: Int) async throws {
        _ = try await command("POST", "/window/rect", ["width": width, "height": height])
    }

    private func element(_ css: String) async throws -> String {
        let value = try await command("POST", "/element", ["using": "css selector", "value": css])
        guard let id = (value as? [String: Any])?.values.first as? String else {
            throw Failure(description: "no element \(css)")
        }
        return id
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await Self.call(base, method, "/session/\(session)" + path, body)
    }

    /// libcurl (the bot's own client): FoundationNetworking's URLSession fails on chromedriver's answers here.
    private static let http = CurlHTTP(maxConnectionsPerHost: 2, threadName: "webdriver-http")

    private static func call(_ base: URL, _ method: String, _ path: String, _ body: [String: Any]? = nil)
        async throws -> Any?
    {
        var headers: [(name: String, value: String)] = []
        var data: Data?
        if let body {
            data = try JSONSerialization.data(withJSONObject: body)
            headers.append((name: "Content-Type", value: "application/json"))
        }
        let request = OutboundRequest(
            method, base.appendingPathComponent(path), headers: headers, body: data, timeout: 60)
        let (answer, status) = try await http.exchange(request) { Failure(description: $0) }
        let json = try JSONSerialization.jsonObject(with: answer) as? [String: Any]
        guard status == 200 else {
            throw Failure(
                description: "WebDriver \(method) \(path): \(String(decoding: answer, as: UTF8.self).prefix(300))")
        }
        return json?["value"]
    }
}
