import DingTalkFake
import Foundation
import Synchronization
import TestSupport
import Testing

/// The fake DingTalk checked against DingTalk's official Stream SDK, dingtalk-stream (Tests/DingTalk/sdk_client.py;
/// CI installs it in .venv): the SDK fetches a token, opens a connection, receives and acknowledges a robot message,
/// answers a ping, and reconnects on `disconnect` — so the fake speaks the protocol the bot is tested against.
@Suite("The fake DingTalk against the official dingtalk-stream SDK", .serialized)
struct DingTalkPeerTests {
    /// The SDK's output lines, collected while it runs.
    final class Lines: Sendable {
        private let box = Mutex<[String]>([])
        func append(_ data: Data) {
            box.withLock { $0 += String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init) }
        }
        var objects: [[String: Any]] {
            box.withLock { $0 }.compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
        }
    }

    @Test(
        "the SDK connects to the fake, receives and ACKs a robot message, answers a ping, and reconnects on disconnect",
        .enabled(
            if: try Prerequisite.available(PythonPeer.dingtalkStream),
            "needs a Python with dingtalk-stream (.ci/run installs it into .venv)"))
    func sdkAgainstFake() async throws {
        let fake = FakeDingTalk()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PythonPeer.python)
        process.arguments = [
            CallbackCipherPeerTests.repo.appendingPathComponent("Tests/DingTalk/sdk_client.py").path,
            await fake.baseURL.absoluteString, fake.clientID, fake.clientSecret,
        ]
        // Nothing may leave loopback, whatever proxy the environment names.
        process.environment = ProcessInfo.processInfo.environment.merging([
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        ]) { $1 }
        let lines = Lines()
        process.standardError = FileHandle.nullDevice
        let output = try Child.start(process) {
            let output = Pipe()
            process.standardOutput = output
            return output
        }
        output.fileHandleForReading.readabilityHandler = { lines.append($0.availableData) }
        // The SDK's start() loop swallows cancellation: the process is ended, not the task.
        defer {
            kill(process.processIdentifier, SIGKILL)
            waitForExitBlocking(process, timeout: .seconds(10))  // a `defer` cannot await; killed, it ends at once
            output.fileHandleForReading.readabilityHandler = nil
        }
        // A loaded machine (the whole suite in parallel) may take a while to start Python and import the SDK.
        #expect(await eventually(90) { await fake.liveConnections == 1 })
        #expect(await fake.subscriptions == [["type": "CALLBACK", "topic": "/v1.0/im/bot/messages/get"]])
        #expect(await fake.tokensIssued == 1)
        #expect(
            await eventually(30) {
                lines.objects.contains {
                    $0["kind"] as? String == "token" && ($0["token"] as? String)?.hasPrefix("token-1") == true
                }
            })

        await fake.deliver(
            FakeDingTalk.textMessage(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "sdk-1"), msgID: "sdk-1")
        #expect(await eventually(30) { await fake.acknowledged == ["sdk-1"] })
        let message = try #require(lines.objects.first { $0["kind"] as? String == "message" })
        #expect(message["msgId"] as? String == "sdk-1")
        #expect(message["text"] as? String == "承诺 教学之星 上好一堂精品课")
        #expect(message["staff"] as? String == "T001")
        #expect(message["conversationType"] as? String == "1")
        #expect(message["topic"] as? String == "/v1.0/im/bot/messages/get")
        let ack = try #require(await fake.ackFrames.first)
        #expect(ack.code == 200)
        #expect(ack.contentType == "application/json")

        let ping = await fake.system("ping", data: #"{"opaque":"sdk-opaque"}"#)
        #expect(await eventually(30) { await !fake.acks(of: ping).isEmpty })
        let pong = try #require(await fake.acks(of: ping).first)
        #expect(pong.code == 200)
        #expect(pong.dataObject == ["opaque": "sdk-opaque"])

        await fake.system("disconnect", data: #"{"reason":"gateway moving"}"#)
        #expect(await eventually(30) { await fake.connectionsOpened == 2 })
        #expect(await fake.ticketsIssued == 2)
        await fake.deliver(
            FakeDingTalk.textMessage(from: "T002", text: "我的进度", msgID: "sdk-2", group: "cidSDK"), msgID: "sdk-2")
        #expect(await eventually(30) { await fake.acknowledged == ["sdk-1", "sdk-2"] })
        #expect(
            await eventually(30) {
                lines.objects.contains { $0["msgId"] as? String == "sdk-2" && $0["inAtList"] as? Bool == true }
            })
    }
}
