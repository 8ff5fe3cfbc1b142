import BotRuntime
import CampaignCore
import CampaignReport
import Foundation
import Testing
import TestSupport
import WeComFake

/// Charts, the report and exported CSV files in 企业微信: uploaded with `media/upload` and sent as picture and file
/// messages after the text, made by the real renderer (rsvg-convert, WeasyPrint), against the fake WeCom API; and the
/// fake checked against wechatpy, WeCom's own Python SDK, sending the same kinds of message.
@Suite("Pictures and files in 企业微信", .serialized)
struct WeComMediaTests {
    static let tools = TelegramMediaTests.tools

    static func say(_ rig: WeComRig, _ bot: WeComRig.Booted, _ text: String, from user: String, id: String)
        async throws
    {
        let (status, _) = try await WeComRig.post(
            bot.callbackURL, rig.callback(WeComRig.textXML(from: user, text: text, msgID: id)))
        #expect(status == 200)
    }

    @Test(.enabled(if: try Prerequisite.available(tools), "needs rsvg-convert, weasyprint, pdftotext and python3"))
    func statsComesAsTheTableThenThePictureOfTheChart() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot(renderer: ReportMediaRenderer())
            try await Self.say(rig, bot, "统计", from: "zhoujg", id: "7100000000000000001")
            #expect(await eventually(90) { await rig.fake.sent(to: "zhoujg").contains { $0.msgType == "image" } })
            let sent = await rig.fake.sent(to: "zhoujg")
            #expect(sent.first?.msgType == "text" && sent.first?.content.contains("统计·按支部") == true, "the table first")
            let image = try #require(sent.first { $0.msgType == "image" })
            #expect(image.agentID == WeComRig.agentID)
            let uploads = await rig.fake.uploads
            let upload = try #require(image.mediaID.flatMap { uploads[$0] })
            #expect(
                upload.type == "image" && upload.fileName.hasSuffix(".png") && upload.fileLength == upload.content.count
            )
            let png = try PNGImage(upload.content)
            #expect(png.width >= 800 && png.height >= 300, "\(png.width)×\(png.height)")
            let file = TelegramMediaTests.artifacts.appendingPathComponent("wecom-stats.png")
            try upload.content.write(to: file)
            let ink = try await PNGImage.ink(ofFile: file.path)
            #expect(ink.fraction > 0.02 && ink.colours >= 3, "not blank: \(ink)")
            // A teacher asks: no chart, no upload.
            let uploadCount = uploads.count
            try await Self.say(rig, bot, "统计", from: "T001", id: "7100000000000000002")
            #expect(await eventually { await rig.fake.sent(to: "T001").contains { $0.content.contains("只对") } })
            #expect(await rig.fake.uploads.count == uploadCount)
            try await bot.stop()
        }
    }

    @Test(.enabled(if: try Prerequisite.available(tools), "needs rsvg-convert, weasyprint, pdftotext and python3"))
    func theReportComesAsAPDFFileAndTheExportAsCSVFiles() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot(renderer: ReportMediaRenderer())
            try await Self.say(rig, bot, "报告 第2阶段", from: "zhoujg", id: "7200000000000000001")
            #expect(await eventually(180) { await rig.fake.sent(to: "zhoujg").contains { $0.msgType == "file" } })
            let file = try #require(await rig.fake.sent(to: "zhoujg").first { $0.msgType == "file" })
            let reportUploads = await rig.fake.uploads
            let upload = try #require(file.mediaID.flatMap { reportUploads[$0] })
            #expect(upload.type == "file" && upload.fileName == "创先争优简报-第2阶段-2010-10-11.pdf")
            #expect(upload.content.starts(with: Data("%PDF-".utf8)))
            let path = TelegramMediaTests.artifacts.appendingPathComponent("wecom-report.pdf")
            try upload.content.write(to: path)
            let text = try await ExternalTools.pdftotext(path)
            for heading in ["创先争优活动简报", "一、活动阶段", "第2阶段"] { #expect(text.contains(heading), "\(heading)") }

            try await Self.say(rig, bot, "导出", from: "zhoujg", id: "7200000000000000002")
            #expect(
                await eventually(90) {
                    await rig.fake.sent(to: "zhoujg").filter { $0.msgType == "file" }.count >= 2
                })
            let csvs = await rig.fake.sent(to: "zhoujg").filter { $0.msgType == "file" }.dropFirst()
            let uploads = await rig.fake.uploads
            let csv = try #require(csvs.first.flatMap { $0.mediaID.flatMap { uploads[$0] } })
            #expect(csv.fileName.hasSuffix(".csv") && csv.content.starts(with: Data([0xEF, 0xBB, 0xBF])), "UTF-8 BOM")
            #expect(String(decoding: csv.content, as: UTF8.self).contains("工号"))
            try await bot.stop()
        }
    }

    @Test(
        "the group robot: a picture as base64 with its MD5, a file through upload_media, one too large as a line of text"
    )
    func theGroupRobotsPicturesAndFiles() async throws {
        try await WeComRig.with { rig in
            let api = WeComAPI(base: await rig.fake.baseURL, corpID: rig.fake.corpID, secret: rig.fake.secret)
            let delivery = WeComDelivery(api: api, agentID: WeComRig.agentID, robotKey: rig.fake.robotKey)
            func message(_ id: Int, _ text: String) -> OutboxMessage {
                OutboxMessage(
                    id: id, to: ChatAddress(transport: "wecom", chat: WeComTransport.robotChat), text: text,
                    kind: .broadcast, createdAt: Date(timeIntervalSince1970: 1_286_800_000))
            }
            let png = try Data(contentsOf: Self.tinyPNG())
            try await delivery.deliver(
                message(1, "统计图"),
                media: RenderedMedia(fileName: "统计.png", mimeType: "image/png", data: png, isPicture: true))
            let pdf = Data("%PDF-1.7\n".utf8) + Data(repeating: 0x20, count: 3 << 20)
            try await delivery.deliver(
                message(2, "简报"),
                media: RenderedMedia(fileName: "简报.pdf", mimeType: "application/pdf", data: pdf, isPicture: false))
            let huge = Data(repeating: 0x20, count: 21 << 20)
            try await delivery.deliver(
                message(3, "太大"),
                media: RenderedMedia(fileName: "大.pdf", mimeType: "application/pdf", data: huge, isPicture: false))

            let sent = await rig.fake.robotSent
            #expect(sent.map(\.msgType) == ["text", "image", "text", "file", "text", "text"], "\(sent.map(\.msgType))")
            let uploads = await rig.fake.uploads
            let picture = try #require(sent[1].mediaID.flatMap { uploads[$0] })
            #expect(picture.content == png, "the picture's bytes, MD5 checked by the fake")
            let document = try #require(sent[3].mediaID.flatMap { uploads[$0] })
            #expect(document.content == pdf && document.fileName == "简报.pdf")
            #expect(sent[5].content.contains("超过企业微信 20 MB 的上限"), "\(sent[5].content)")
        }
    }

    @Test(
        "wechatpy's own upload and picture/file messages are read by the fake as the bot's are",
        .enabled(
            if: try Prerequisite.available(PythonPeer.wechatpy),
            "needs a Python with wechatpy (.ci/run installs it into .venv)")
    )
    func theFakeReadsWechatpysUploads() async throws {
        try await WeComRig.with { rig in
            let png = try Self.tinyPNG()
            let pdf = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-wecom-peer.pdf")
            try Data("%PDF-1.7\n%%EOF\n".utf8).write(to: pdf)
            let results = try await PythonPeer.run(
                script: "Tests/WeCom/media_peer.py",
                request: [
                    "base": await rig.fake.baseURL.absoluteString, "corp_id": rig.fake.corpID,
                    "secret": rig.fake.secret, "agent_id": WeComRig.agentID, "user": "T001",
                    "files": [
                        ["type": "image", "name": "统计图.png", "path": png.path],
                        ["type": "file", "name": "report.pdf", "path": pdf.path],
                    ],
                ])
            #expect(results.count == 2)
            let uploads = await rig.fake.uploads
            let sent = await rig.fake.sent(to: "T001")
            #expect(sent.map(\.msgType) == ["image", "file"])
            let image = try #require(sent.first?.mediaID.flatMap { uploads[$0] })
            let pngBytes = try Data(contentsOf: png)
            #expect(image.type == "image" && image.content == pngBytes)
            #expect(image.fileName == "统计图.png", "the SDK's non-ASCII file name: \(image.fileName)")
            let file = try #require(sent.last?.mediaID.flatMap { uploads[$0] })
            let pdfBytes = try Data(contentsOf: pdf)
            #expect(file.type == "file" && file.fileName == "report.pdf" && file.content == pdfBytes)
            #expect(sent.allSatisfy { $0.agentID == WeComRig.agentID })
        }
    }

    /// A small real PNG (one the report renderer's test data does not depend on).
    static func tinyPNG() throws -> URL {
        // A file of its own per call: suites running side by side must not rewrite each other's.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-tiny-\(UUID().uuidString).png")
        // 1×1 red pixel.
        let bytes: [UInt8] = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
            0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00, 0x00, 0x00,
            0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18,
            0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        ]
        try Data(bytes).write(to: url)
        return url
    }
}
