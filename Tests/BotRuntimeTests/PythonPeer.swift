import Foundation
import TestSupport
import Testing

/// A vendor's Python SDK as a peer of the tests: the repository's .venv (CI installs the SDKs there with `.ci/run`).
enum PythonPeer {
    static let python = CallbackCipherPeerTests.python

    // What each vendor's peers import, checked as `.ci/run` checks it (every import statement of the scripts, run by
    // Tests/PythonPeers/check_imports.py); the pip requirement is the one `.ci/run` installs.

    /// wechatpy, for Tests/WeCom/peer.py (`wechatpy.enterprise.crypto`) and media_peer.py (`wechatpy.enterprise`).
    static let wechatpy = Prerequisite.pythonPeer(
        python, scripts: ["Tests/WeCom/peer.py", "Tests/WeCom/media_peer.py"], sdk: "wechatpy>=1.8,<1.9")
    /// lark-oapi, for Tests/Feishu/peer.py and media_peer.py.
    static let larkOapi = Prerequisite.pythonPeer(
        python, scripts: ["Tests/Feishu/peer.py", "Tests/Feishu/media_peer.py"], sdk: "lark-oapi>=1.7,<2")
    /// dingtalk-stream, for Tests/DingTalk/sdk_client.py.
    static let dingtalkStream = Prerequisite.pythonPeer(
        python, scripts: ["Tests/DingTalk/sdk_client.py"], sdk: "dingtalk-stream>=0.24,<0.25")

    /// A peer that has not answered in this long is killed (its test then fails on the exit status).
    static let timeout: Duration = .seconds(300)

    /// Runs `script` (relative to the repository) on one JSON request; its `results`. The process is waited for on a
    /// thread of its own, never on the cooperative pool: a peer that talks to one of the fakes needs that pool to be
    /// answered (two peers blocking both threads of a 2-core machine stalled every fake for 30 s).
    static func run(script: String, request: [String: Any]) async throws -> [[String: Any]] {
        // Nothing may leave loopback, whatever proxy the environment names.
        let environment = ProcessInfo.processInfo.environment.merging([
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        ]) { $1 }
        let run = try await Child.run(
            URL(fileURLWithPath: python), [CallbackCipherPeerTests.repo.appendingPathComponent(script).path],
            stdin: try JSONSerialization.data(withJSONObject: request), environment: environment, timeout: timeout)
        try #require(run.status == 0, "\(script) failed: \(String(decoding: run.stderr, as: UTF8.self).suffix(1500))")
        return try #require(
            (try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])?["results"] as? [[String: Any]])
    }
}
