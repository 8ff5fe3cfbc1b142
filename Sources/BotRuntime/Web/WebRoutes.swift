import CampaignCore
import CampaignIntents
import CampaignStorage
import Foundation
import HTTPTypes
package import Hummingbird
package import Logging

/// The back office's routes on the bot's listener. Every page is for a secretary or an admin with an open session
/// (and still so on the roster); a secretary sees their own branch only; every form carries the session's CSRF token.
/// Nothing here ever holds a `PrivateReader`: no page can show a student's name or a visit's note.
package struct WebRoutes: Sendable {
    let office: WebOffice
    let bot: Bot
    let logger: Logger

    package init(office: WebOffice, bot: Bot, logger: Logger) {
        self.office = office
        self.bot = bot
        self.logger = logger
    }

    /// Largest form body (a login, a sign-out): they are a few hundred bytes.
    static let maxForm = 16 << 10

    package func add(to router: Router<ListenerRequestContext>) {
        router.get("/") { request, _ in
            guard await viewer(request) != nil else { return signInPage() }
            return WebResponse.redirect(office.link("/overview"))
        }
        router.get("/login") { request, _ in loginPage(token: query(request)["token"]) }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, _ in
            try await guarded(request, form: true) { viewer, _, _ in
                office.logins.end(viewer.sessionID)
                logger.info("back office: signed out", metadata: ["staff_id": "\(viewer.person.staffID)"])
                return WebResponse.redirect(office.link("/login"), cookie: office.sessionCookie(nil))
            }
        }
        router.get("/overview") { request, _ in
            try await guarded(request) { viewer, state in try overview(viewer, state, query(request)) }
        }
        router.get("/missing") { request, _ in
            try await guarded(request) { viewer, state in try missing(viewer, state, query(request)) }
        }
        addReportRoutes(to: router)
        addRosterRoutes(to: router)
        addLessonRoutes(to: router)
        addOutcomeRoutes(to: router)
    }

    // MARK: signing in

    func query(_ request: Request) -> [String: String] { WebHTML.form(request.uri.query ?? "") }

    func signInPage(_ note: String? = nil, status: HTTPResponse.Status = .unauthorized) -> Response {
        var body = "<h1>请从聊天中登录</h1>"
        if let note { body += "<p class=\"notice\">\(WebHTML.escape(note))</p>" }
        body += """
            <p>管理后台不用密码：请在与机器人的<strong>私聊</strong>中发送“后台”（英文 /web），\
            机器人会回复一个登录链接，10分钟内有效，只能用一次。</p>\
            <p class="muted">管理后台只对支部书记和党总支管理员开放。用完后在聊天中发送“退出后台”，可结束您的全部登录。</p>
            """
        return WebPage(title: "登录", body: body).response(office, status: status)
    }

    /// The link opens this page; the button posts the token. A chat app's link preview, which only GETs, cannot use
    /// the link up.
    func loginPage(token: String?) -> Response {
        guard let token, !token.isEmpty, token.count <= 128 else { return signInPage() }
        let body = """
            <h1>登录管理后台</h1>
            <p>点击下面的按钮进入。此链接只能使用一次。</p>
            <form method="post" action="\(office.link("/login"))">\
            <input type="hidden" name="token" value="\(WebHTML.escape(token))">\
            <button class="button" type="submit">进入管理后台</button></form>
            <p class="muted">请勿转发此链接。如果不是您本人在聊天中发送了“后台”，请关闭此页。</p>
            """
        return WebPage(title: "登录", body: body).response(office, status: .ok)
    }

    func login(_ request: Request, _ context: ListenerRequestContext) async throws -> Response {
        guard let body = await HTTPServer.body(of: request, limit: Self.maxForm) else {
            return Response(status: .contentTooLarge)
        }
        let token = WebHTML.form(String(buffer: body))["token"] ?? ""
        switch office.logins.redeem(token, client: client(request, context)) {
        case .limited:
            HTTPServer.refusals.refuse("back office: login attempts limited", client: context.client, logger: logger)
            return signInPage("尝试次数太多，请10分钟后再试。", status: .tooManyRequests)
        case .invalid:
            return signInPage("这个登录链接已失效（已用过、已超过10分钟，或不完整）。请在私聊中重新发送“后台”。", status: .forbidden)
        case .signedIn(let id, let session):
            logger.info("back office: signed in", metadata: ["staff_id": "\(session.staffID)"])
            return WebResponse.redirect(office.link("/overview"), cookie: office.sessionCookie(id))
        }
    }

    /// The client for the rate limit: behind a proxy on this machine, the address it forwarded.
    func client(_ request: Request, _ context: ListenerRequestContext) -> String {
        guard context.isLoopback, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For") ?? .via] else {
            return context.client
        }
        return forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? context.client
    }

    // MARK: sessions

    /// The person signed in, if their session is open and they are still an active secretary or admin.
    func viewer(_ request: Request) async -> WebViewer? {
        guard let id = Self.cookie(office.cookieName, in: request.headers[values: .cookie]),
            let session = office.logins.session(id)
        else { return nil }
        let state = await bot.store.state
        guard let person = state.roster[session.staffID], person.active, person.permission >= .secretary else {
            return nil
        }
        return WebViewer(person: person, sessionID: id, session: session)
    }

    static func cookie(_ name: String, in headers: [String]) -> String? {
        for header in headers {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name {
                    return pair[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// Runs `page` for a signed-in viewer (else the sign-in page); `form`: a POST whose body must carry the session's
    /// CSRF token. A `WebFailure` becomes its page.
    func guarded(
        _ request: Request, _ page: (WebViewer, BotState) async throws -> Response
    ) async throws -> Response {
        try await guarded(request, form: false) { viewer, state, _ in try await page(viewer, state) }
    }

    /// `guarded` for a POST of a form: its fields (read once: a body can be read only once) go to `page`.
    func guarded(
        _ request: Request, form: Bool,
        _ page: (WebViewer, BotState, [String: String]) async throws -> Response
    ) async throws -> Response {
        guard let viewer = await viewer(request) else { return signInPage() }
        do {
            var fields: [String: String] = [:]
            if form {
                guard let body = await HTTPServer.body(of: request, limit: Self.maxForm) else {
                    throw WebFailure.tooLarge
                }
                fields = WebHTML.form(String(buffer: body))
                try Self.checkCSRF(fields["csrf"], viewer)
            }
            return try await page(viewer, await bot.store.state, fields)
        } catch let failure as WebFailure {
            if case .forbidden = failure {
                logger.notice("back office: refused", metadata: ["staff_id": "\(viewer.person.staffID)"])
            }
            return WebPage(title: failure.title, section: nil, viewer: viewer, body: failure.body)
                .response(office, status: failure.status)
        }
    }

    static func checkCSRF(_ given: String?, _ viewer: WebViewer) throws(WebFailure) {
        guard let given, constantTimeEqual(given, viewer.session.csrf) else { throw .csrf }
    }

    /// The branch a page covers: admins the whole school (nil) or the branch they ask for; a secretary their own, and
    /// another branch is refused.
    static func branch(_ viewer: WebViewer, asked: String?, state: BotState) throws(WebFailure) -> String? {
        let asked = asked.flatMap { $0.isEmpty ? nil : $0 }
        if let asked, !state.activePeople.contains(where: { $0.branch == asked }) { throw .notFound }
        guard viewer.isAdmin else {
            if let asked, asked != viewer.person.branch { throw .forbidden }
            return viewer.person.branch
        }
        return asked
    }
}

/// Why a page is not shown: its status and its words.
enum WebFailure: Error {
    case forbidden, notFound, csrf, tooLarge, unavailable(String), badRequest(String)

    var status: HTTPResponse.Status {
        switch self {
        case .forbidden, .csrf: .forbidden
        case .notFound: .notFound
        case .tooLarge: .contentTooLarge
        case .unavailable: .serviceUnavailable
        case .badRequest: .badRequest
        }
    }

    var title: String {
        switch self {
        case .forbidden: "无权查看"
        case .notFound: "找不到"
        case .csrf: "表单已失效"
        case .tooLarge: "文件太大"
        case .unavailable: "暂时无法生成"
        case .badRequest: "无法处理"
        }
    }

    var body: String {
        let text: String
        switch self {
        case .forbidden: text = "您只能查看本支部的内容。"
        case .notFound: text = "没有这个支部或页面。"
        case .csrf:
            text =
                "这个表单已失效（缺少或不匹配安全校验码，常见于在别的窗口重新登录之后），为安全起见没有执行。"
                + "请回到上一页刷新后重新提交。"
        case .tooLarge: text = "提交的内容太大。"
        case .unavailable(let why), .badRequest(let why): text = why
        }
        // The code too: what the office staff read out when they ask the school's IT for help.
        return "<h1>\(WebHTML.escape(title))</h1><p class=\"notice\">\(WebHTML.escape(text))</p>"
            + "<p class=\"muted\">错误代码 \(status.code)</p>"
    }
}
