@testable import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Logging
import Testing

/// Where a platform cannot carry a file, the text goes with a note naming the school's connected platforms that can
/// (the runtime knows them; the rules name none).
@Suite("Media on platforms without files")
struct MediaFallbackTests {
    func message(_ media: MediaRequest) -> OutboxMessage {
        OutboxMessage(
            id: 1, to: ChatAddress(transport: "wecom", chat: "T001"), text: "创先争优活动简报", kind: .reply,
            createdAt: Date(timeIntervalSince1970: 0), media: media)
    }

    func prepared(_ media: MediaRequest, elsewhere: [String]) async -> (OutboxMessage, RenderedMedia?) {
        let preparer = MediaPreparer(maker: nil, sendsMedia: false, elsewhere: elsewhere, logger: Logger(label: "t"))
        return await preparer.prepare(message(media))
    }

    @Test("the report's note names the connected platforms that carry files, or the server command when none does")
    func reportNote() async {
        let (named, file) = await prepared(.report(phase: nil), elsewhere: ["Telegram", "Matrix"])
        #expect(file == nil)
        #expect(
            named.text == "创先争优活动简报\n（此平台暂不能发送文件。请在Telegram、Matrix私聊中发送“报告”，或由管理员在服务器上运行 cxzy report --format pdf。）")
        let (alone, _) = await prepared(.report(phase: 2), elsewhere: [])
        #expect(alone.text.hasSuffix("（此平台暂不能发送文件。请由管理员在服务器上运行 cxzy report --format pdf。）"))
        #expect(!alone.text.contains("Telegram") && !alone.text.contains("Matrix"))
    }

    @Test("a chart's table is the answer by itself: no note")
    func chartWithoutNote() async {
        let (table, file) = await prepared(.statsChart(by: .branch, branch: nil), elsewhere: ["Telegram"])
        #expect(file == nil && table.text == "创先争优活动简报")
    }
}
