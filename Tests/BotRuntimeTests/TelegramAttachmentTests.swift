import BotRuntime
import CampaignCore
import Foundation
import TelegramFake
import Testing
import TestSupport

/// Photos and documents teachers send over Telegram (fake Bot API): checked by content and size, kept once by
/// content beside the store, and never shown to someone who may not see the record.
@Suite(.serialized)
struct TelegramAttachmentTests {
    /// A small "photo": a JPEG's magic bytes and some content.
    static func photo(_ seed: UInt8) -> Data {
        Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data((0..<4000).map { UInt8(truncatingIfNeeded: Int($0) * 7 + Int(seed)) })
    }

    static func files(in store: String) -> [String] {
        let root = URL(fileURLWithPath: store).appendingPathComponent("files/sha256")
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0.split(separator: "/").last?.count == 64 }
    }

    /// Sends and returns the first answer that follows (waiting for it, however busy the machine is).
    func ask(_ rig: TelegramRig, _ chat: Int64, _ send: () async -> Void) async -> String {
        let before = await rig.fake.sent(to: chat).count
        await send()
        _ = await eventually(90) { await rig.fake.sent(to: chat).count > before }
        let sent = await rig.fake.sent(to: chat)
        return sent.count > before ? sent[before].text : ""
    }

    @Test func photosAreCheckedKeptOnceAndShownOnlyToThoseAllowed() async throws {
        try await TelegramRig.with { rig in
            var (running, task) = try await rig.boot(try await rig.configuration())
            var reply = await ask(rig, 1001) { await rig.fake.message(from: 1001, text: "提交 论文 《班级管理心得》") }
            #expect(reply.contains("W-0001"))
            reply = await ask(rig, 1001) { await rig.fake.message(from: 1001, text: "家访 10月9日 王同学 上门") }
            #expect(reply.contains("V-0001"))

            // A good photo, its caption naming the record; the same bytes again are not kept twice.
            reply = await ask(rig, 1001) { await rig.fake.file(from: 1001, data: Self.photo(1), caption: "附件 W-0001") }
            #expect(reply.contains("已附到 W-0001"), "\(reply)")
            reply = await ask(rig, 1001) { await rig.fake.file(from: 1001, data: Self.photo(1), caption: "附件 W-0001") }
            #expect(reply.contains("已经附在 W-0001"), "\(reply)")
            // A photo without a record: the bot asks, and the follow-up places it.
            reply = await ask(rig, 1001) { await rig.fake.file(from: 1001, data: Self.photo(2)) }
            #expect(reply.contains("属于哪条记录"), "\(reply)")
            reply = await ask(rig, 1001) { await rig.fake.message(from: 1001, text: "附件 V-0001") }
            #expect(reply.contains("已附到 V-0001") && reply.contains("只有您本人和管理员"), "\(reply)")
            #expect(Self.files(in: rig.store).count == 2, "two contents, two files: \(Self.files(in: rig.store))")

            // Refused: too large (announced before any download), not a photo or document by its bytes.
            reply = await ask(rig, 1001) {
                await rig.fake.file(from: 1001, data: Self.photo(3), caption: "附件 W-0001", announcedSize: 25 << 20)
            }
            #expect(reply.contains("文件太大") && reply.contains("10 MB"), "\(reply)")
            let big = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data(count: 11 << 20)
            reply = await ask(rig, 1001) {
                await rig.fake.file(from: 1001, data: big, fileName: "大照片.jpg", caption: "附件 W-0001")
            }
            #expect(reply.contains("文件太大") && reply.contains("照片不能超过 10 MB"), "\(reply)")
            reply = await ask(rig, 1001) {
                await rig.fake.file(
                    from: 1001, data: Data("#!/bin/sh\nrm -rf /\n".utf8), fileName: "notes.jpg", caption: "附件 W-0001")
            }
            #expect(reply.contains("不能附加“notes.jpg”") && reply.contains("PDF"), "\(reply)")
            #expect(Self.files(in: rig.store).count == 2, "nothing refused is kept")

            // Another teacher may not see the home visit's photo, nor attach to someone else's work.
            reply = await ask(rig, 1002) { await rig.fake.message(from: 1002, text: "附件 V-0001 1") }
            #expect(reply.contains("家访记录涉及学生个人信息"), "\(reply)")
            reply = await ask(rig, 1002) { await rig.fake.file(from: 1002, data: Self.photo(4), caption: "附件 W-0001") }
            #expect(reply.contains("只能给自己的记录添加附件"), "\(reply)")
            #expect(await !rig.fake.sent(to: 1002).contains { $0.isPhoto || $0.isDocument })

            // The admin may see it; it comes back as the same photo.
            _ = await ask(rig, 9001) { await rig.fake.message(from: 9001, text: "附件 V-0001 1") }
            #expect(await eventually(60) { await rig.fake.sent(to: 9001).contains { $0.isPhoto } })
            #expect(await rig.fake.sent(to: 9001).first { $0.isPhoto }?.file == Self.photo(2))

            // After a restart the attachment is still there, and still served.
            try await rig.stop(running, task)
            (running, task) = try await rig.boot(try await rig.configuration())
            reply = await ask(rig, 1001) { await rig.fake.message(from: 1001, text: "附件 W-0001") }
            #expect(reply.contains("1. 照片-"), "\(reply)")
            await rig.fake.message(from: 1001, text: "附件 W-0001 1")
            #expect(
                await eventually { await rig.fake.sent(to: 1001).contains { $0.isPhoto && $0.file == Self.photo(1) } })
            try await rig.stop(running, task)
        }
    }
}
