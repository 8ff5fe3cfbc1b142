import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import CampaignStorage
import Logging
import NIOFoundationCompat

/// 名单管理 (admins): upload the roster while the bot runs — a CSV or the Excel file itself — see what would change,
/// apply it in one commit, and print the new one-time bind codes as a sheet to hand out.
extension WebRoutes {
    /// Largest upload: a school's roster is tens of kilobytes, an .xlsx a little more.
    static let maxUpload = 4 << 20

    func addRosterRoutes(to router: Router<ListenerRequestContext>) {
        router.get("/roster") { request, _ in
            try await guarded(request) { viewer, state in try roster(viewer, state) }
        }
        router.post("/roster/preview") { request, _ in
            try await guarded(request) { viewer, state in try await rosterPreview(viewer, state, request) }
        }
        router.post("/roster/codes") { request, _ in
            try await guarded(request, form: true) { viewer, state, _ in try await renewCodes(viewer, state) }
        }
        router.post("/roster/apply") { request, _ in
            try await guarded(request, form: true) { viewer, _, form in try await rosterApply(viewer, form) }
        }
    }

    func roster(_ viewer: WebViewer, _ state: BotState, notice: String? = nil) throws -> Response {
        guard viewer.isAdmin else { throw WebFailure.forbidden }
        let bound = Set(state.bindings.values)
        var rows = ""
        let people = state.roster.values.filter(\.active)
        for branch in Set(people.map(\.branch)).sorted() {
            let members = people.filter { $0.branch == branch }
            let linked = members.filter { bound.contains($0.staffID) || !$0.listedIdentities.isEmpty }.count
            rows +=
                "<tr><td>\(WebHTML.escape(branch.isEmpty ? "未分支部" : branch))</td><td class=\"n\">\(members.count)</td>"
                + "<td class=\"n\">\(linked)</td><td class=\"n\">\(members.count - linked)</td></tr>"
        }
        var body = "<h1>名单管理</h1><p class=\"sub\">在册 \(people.count) 人；停用 \(state.roster.count - people.count) 人</p>"
        if let notice { body += "<p class=\"notice\">\(WebHTML.escape(notice))</p>" }
        body += """
            <h2>上传新名单</h2>
            <p>可直接上传 Excel 文件（.xlsx），或另存为 CSV（UTF-8 或 GBK）。表头：工号、姓名、角色（行政、班主任、一线）、支部、党员（是/否）、\
            权限（教师/书记/管理员），可选各聊天平台账号列。上传后先预览变化，确认后才导入；名单中没有的人会被停用（记录保留）。</p>
            <form method="post" enctype="multipart/form-data" action="\(office.link("/roster/preview"))" class="actions">\
            \(viewer.csrfField)<label>名单文件：<input type="file" name="file" accept=".xlsx,.csv,.txt" required></label>\
            <button class="button" type="submit">上传并预览</button></form>
            <h2>绑定码</h2>
            <p>还没有绑定聊天账号的 \(Self.unbound(state).count) 人，可以重新生成一次性绑定码并打印（旧码随即作废）。</p>
            <form method="post" action="\(office.link("/roster/codes"))" class="actions">\(viewer.csrfField)\
            <label><input type="checkbox" name="confirm" required> 我知道已发出的旧绑定码将作废</label>\
            <button class="button plain" type="submit">为未绑定的人重新生成绑定码</button></form>
            <h2>各支部</h2><div class="table"><table><thead><tr><th>支部</th><th class="n">在册</th>\
            <th class="n">已绑定聊天账号</th><th class="n">未绑定</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        return WebPage(title: "名单管理", section: .roster, viewer: viewer, body: body).response(office)
    }

    func rosterPreview(_ viewer: WebViewer, _ state: BotState, _ request: Request) async throws -> Response {
        guard viewer.isAdmin else { throw WebFailure.forbidden }
        guard let body = await HTTPServer.body(of: request, limit: Self.maxUpload) else { throw WebFailure.tooLarge }
        guard let form = MultipartBody(contentType: request.headers[.contentType] ?? "", body: Data(buffer: body))
        else {
            throw WebFailure.badRequest("没有收到文件。请选择名单文件后再上传。")
        }
        try Self.checkCSRF(form.field("csrf"), viewer)
        guard let file = form.file("file"), !file.data.isEmpty else {
            throw WebFailure.badRequest("没有收到文件。请选择名单文件后再上传。")
        }
        let people: [Person]
        do {
            let data = XLSXSheet.isZIP(file.data) ? Data(try XLSXSheet.csv(file.data).utf8) : file.data
            people = try RosterCSV.parse(data)
        } catch let failure as XLSXSheet.Failure {
            return try roster(viewer, state, notice: failure.description)
        } catch let error as RosterCSV.ImportError {
            return rosterErrors(viewer, error)
        }
        let changes = RosterChanges(file: people, roster: state.roster)
        let now = office.clock.now()
        let id = await office.previews.keep(
            .init(
                staffID: viewer.person.staffID, changes: changes,
                fingerprint: RosterChanges.fingerprint(state.roster), expires: now + 30 * 60))
        return WebPage(
            title: "名单预览", section: .roster, viewer: viewer, body: previewBody(changes, id: id, viewer: viewer)
        ).response(office)
    }

    func rosterErrors(_ viewer: WebViewer, _ error: RosterCSV.ImportError) -> Response {
        var body = "<h1>名单有错误，未导入</h1>"
        if case .lines(let lines) = error {
            body += "<p class=\"notice\">共 \(lines.count) 处错误。请在 Excel 中改正后重新上传：</p>"
            let rows = lines.map {
                "<tr><td class=\"n\">第\($0.line)行</td><td class=\"wrap\">\(WebHTML.escape($0.message))</td></tr>"
            }
            body +=
                "<div class=\"table\"><table><thead><tr><th>行</th><th>错误</th></tr></thead><tbody>\(rows.joined())</tbody></table></div>"
        } else {
            body += "<p class=\"notice\">\(WebHTML.escape(error.description))</p>"
        }
        body += "<p><a href=\"\(office.link("/roster"))\">返回名单管理</a></p>"
        return WebPage(title: "名单有错误", section: .roster, viewer: viewer, body: body).response(
            office, status: .unprocessableContent)
    }

    func previewBody(_ c: RosterChanges, id: String, viewer: WebViewer) -> String {
        func person(_ p: Person) -> String {
            "<td>\(WebHTML.escape(p.staffID))</td><td>\(WebHTML.escape(p.name))</td><td>\(WebHTML.escape(p.branch))</td>"
                + "<td>\(WebHTML.escape(p.permission.chineseName))</td>"
        }
        var body = "<h1>名单预览</h1><p class=\"sub\">文件中 \(c.people.count) 人：新增 \(c.added.count)，变更 \(c.changed.count)，"
        body += "不变 \(c.unchanged)；停用 \(c.deactivated.count)。尚未导入。</p>"
        let head = "<thead><tr><th>工号</th><th>姓名</th><th>支部</th><th>权限</th>"
        if !c.added.isEmpty {
            body += "<h2>新增 \(c.added.count) 人</h2><div class=\"table\"><table>\(head)</tr></thead><tbody>"
            body += c.added.map { "<tr>\(person($0))</tr>" }.joined() + "</tbody></table></div>"
        }
        if !c.changed.isEmpty {
            body += "<h2>变更 \(c.changed.count) 人</h2><div class=\"table\"><table>\(head)<th>变化</th></tr></thead><tbody>"
            body += c.changed.map {
                "<tr>\(person($0.person))<td class=\"wrap\">\(WebHTML.escape($0.what.joined(separator: "；")))</td></tr>"
            }.joined()
            body += "</tbody></table></div>"
        }
        if !c.deactivated.isEmpty {
            body +=
                "<h2>停用 \(c.deactivated.count) 人（新名单中没有，记录保留）</h2><div class=\"table\"><table>\(head)</tr></thead><tbody>"
            body += c.deactivated.map { "<tr>\(person($0))</tr>" }.joined() + "</tbody></table></div>"
        }
        if c.isEmpty { body += "<p class=\"notice\">名单没有变化。</p>" }
        body += """
            <form method="post" action="\(office.link("/roster/apply"))" class="actions">\(viewer.csrfField)\
            <input type="hidden" name="preview" value="\(WebHTML.escape(id))">\
            <button class="button" type="submit">确认导入</button>\
            <a class="button plain" href="\(office.link("/roster"))">取消</a></form>
            """
        return body
    }

    func rosterApply(_ viewer: WebViewer, _ form: [String: String]) async throws -> Response {
        guard viewer.isAdmin else { throw WebFailure.forbidden }
        let id = form["preview"] ?? ""
        guard let pending = await office.previews.take(id, staffID: viewer.person.staffID, now: office.clock.now())
        else {
            throw WebFailure.badRequest("这个预览已失效（已导入过，或超过30分钟）。请重新上传名单。")
        }
        guard RosterChanges.fingerprint(await bot.store.state.roster) == pending.fingerprint else {
            throw WebFailure.badRequest("预览之后名单已被改动（可能有人同时导入）。请重新上传并预览。")
        }
        let codes = try await bot.importRoster(pending.changes.people)
        logger.notice(
            "back office: roster imported",
            metadata: [
                "staff_id": "\(viewer.person.staffID)", "people": "\(pending.changes.people.count)",
                "added": "\(pending.changes.added.count)", "deactivated": "\(pending.changes.deactivated.count)",
            ])
        return codeSheet(viewer, codes, changes: pending.changes)
    }

    /// Active people who have not bound a chat account and are not bound by a listed one.
    static func unbound(_ state: BotState) -> [Person] {
        let bound = Set(state.bindings.values)
        return state.roster.values.filter { $0.active && $0.listedIdentities.isEmpty && !bound.contains($0.staffID) }
            .sorted { $0.staffID < $1.staffID }
    }

    /// New one-time codes for everyone not yet bound (their old codes stop working), committed at once.
    func renewCodes(_ viewer: WebViewer, _ state: BotState) async throws -> Response {
        guard viewer.isAdmin else { throw WebFailure.forbidden }
        let codes = Self.unbound(state).map { ($0, BindCodes.make()) }
        let hashes = await BindCodes.slowHashes(codes.map(\.1))
        let changes = zip(codes, hashes).map { Change.setBindCode(staffID: $0.0.staffID, hash: $1) }
        try await bot.dispatcher.commit(changes)
        logger.notice(
            "back office: bind codes renewed",
            metadata: ["staff_id": "\(viewer.person.staffID)", "people": "\(codes.count)"])
        return codeSheet(viewer, codes, changes: nil)
    }

    /// The new bind codes as a sheet to print and cut into slips; shown once (only their hashes are kept).
    func codeSheet(_ viewer: WebViewer, _ codes: [(Person, String)], changes: RosterChanges?) -> Response {
        var body = "<h1>\(changes == nil ? "新的绑定码" : "名单已导入")</h1>"
        if let changes {
            body +=
                "<p class=\"sub noprint\">新增 \(changes.added.count)，变更 \(changes.changed.count)，停用 \(changes.deactivated.count)。</p>"
        }
        if codes.isEmpty {
            body += "<p class=\"notice\">没有需要发放的新绑定码（名单中列出聊天账号的人会自动绑定）。</p>"
        } else {
            body += "<p class=\"notice noprint\">以下绑定码只显示这一次：请现在打印（浏览器菜单“打印”或 Ctrl+P），剪开后分别交给本人。</p>"
            body += "<div class=\"slips\">"
            for (person, code) in codes.sorted(by: { $0.0.staffID < $1.0.staffID }) {
                body +=
                    "<div class=\"slip\"><div>\(WebHTML.escape(person.name))（\(WebHTML.escape(person.staffID))） \(WebHTML.escape(person.branch))</div>"
                    + "<div class=\"code\">\(WebHTML.escape(code))</div>"
                    + "<div class=\"muted\">私聊机器人发送：绑定 \(WebHTML.escape(person.staffID)) \(WebHTML.escape(code))</div></div>"
            }
            body += "</div>"
        }
        body += "<p class=\"noprint\"><a href=\"\(office.link("/roster"))\">返回名单管理</a></p>"
        return WebPage(title: "绑定码", section: .roster, viewer: viewer, body: body).response(office)
    }
}
