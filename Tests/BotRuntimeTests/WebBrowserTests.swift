import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport

/// The back office in a real headless Chromium, which keeps cookies, follows redirects and enforces the
/// Content-Security-Policy: signing in by the link from chat; every page rendered with its Chinese heading and visible
/// content, on a desktop and on a phone (screenshots checked); the link refused the second time and after 10 minutes;
/// a secretary's other branch refused; a form whose CSRF token is not the session's refused.
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

    /// A browser on `rig`'s listener for `body`; it is closed afterwards, also when `body` throws.
    static func browse(_ rig: WebRig, _ body: (Browser) async throws -> Void) async throws {
        let browser = Browser(driver: try await WebDriver.start(), rig: rig, folder: try screenshotFolder())
        do {
            try await body(browser)
        } catch {
            await browser.driver.quit()
            throw error
        }
        await browser.driver.quit()
        print("back office screenshots: \(browser.folder.path)")
    }

    struct Browser {
        let driver: WebDriver
        let rig: WebRig
        let folder: URL

        func url(_ path: String) -> String { "http://127.0.0.1:\(rig.port)\(path)" }

        /// Opens `path` and waits for its heading to be `heading`.
        func open(_ path: String, heading: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            try await driver.open(url(path))
            let seen = try await driver.waitForText("h1", toBe: heading)
            #expect(seen == heading, "\(path)", sourceLocation: sourceLocation)
        }

        /// Signs `staffID` in as a person does: the link from chat, then the button. Returns the link.
        @discardableResult
        func signIn(_ staffID: String, landing: String, sourceLocation: SourceLocation = #_sourceLocation)
            async throws -> String
        {
            let link = url("/login?token=" + (try await rig.link(for: staffID)))
            try await driver.open(link)
            #expect(try await driver.waitForText("h1", toBe: "登录管理后台") == "登录管理后台", sourceLocation: sourceLocation)
            try await driver.click("button[type=submit]")
            #expect(try await driver.waitForText("h1", toBe: landing) == landing, sourceLocation: sourceLocation)
            return link
        }

        /// The whole page as `file`.png at `width` CSS pixels, checked for visible content: not blank, more than a few
        /// colours (text, the red bar, charts).
        func shoot(_ file: String, width: Int = 1280, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let png = try await driver.fullScreenshot(width: width)
            let path = folder.appendingPathComponent("\(file).png")
            try png.write(to: path)
            #expect(try PNGImage(png).width >= width - 20, "\(file)", sourceLocation: sourceLocation)
            let ink = try await PNGImage.ink(ofFile: path.path)
            #expect(
                ink.fraction > 0.02 && ink.colours > 8, "\(file) looks blank: \(ink)", sourceLocation: sourceLocation)
        }
    }

    /// Some activity, so the charts, the calendar and the tables have something to show.
    static func activity(_ rig: WebRig) async throws {
        try await rig.harness.say("承诺 教学之星 上好一堂精品课，写一篇教学案例", as: "T001")
        try await rig.harness.say("承诺 德育之星 每月家访两次，开好主题班会", as: "S001")
        try await rig.harness.say("承诺 教学之星 讲好一堂示范课", as: "S002")
        try await rig.harness.say("家访 10月9日 某同学 上门", as: "T001")
        try await rig.harness.say("提交 论文 班主任工作的几点体会", as: "S001")
        try await rig.harness.say("预约示范课 10月20日 第3节 高二(3)班 函数的单调性", as: "T001")
        try await rig.harness.say("预约示范课 10月13日 第2节 高一(5)班 《荷塘月色》", as: "S001")
        try await rig.harness.say("预约示范课 10月14日 第4节 高一(2)班 一元二次方程", as: "S002")
    }

    static let chinese = "%E8%AF%AD%E6%96%87%E6%94%AF%E9%83%A8"  // 语文支部
    static let maths = "%E6%95%B0%E5%AD%A6%E6%94%AF%E9%83%A8"  // 数学支部

    @Test("an admin signs in by the link; every page renders with its heading, on a desktop and on a phone")
    func pagesRender() async throws {
        guard try Prerequisite.available(WebDriver.prerequisites) else { return }
        try await WebRig.with { rig in
            try await Self.activity(rig)
            try await Self.browse(rig) { browser in
                let driver = browser.driver
                try await browser.driver.open(browser.url("/"))
                #expect(try await driver.waitForText("h1", toBe: "请从聊天中登录") == "请从聊天中登录")
                try await browser.shoot("signin")
                try await browser.signIn("A001", landing: "全校活动总览")
                #expect(try await driver.currentURL().hasSuffix("/overview"))
                let overview = try await driver.source()
                #expect(overview.contains("每周新增记录") && overview.contains("各支部承诺申报与完成情况"))
                #expect(overview.contains("<svg"))
                let pages: [(path: String, heading: String, file: String)] = [
                    ("/overview", "全校活动总览", "overview"),
                    ("/overview?branch=\(Self.maths)", "数学支部活动总览", "overview-branch"),
                    ("/missing", "全校未完成名单", "missing"),
                    ("/missing?what=lesson", "全校未完成名单", "missing-lesson"),
                    ("/lessons?month=2010-10", "全校示范课日历", "lessons"),
                    ("/outcomes", "全校评议与表彰", "outcomes"),
                    ("/report", "创先争优活动简报", "report"),
                    ("/report?phase=2", "创先争优活动简报", "report-phase2"),
                    ("/roster", "名单管理", "roster"),
                ]
                for width in [1280, 390] {
                    try await driver.setWindow(width: width, height: width == 390 ? 844 : 1700)
                    for page in pages {
                        try await browser.open(page.path, heading: page.heading)
                        try await browser.shoot(page.file + (width == 390 ? "-phone" : ""), width: width)
                    }
                }
                try await driver.setWindow(width: 1280, height: 1700)
                try await browser.open("/lessons?month=2010-10", heading: "全校示范课日历")
                let calendar = try await driver.source()
                #expect(calendar.contains("函数的单调性") && calendar.contains("荷塘月色") && calendar.contains("10月20日"))
                try await browser.open("/report", heading: "创先争优活动简报")
                #expect(try await driver.title().contains("创先争优"))
                #expect(try await driver.source().contains("<svg"))
                #expect(try await driver.has("a[href$='/export/records.csv']"))

                // 名单管理 in the browser: upload a CSV with one new person, preview, import, print the code.
                let csv = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID()).csv")
                try Data((DemoRoster.csv + "T009,钱多多,一线,数学支部,是,教师\n").utf8).write(to: csv)
                defer { try? FileManager.default.removeItem(at: csv) }
                try await browser.open("/roster", heading: "名单管理")
                try await driver.type("input[type=file]", csv.path)
                try await driver.click("form[action$='/roster/preview'] button")
                #expect(try await driver.waitForText("h1", toBe: "名单预览") == "名单预览")
                #expect(try await driver.source().contains("钱多多"))
                try await browser.shoot("roster-preview")
                try await driver.click("form[action$='/roster/apply'] button")
                #expect(try await driver.waitForText("h1", toBe: "名单已导入") == "名单已导入")
                #expect(try await driver.has(".slip .code"))
                try await browser.shoot("roster-codes")
                try await browser.shoot("roster-codes-phone", width: 390)
                // Renewing everyone's codes voids the printed ones: not before the box saying so is ticked.
                try await browser.open("/roster", heading: "名单管理")
                try await driver.click("form[action$='/roster/codes'] button")
                #expect(try await driver.waitForText("h1") == "名单管理")
                try await driver.click("form[action$='/roster/codes'] input[type=checkbox]")
                try await driver.click("form[action$='/roster/codes'] button")
                #expect(try await driver.waitForText("h1", toBe: "新的绑定码") == "新的绑定码")
            }
        }
    }

    @Test("the link signs in once: the second time, and after 10 minutes, it is refused in the browser")
    func linkOnceAndFresh() async throws {
        guard try Prerequisite.available(WebDriver.prerequisites) else { return }
        try await WebRig.with { rig in
            try await Self.browse(rig) { browser in
                let driver = browser.driver
                let link = try await browser.signIn("S001", landing: "语文支部活动总览")
                try await driver.deleteCookies()
                try await driver.open(link)
                try await driver.click("button[type=submit]")
                #expect(try await driver.waitForText("h1", toBe: "请从聊天中登录") == "请从聊天中登录")
                #expect(try await driver.source().contains("已失效"))
                try await browser.shoot("link-used")
                try await browser.open("/overview", heading: "请从聊天中登录")

                // A link opened 10 minutes and a second after it was sent: refused; one opened after 9 minutes: in.
                let late = browser.url("/login?token=" + (try await rig.link(for: "S001")))
                rig.harness.clock.advance(to: rig.harness.clock.now() + WebLogins.linkLifetime + 1)
                try await driver.open(late)
                try await driver.click("button[type=submit]")
                #expect(try await driver.waitForText("h1", toBe: "请从聊天中登录") == "请从聊天中登录")
                #expect(try await driver.source().contains("已超过10分钟"))
                try await browser.open("/overview", heading: "请从聊天中登录")
                let fresh = browser.url("/login?token=" + (try await rig.link(for: "S001")))
                rig.harness.clock.advance(to: rig.harness.clock.now() + 9 * 60)
                try await driver.open(fresh)
                try await driver.click("button[type=submit]")
                #expect(try await driver.waitForText("h1", toBe: "语文支部活动总览") == "语文支部活动总览")
            }
        }
    }

    @Test("a secretary who puts another branch in the URL gets 403 on every page and download")
    func secretaryScope() async throws {
        guard try Prerequisite.available(WebDriver.prerequisites) else { return }
        try await WebRig.with { rig in
            try await Self.activity(rig)
            try await Self.browse(rig) { browser in
                let driver = browser.driver
                try await browser.signIn("S002", landing: "数学支部活动总览")
                #expect(!(try await driver.has("nav a[href$='/roster']")))
                try await browser.shoot("secretary-overview")
                try await browser.open("/report", heading: "创先争优活动简报")
                #expect(try await driver.has("a[href$='/export/records.csv']"))
                #expect(!(try await driver.has("a[href*='/export/progress.csv']")))
                for path in [
                    "/overview?branch=\(Self.chinese)", "/missing?branch=\(Self.chinese)",
                    "/lessons?branch=\(Self.chinese)", "/outcomes?branch=\(Self.chinese)",
                    "/report?branch=\(Self.chinese)", "/export/records.csv?branch=\(Self.chinese)", "/roster",
                ] {
                    try await browser.open(path, heading: "无权查看")
                    #expect(try await driver.source().contains("错误代码 403"), "\(path)")
                }
                try await browser.shoot("forbidden")
                try await browser.shoot("forbidden-phone", width: 390)
                // Their own branch, named in the URL, is theirs.
                try await browser.open("/missing?branch=\(Self.maths)", heading: "数学支部未完成名单")
            }
        }
    }

    @Test("a form whose CSRF token is not the session's is refused; a form from another site has no session at all")
    func staleForms() async throws {
        guard try Prerequisite.available(WebDriver.prerequisites) else { return }
        try await WebRig.with { rig in
            try await Self.browse(rig) { browser in
                let driver = browser.driver
                try await browser.signIn("A001", landing: "全校活动总览")
                try await browser.open("/roster", heading: "名单管理")
                let first = try await driver.tab()
                // Meanwhile, in another tab, the admin opens a new link from chat: a new session, with its own token.
                let second = try await driver.newTab()
                try await driver.switchTo(tab: second)
                try await browser.signIn("A001", landing: "全校活动总览")
                // The first tab's forms still carry the first session's token: refused, and nothing is done.
                try await driver.switchTo(tab: first)
                try await driver.click("form[action$='/roster/codes'] input[type=checkbox]")
                try await driver.click("form[action$='/roster/codes'] button")
                #expect(try await driver.waitForText("h1", toBe: "表单已失效") == "表单已失效")
                #expect(try await driver.source().contains("错误代码 403"))
                try await browser.shoot("csrf-refused")
                try await browser.open("/roster", heading: "名单管理")
                let csv = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID()).csv")
                try Data(DemoRoster.csv.utf8).write(to: csv)
                defer { try? FileManager.default.removeItem(at: csv) }
                try await driver.switchTo(tab: second)
                try await browser.signIn("A001", landing: "全校活动总览")
                try await driver.switchTo(tab: first)
                try await driver.type("input[type=file]", csv.path)
                try await driver.click("form[action$='/roster/preview'] button")
                #expect(try await driver.waitForText("h1", toBe: "表单已失效") == "表单已失效")
                // Still signed in: the refused forms changed nothing.
                try await browser.open("/overview", heading: "全校活动总览")

                // A page of another site posting to 退出: the browser sends no session cookie (SameSite=Strict).
                let form =
                    "<form method=post action='\(browser.url("/logout"))'><input type=hidden name=csrf value=x>"
                    + "<button type=submit>go</button></form>"
                try await driver.open(
                    "data:text/html;charset=utf-8,"
                        + (form.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                try await driver.click("button")
                #expect(try await driver.waitForText("h1", toBe: "请从聊天中登录") == "请从聊天中登录")
                try await browser.open("/overview", heading: "全校活动总览")
                // The page's own 退出, with the session's token: signed out.
                try await driver.click("header form button")
                #expect(try await driver.waitForText("h1", toBe: "请从聊天中登录") == "请从聊天中登录")
                try await browser.open("/overview", heading: "请从聊天中登录")
            }
        }
    }
}
