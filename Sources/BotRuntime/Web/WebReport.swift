import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import Hummingbird
import Logging

/// 简报与导出: the campaign report as a page (the report's own HTML, with a bar to download the PDF, pick a phase,
/// download the records without student data, and for admins the CSVs of everyone's progress, 表彰 and 对标). A
/// secretary's report and records are their branch's.
extension WebRoutes {
    func addReportRoutes(to router: Router<ListenerRequestContext>) {
        router.get("/report") { request, _ in
            try await guarded(request) { viewer, state in try report(viewer, state, query(request)) }
        }
        router.get("/report.pdf") { request, _ in
            try await guarded(request) { viewer, state in try await reportPDF(viewer, state, query(request)) }
        }
        router.get("/export/progress.csv") { request, _ in
            try await guarded(request) { viewer, state in try progressCSV(viewer, state, query(request)) }
        }
        router.get("/export/records.csv") { request, _ in
            try await guarded(request) { viewer, state in try recordsCSV(viewer, state, query(request)) }
        }
        for what in [Export.What.awards, .benchmarks] {
            router.get("/export/\(what.rawValue).csv") { request, _ in
                try await guarded(request) { viewer, state in
                    guard viewer.isAdmin, let csv = Export.tableCSV(what, state: state) else {
                        throw WebFailure.forbidden
                    }
                    let today = CampaignTime.local(office.clock.now()).date
                    return WebResponse.file(
                        Data(csv.utf8), name: "cxzy-\(what.rawValue)-\(today).csv", type: "text/csv; charset=utf-8")
                }
            }
        }
    }

    /// The report's scope from the query: the branch (a secretary: their own) and the phase (nil: the whole campaign).
    func reportScope(_ viewer: WebViewer, _ state: BotState, _ query: [String: String]) throws(WebFailure)
        -> (branch: String?, phase: Int?, today: CalendarDate)
    {
        let branch = try Self.branch(viewer, asked: query["branch"], state: state)
        var phase: Int?
        if let text = query["phase"], !text.isEmpty {
            guard let number = Int(text), bot.campaign.phase(number: number) != nil else { throw .notFound }
            phase = number
        }
        return (branch, phase, CampaignTime.local(office.clock.now()).date)
    }

    func reportHTML(_ state: BotState, branch: String?, phase: Int?, today: CalendarDate) throws(WebFailure) -> String {
        let extras = ReportExtras.from(
            state: state, phase: phase, evaluationMinRaters: bot.engine.evaluationMinRaters,
            load: { [intake = bot.intake] in try intake.data($0) })
        do {
            return try CampaignReport.html(
                state: state, campaign: bot.campaign, today: today, phase: phase, branch: branch, extras: extras)
        } catch {
            throw .badRequest(error.description)
        }
    }

    func report(_ viewer: WebViewer, _ state: BotState, _ query: [String: String]) throws -> Response {
        let (branch, phase, today) = try reportScope(viewer, state, query)
        let document = try reportHTML(state, branch: branch, phase: phase, today: today)
        var keep: [String] = []
        if let branch, viewer.isAdmin { keep.append("branch=" + WebHTML.query(branch)) }
        var bar = "<nav class=\"cxzy-bar\"><a href=\"\(office.link("/overview"))\">← 返回总览</a>"
        let pdf =
            office.link("/report.pdf") + "?" + (keep + (phase.map { ["phase=\($0)"] } ?? [])).joined(separator: "&amp;")
        bar += "<a class=\"cxzy-main\" href=\"\(pdf)\">下载PDF</a>"
        let phases = [nil] + bot.campaign.phases.map { Optional($0.number) }
        for number in phases {
            let label = number.map { "第\($0)阶段" } ?? "全程"
            let href =
                office.link("/report") + "?"
                + (keep + (number.map { ["phase=\($0)"] } ?? [])).joined(separator: "&amp;")
            bar += "<a href=\"\(href)\"\(number == phase ? " class=\"cxzy-on\"" : "")>\(label)</a>"
        }
        let scoped = branch.map { "?branch=" + WebHTML.query($0) } ?? ""
        bar += "<a href=\"\(office.link("/export/records.csv"))\(viewer.isAdmin ? scoped : "")\">导出记录(CSV)</a>"
        if viewer.isAdmin {
            bar += "<a href=\"\(office.link("/export/awards.csv"))\">导出表彰(CSV)</a>"
            bar += "<a href=\"\(office.link("/export/benchmarks.csv"))\">导出对标(CSV)</a>"
            bar += "<a href=\"\(office.link("/export/progress.csv"))\(scoped)\">导出进度表(CSV)</a>"
        }
        bar += "</nav>"
        let page = Self.insert(bar: bar, into: document)
        return WebResponse.html(page, styles: Self.styles(in: page), unsafeHashes: true)
    }

    static let barStyle = """
        .cxzy-bar{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;padding:.5rem .8rem;margin:0 0 1rem;\
        background:#a4161a;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:15px}\
        .cxzy-bar a{color:#fff;text-decoration:none}.cxzy-bar a.cxzy-on{font-weight:700;text-decoration:underline}\
        .cxzy-bar a.cxzy-main{background:#fff;color:#a4161a;border-radius:4px;padding:.1rem .7rem;font-weight:700}\
        @media print{.cxzy-bar{display:none}}
        """

    /// The report with the bar at the top of its body and the bar's style in its head.
    static func insert(bar: String, into document: String) -> String {
        var page = document
        if let head = page.range(of: "</head>") {
            page.replaceSubrange(head, with: "<style>\(barStyle)</style></head>")
        }
        if let body = page.range(of: "<body>") {
            page.replaceSubrange(body, with: "<body>" + bar)
        }
        return page
    }

    /// Every inline style of a page (`<style>` elements and `style` attributes), for the policy's hashes.
    static func styles(in page: String) -> [String] {
        var found: [String] = []
        var rest = page[...]
        while let open = rest.range(of: "<style>"), let close = rest[open.upperBound...].range(of: "</style>") {
            found.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        rest = page[...]
        while let open = rest.range(of: " style=\""), let close = rest[open.upperBound...].range(of: "\"") {
            found.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return found
    }

    func reportPDF(_ viewer: WebViewer, _ state: BotState, _ query: [String: String]) async throws -> Response {
        let (branch, phase, today) = try reportScope(viewer, state, query)
        let document = try reportHTML(state, branch: branch, phase: phase, today: today)
        // WeasyPrint takes seconds of CPU: one PDF at a time, the next asks to wait.
        guard await office.printing.begin() else {
            throw WebFailure.unavailable("正在生成另一份PDF，请半分钟后再试。")
        }
        let made: Result<Data, any Error>
        do {
            made = .success(try await PDFRenderer.fromPath().pdf(html: document))
        } catch {
            made = .failure(error)
        }
        await office.printing.end()
        let pdf: Data
        do {
            pdf = try made.get()
        } catch {
            logger.error("back office: the report PDF could not be made", metadata: ["error": "\(error)"])
            throw WebFailure.unavailable("PDF暂时无法生成（服务器需要安装 WeasyPrint）。可以在浏览器中打开简报页面后打印。")
        }
        var name = CampaignReport.fileName(today: today, phase: phase, format: .pdf)
        if let branch { name = name.replacingOccurrences(of: "简报", with: "简报-\(branch)") }
        return WebResponse.file(pdf, name: name, type: CampaignReport.Format.pdf.mimeType)
    }

    /// Everyone's progress, one row a person (admins; the same table as 导出 sends in chat). No student data.
    func progressCSV(_ viewer: WebViewer, _ state: BotState, _ query: [String: String]) throws -> Response {
        guard viewer.isAdmin else { throw WebFailure.forbidden }
        let branch = try Self.branch(viewer, asked: query["branch"], state: state)
        let today = CampaignTime.local(office.clock.now()).date
        let csv = Export.progressCSV(
            query: CampaignQuery(state: state, campaign: bot.campaign, asOf: today), branch: branch)
        let name = "cxzy-progress-" + (branch.map { $0 + "-" } ?? "") + "\(today).csv"
        return WebResponse.file(Data(csv.utf8), name: name, type: "text/csv; charset=utf-8")
    }

    /// Every pledge, demo lesson, visit and work with its id, owner and history (the chat's 导出, as of today), without
    /// a visit's student, note and files: admins the school's or a branch's, a secretary their branch's.
    func recordsCSV(_ viewer: WebViewer, _ state: BotState, _ query: [String: String]) throws -> Response {
        let branch = try Self.branch(viewer, asked: query["branch"], state: state)
        let today = CampaignTime.local(office.clock.now()).date
        let csv = Export.officeCSV(
            state: state, query: CampaignQuery(state: state, campaign: bot.campaign, asOf: today), branch: branch)
        logger.info("back office: records exported", metadata: ["staff_id": "\(viewer.person.staffID)"])
        let name = "cxzy-records-" + (branch.map { $0 + "-" } ?? "") + "\(today).csv"
        return WebResponse.file(Data(csv.utf8), name: name, type: "text/csv; charset=utf-8")
    }
}
