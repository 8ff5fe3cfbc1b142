import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport

/// The back office in a real headless Chromium: signing in by the link from chat, every page rendered with its
/// Chinese heading and visible content (screenshots checked), the link refused the second time.
@Suite(
    "The web back office in a real browser", .serialized,
    .enabled(if: Prerequisite.allows(WebDriver.prerequisites[0], WebDriver.prerequisites[1], Prerequisite.python3))
)
struct WebBrowserTests {
    /// Where screenshots are kept for a person to look at (`CXZY_WEB_SCREENSHOTS`), else a temporary folder.
    static func screenshotFolder() throws -> URL {
        let path =
            ProcessInfo.processInfo.environment["CXZY_WEB_SCREENSHOTS"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-web-\(UUID().uuidString)").path
        let url = URL(fileURLWithPath: path, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("an admin signs in by the link; overview, 未完成 and the report render with their headings and charts")
    func pagesRender() async throws {
        guard try Prerequisite.available(WebDriver.prerequisites) else { return }
        try await WebRig.with { rig in
            // Some activity, so the charts have something to draw.
            try await rig.harness.say("承诺 教学之星 上好一堂精品课，写一篇教学案例", as: "T001")
            try await rig.harness.say("承诺 德育之星 每月家访两次，开好主题班会", as: "S001")
            try await rig.harness.say("家访 10月9日 某同学 上门", as: "T001")
            try await rig.harness.say("提交 论文 班主任工作的几点体会", as: "S001")
            try await rig.harness.say("预约示范课 10月20日 第3节 高二(3)班 函数的单调性", as: "T001")
            try await rig.harness.say("预约示范课 10月13日 第2节 高一(5)班 《荷塘月色》", as: "S001")
            let folder = try Self.screenshotFolder()
            let driver = try await WebDriver.start()
            do {
                let token = try await rig.link(for: "A001")
                let link = "http://127.0.0.1:\(rig.port)/login?token=\(token)"
                try await driver.open(link)
                #expect(try await driver.waitForText("h1", toBe: "登录管理后台") == "登录管理后台")
                try await driver.click("button[type=submit]")
                #expect(try await driver.waitForText("h1", toBe: "全校活动总览") == "全校活动总览")
                #expect(try await driver.currentURL().hasSuffix("/overview"))
                let overview = try await driver.source()
                #expect(overview.contains("每周新增记录") && overview.contains("各支部承诺申报与完成情况"))
                let pages: [(path: String, heading: String, file: String)] = [
                    ("/overview", "全校活动总览", "overview"),
                    ("/missing", "全校未完成名单", "missing"),
                    ("/missing?what=lesson", "全校未完成名单", "missing-lesson"),
                    ("/lessons?month=2010-10", "全校示范课日历", "lessons"),
                    ("/outcomes", "全校评议与表彰", "outcomes"),
                    ("/roster", "名单管理", "roster"),
                ]
                for page in pages {
                    try await driver.open("http://127.0.0.1:\(rig.port)\(page.path)")
                    #expect(try await driver.waitForText("h1", toBe: page.heading) == page.heading, "\(page.path)")
                    let png = try await driver.fullScreenshot()
                    let file = folder.appendingPathComponent("\(page.file).png")
                    try png.write(to: file)
                    let ink = try await PNGImage.ink(ofFile: file.path)
                    #expect(ink.fraction > 0.02 && ink.colours > 8, "\(page.path) looks blank: \(ink)")
                }
                try await driver.open("http://127.0.0.1:\(rig.port)/report")
                _ = try await driver.waitForText("h1")
                #expect(try await driver.title().contains("创先争优"))
                #expect(try await driver.source().contains("<svg"))
                let report = folder.appendingPathComponent("report.png")
                try await driver.fullScreenshot().write(to: report)
                #expect(try await PNGImage.ink(ofFile: report.path).fraction > 0.02)
                // On a phone.
                try await driver.setWindow(width: 390, height: 844)
                try await driver.open("http://127.0.0.1:\(rig.port)/overview")
                let phone = folder.appendingPathComponent("overview-phone.png")
                try await driver.fullScreenshot(width: 390).write(to: phone)
                // The same link a second time: refused.
                try await driver.open(link)
                try await driver.click("button[type=submit]")
                #expect(try await driver.waitForText("h1", toBe: "请从聊天中登录") == "请从聊天中登录")
                #expect(try await driver.source().contains("已失效"))
            } catch {
                await driver.quit()
                throw error
            }
            await driver.quit()
            print("back office screenshots: \(folder.path)")
        }
    }
}
