import BotRuntime
import CampaignCore
import CampaignReport
import FeishuFake
import Foundation
import Testing
import TestSupport

/// Charts, the report and exported CSV files in 飞书: uploaded with `im/v1/images` / `im/v1/files` and sent as image
/// and file messages after the text, in reply to the command, made by the real renderer; against the fake Feishu open
/// API, which is itself checked against lark-oapi, Feishu's own Python SDK, sending the same kinds of message.
@Suite("Pictures and files in 飞书", .serialized)
struct FeishuMediaTests {
    static let tools = TelegramMediaTests.tools

    /// What the admin was sent about `event`: replies to it, and new messages to them (a report comes later, on its
    /// own).
    static func replies(_ rig: FeishuRig, to event: String) async -> [FakeFeishu.Sent] {
        await rig.fake.sent.filter { $0.replyTo == "om_\(event)" || $0.receiveID == FeishuRig.a001 }
    }

    @Test(.enabled(if: try Prerequisite.available(tools), "needs rsvg-convert, weasyprint, pdftotext and python3"))
    func statsAndTheReportComeAsAPictureAndAPDFAfterTheirText() async throws {
        try await FeishuRig.with { rig in
            let bot = try await rig.boot(renderer: ReportMediaRenderer())
            #expect(try await FeishuRig.post(bot.events, rig.callback(FeishuRig.a001, "统计", eventID: "m1")).0 == 200)
            #expect(await eventually(90) { await Self.replies(rig, to: "m1").contains { $0.msgType == "image" } })
            let stats = await Self.replies(rig, to: "m1")
            #expect(stats.first?.msgType == "text" && stats.first?.text.contains("统计·按支部") == true, "the table first")
            let uploads = await rig.fake.uploads
            let chart = try #require(stats.first { $0.msgType == "image" }?.key.flatMap { uploads[$0] })
            #expect(chart.type == "message")
            let png = try PNGImage(chart.content)
            #expect(png.width >= 800 && png.height >= 300, "\(png.width)×\(png.height)")
            let file = TelegramMediaTests.artifacts.appendingPathComponent("feishu-stats.png")
            try chart.content.write(to: file)
            let ink = try await PNGImage.ink(ofFile: file.path)
            #expect(ink.fraction > 0.02 && ink.colours >= 3, "not blank: \(ink)")
            let uuids = stats.compactMap(\.uuid)
            #expect(Set(uuids).count == stats.count, "each step its own uuid: \(uuids)")

            #expect(
                try await FeishuRig.post(bot.events, rig.callback(FeishuRig.a001, "报告 第2阶段", eventID: "m2")).0 == 200)
            #expect(await eventually(180) { await Self.replies(rig, to: "m2").contains { $0.msgType == "file" } })
            let reportUploads = await rig.fake.uploads
            let report = try #require(
                await Self.replies(rig, to: "m2").first { $0.msgType == "file" }?.key.flatMap { reportUploads[$0] })
            #expect(report.type == "pdf" && report.fileName == "创先争优简报-第2阶段-2010-10-11.pdf", "\(report.fileName)")
            let pdf = TelegramMediaTests.artifacts.appendingPathComponent("feishu-report.pdf")
            try report.content.write(to: pdf)
            let text = try await ExternalTools.pdftotext(pdf)
            for heading in ["创先争优活动简报", "一、活动阶段", "第2阶段"] { #expect(text.contains(heading), "\(heading)") }

            let before = await rig.fake.sent.count
            #expect(try await FeishuRig.post(bot.events, rig.callback(FeishuRig.a001, "导出", eventID: "m3")).0 == 200)
            #expect(
                await eventually(90) { await rig.fake.sent.dropFirst(before).contains { $0.msgType == "file" } })
            let exportUploads = await rig.fake.uploads
            let csv = try #require(
                await rig.fake.sent.dropFirst(before).first { $0.msgType == "file" }?.key.flatMap { exportUploads[$0] })
            #expect(csv.type == "stream" && csv.fileName.hasSuffix(".csv"))
            #expect(
                csv.content.starts(with: Data([0xEF, 0xBB, 0xBF]))
                    && String(decoding: csv.content, as: UTF8.self).contains("工号"))
            try await bot.stop()
        }
    }

    @Test(
        "lark-oapi's own uploads and image/file messages are read by the fake as the bot's are",
        .enabled(
            if: try Prerequisite.available(PythonPeer.larkOapi),
            "needs a Python with lark-oapi (.ci/run installs it into .venv)")
    )
    func theFakeReadsLarkOapisUploads() async throws {
        try await FeishuRig.with { rig in
            let png = try WeComMediaTests.tinyPNG()
            let pdf = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-feishu-peer.pdf")
            try Data("%PDF-1.7\n%%EOF\n".utf8).write(to: pdf)
            let results = try await PythonPeer.run(
                script: "Tests/Feishu/media_peer.py",
                request: [
                    "base": await rig.fake.baseURL.absoluteString, "app_id": rig.fake.appID,
                    "app_secret": rig.fake.appSecret, "open_id": FeishuRig.t001,
                    "files": [
                        ["kind": "image", "path": png.path],
                        ["kind": "file", "path": pdf.path, "file_type": "pdf"],
                    ],
                ])
            #expect(
                results.count == 2
                    && results.allSatisfy { ($0["code"] as? Int) == 0 && ($0["send_code"] as? Int) == 0 }, "\(results)")
            let uploads = await rig.fake.uploads
            let sent = await rig.fake.sent(to: FeishuRig.t001)
            #expect(sent.map(\.msgType) == ["image", "file"])
            let image = try #require(sent.first?.key.flatMap { uploads[$0] })
            let pngBytes = try Data(contentsOf: png)
            #expect(image.type == "message" && image.content == pngBytes)
            let file = try #require(sent.last?.key.flatMap { uploads[$0] })
            let pdfBytes = try Data(contentsOf: pdf)
            #expect(file.type == "pdf" && file.fileName == "cxzy-feishu-peer.pdf" && file.content == pdfBytes)
        }
    }
}
