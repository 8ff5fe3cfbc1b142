import BotRuntime
import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import TelegramFake
import Testing
import TestSupport
import Logging
import CampaignStorage

/// Pictures and documents over the Bot API (fake, on loopback), made by the real renderer (rsvg-convert, WeasyPrint).
@Suite(.serialized)
struct TelegramMediaTests {
    /// The renderers the bot runs, the PDF reader and python3 (the PNG reader of the tests).
    static let tools: [Prerequisite] = [.rsvgConvert, .weasyprint, .pdftotext, .python3]

    static var artifacts: URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-media-tests")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(.enabled(if: try Prerequisite.available(tools), "needs rsvg-convert, weasyprint, pdftotext and python3"))
    func statsComesAsAPhotoOfTheChartWithTheTableAsCaption() async throws {
        try await TelegramRig.with { rig in
            let (running, task) = try await rig.boot(try await rig.configuration(), renderer: ReportMediaRenderer())
            await rig.fake.message(from: 9001, text: "统计")
            #expect(await eventually(90) { await rig.fake.sent(to: 9001).contains { $0.isPhoto } })
            let photo = try #require(await rig.fake.sent(to: 9001).first { $0.isPhoto })
            #expect(photo.caption?.contains("统计·按支部") == true, "the table is the caption")
            let png = try #require(photo.file)
            let image = try PNGImage(png)
            #expect(image.width >= 800 && image.width <= 2000 && image.height >= 300, "\(image.width)×\(image.height)")
            #expect(png.count > 10_000 && png.count < 2 << 20, "\(png.count) bytes")
            let file = Self.artifacts.appendingPathComponent("telegram-stats.png")
            try png.write(to: file)
            let ink = try await PNGImage.ink(ofFile: file.path)
            #expect(ink.fraction > 0.02 && ink.colours >= 3, "not blank: \(ink)")
            // A secretary's chart covers their branch; a teacher gets no chart at all.
            await rig.fake.message(from: 1001, text: "统计")
            #expect(await eventually { await rig.fake.sent(to: 1001).contains { $0.text.contains("只对") } })
            #expect(await !rig.fake.sent(to: 1001).contains { $0.isPhoto })
            try await rig.stop(running, task)
        }
    }

    @Test(.enabled(if: try Prerequisite.available(tools), "needs rsvg-convert, weasyprint, pdftotext and python3"))
    func reportComesAsAPDFDocumentWithTheChineseHeadings() async throws {
        try await TelegramRig.with { rig in
            let (running, task) = try await rig.boot(try await rig.configuration(), renderer: ReportMediaRenderer())
            await rig.fake.message(from: 9001, text: "报告 第2阶段")
            #expect(await eventually(180) { await rig.fake.sent(to: 9001).contains { $0.isDocument } })
            let sent = await rig.fake.sent(to: 9001)
            #expect(sent.first?.text.contains("正在生成简报") == true, "acknowledged first: \(sent.map(\.text))")
            let document = try #require(sent.first { $0.isDocument })
            let pdf = try #require(document.file)
            #expect(pdf.starts(with: Data("%PDF-".utf8)))
            #expect(document.text.contains("filename=\"创先争优简报-第2阶段-2010-10-11.pdf\""))
            let file = Self.artifacts.appendingPathComponent("telegram-report.pdf")
            try pdf.write(to: file)
            let text = try await ExternalTools.pdftotext(file)
            for heading in ["创先争优活动简报", "一、活动阶段", "二、参与与完成情况", "第2阶段"] {
                #expect(text.contains(heading), "\(heading) in the PDF")
            }
            // Admin only.
            await rig.fake.message(from: 1001, text: "报告")
            #expect(await eventually { await rig.fake.sent(to: 1001).contains { $0.text.contains("只对党总支管理员开放") } })
            try await rig.stop(running, task)
        }
    }

    @Test(.enabled(if: try Prerequisite.available(tools), "needs rsvg-convert, weasyprint, pdftotext and python3"))
    func aChartStillQueuedAtAStopIsMadeAtTheNextStart() async throws {
        try await TelegramRig.with { rig in
            // Queued (durably) by a bot that stopped before sending it: nothing was made yet.
            let bot = try await Bot.open(
                directory: URL(fileURLWithPath: rig.store), campaign: .builtIn, clock: SystemClock(),
                logger: .init(label: "x"))
            let state = await bot.store.state
            let queued = OutboxMessage(
                id: state.nextOutboxID, to: ChatAddress(transport: "telegram", chat: "9001"), text: "统计（重启前）",
                kind: .reply, createdAt: try #require(CampaignTime.parse("2010-10-11T09:00:00+08:00")),
                media: .statsChart(by: .star, branch: nil))
            try await bot.dispatcher.commit([.enqueue(queued)])
            try await bot.close()

            let (running, task) = try await rig.boot(try await rig.configuration(), renderer: ReportMediaRenderer())
            #expect(await eventually(180) { await rig.fake.sent(to: 9001).contains { $0.isPhoto } })
            let photo = try #require(await rig.fake.sent(to: 9001).first { $0.isPhoto })
            #expect(photo.caption == "统计（重启前）")
            #expect(try PNGImage(try #require(photo.file)).width >= 800)
            #expect(await eventually { await running.bot.store.state.outbox.isEmpty }, "sent, then marked")
            try await rig.stop(running, task)
        }
    }

    @Test func aRenderFailureTellsTheAdminAndTheTableStillArrives() async throws {
        try await TelegramRig.with { rig in
            let (running, task) = try await rig.boot(try await rig.configuration(), renderer: FailingRenderer())
            await rig.fake.message(from: 9001, text: "统计")
            await rig.fake.message(from: 9001, text: "报告")
            #expect(await eventually { await rig.fake.sent(to: 9001).contains { $0.text.contains("简报生成失败") } })
            let texts = await rig.fake.sent(to: 9001).map(\.text)
            #expect(texts.contains { $0.contains("统计·按支部") && $0.contains("统计图生成失败") }, "\(texts)")
            #expect(await !rig.fake.sent(to: 9001).contains { $0.isPhoto || $0.isDocument })
            try await rig.stop(running, task)
        }
    }
}

/// A renderer whose tool is always missing.
struct FailingRenderer: MediaRenderer {
    func render(
        _ request: MediaRequest, state: BotState, campaign: Campaign, today: CalendarDate,
        load: @escaping @Sendable (StoredFile) throws -> Data
    ) async throws -> RenderedMedia {
        throw RenderError.toolMissing(tool: "rsvg-convert", package: "librsvg2-bin")
    }
}
