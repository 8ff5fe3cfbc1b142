import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird

/// One page of the back office: the red bar with the sections and the person signed in, then the content. Server
/// rendered, no script; styles inline under a hashed Content-Security-Policy; readable on a phone and printable.
struct WebPage {
    enum Section: String, CaseIterable {
        case overview, missing, lessons, outcomes, report, roster

        var title: String {
            switch self {
            case .overview: "总览"
            case .missing: "未完成名单"
            case .lessons: "示范课"
            case .outcomes: "评议与表彰"
            case .report: "简报与导出"
            case .roster: "名单管理"
            }
        }

        var path: String { "/" + rawValue }

        /// The sections in the bar (名单管理 for admins only).
        static let shown: [Section] = allCases
    }

    var title: String
    var section: Section?
    var viewer: WebViewer?
    var body: String

    func html(_ office: WebOffice, extraStyle: String? = nil) -> String {
        var bar = "<header><span class=\"brand\">创先争优 · 管理后台</span>"
        if let viewer {
            bar += "<nav>"
            for item in Section.shown where item != .roster || viewer.isAdmin {
                let on = item == section ? " class=\"on\" aria-current=\"page\"" : ""
                bar += "<a href=\"\(office.link(item.path))\"\(on)>\(item.title)</a>"
            }
            bar += "</nav><span class=\"who\">\(WebHTML.escape(viewer.person.name))（\(WebHTML.escape(viewer.role))）"
            bar += "<form method=\"post\" action=\"\(office.link("/logout"))\">\(viewer.csrfField)"
            bar += "<button type=\"submit\">退出</button></form></span>"
        }
        bar += "</header>"
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(WebHTML.escape(title)) · 创先争优管理后台</title>
            <style>\(Self.stylesheet)</style>\(extraStyle.map { "<style>\($0)</style>" } ?? "")</head>
            <body>\(bar)<main>\(body)</main></body></html>
            """
    }

    /// The response: the page with the headers every page of the office is sent with.
    func response(_ office: WebOffice, status: HTTPResponse.Status = .ok, extraStyle: String? = nil) -> Response {
        WebResponse.html(
            html(office, extraStyle: extraStyle), status: status,
            styles: [Self.stylesheet] + [extraStyle].compactMap(\.self))
    }

    static let stylesheet = """
        :root{--red:#a4161a;--ink:#1f1f1f;--muted:#5f5f5f;--line:#e4e0da;--bg:#f6f4f1}\
        *{box-sizing:border-box}\
        body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;\
        color:var(--ink);background:var(--bg);line-height:1.65;font-size:16px}\
        header{background:var(--red);color:#fff;padding:.55rem 1rem;display:flex;flex-wrap:wrap;align-items:center;\
        gap:.3rem 1.4rem}\
        header .brand{font-weight:700;font-size:1.1rem;letter-spacing:.08em}\
        nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem}\
        nav a{color:#fff;text-decoration:none;padding:.1rem .15rem;border-bottom:2px solid transparent}\
        nav a.on{border-bottom-color:#fff;font-weight:700}\
        header .who{margin-left:auto;display:flex;align-items:center;gap:.6rem;font-size:.9rem}\
        header form{margin:0}\
        header button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.8);border-radius:4px;\
        padding:.05rem .7rem;font:inherit;cursor:pointer}\
        main{max-width:1080px;margin:0 auto;padding:1rem 1rem 2.5rem}\
        h1{font-size:1.45rem;margin:.5rem 0 .1rem;letter-spacing:.03em}\
        h2{font-size:1.12rem;margin:1.8rem 0 .6rem;padding-left:.55rem;border-left:4px solid var(--red)}\
        .sub{color:var(--muted);margin:0 0 1rem}\
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(136px,1fr));gap:.7rem}\
        .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.7rem .9rem}\
        .card .label{color:var(--muted);font-size:.85rem}\
        .card .value{font-size:1.55rem;font-weight:700;line-height:1.3}\
        .card .note{font-size:.85rem;color:var(--muted)}\
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,460px),1fr));gap:.8rem}\
        .chart{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.5rem;margin:0}\
        .chart svg{display:block;width:100%;height:auto}\
        .table{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:8px}\
        table{border-collapse:collapse;width:100%;font-size:.95rem}\
        th,td{padding:.45rem .65rem;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap;\
        vertical-align:top}\
        tr:last-child td{border-bottom:0}\
        td.wrap{white-space:normal;min-width:16em}\
        th{background:#faf6f1;font-weight:600}\
        .n{text-align:right;font-variant-numeric:tabular-nums}\
        .tabs{display:flex;flex-wrap:wrap;gap:.4rem;margin:.7rem 0}\
        .tabs a{padding:.15rem .8rem;border:1px solid var(--line);border-radius:999px;background:#fff;\
        color:var(--ink);text-decoration:none;font-size:.92rem}\
        .tabs a.on{background:var(--red);border-color:var(--red);color:#fff}\
        .notice{background:#fff8e6;border:1px solid #efd48c;border-radius:8px;padding:.6rem .9rem;margin:.8rem 0}\
        .button{display:inline-block;background:var(--red);color:#fff;border:0;border-radius:6px;padding:.5rem 1.3rem;\
        font:inherit;text-decoration:none;cursor:pointer}\
        .button.plain{background:#fff;color:var(--red);border:1px solid var(--red)}\
        .actions{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0}\
        .muted{color:var(--muted)}\
        .slips{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:.6rem}\
        .slip{background:#fff;border:1px dashed #888;border-radius:4px;padding:.6rem .8rem;break-inside:avoid}\
        .slip .code{font-size:1.7rem;font-weight:700;letter-spacing:.25em;font-family:"Noto Sans Mono",monospace}\
        a{color:var(--red)}\
        @media print{header,.tabs,.noprint{display:none}body{background:#fff;font-size:12pt}\
        main{max-width:none;padding:0}.card,.chart,.table{border-color:#bbb;break-inside:avoid}}\
        @media (max-width:600px){main{padding:.6rem .6rem 2rem}h1{font-size:1.25rem}\
        table{font-size:.9rem}th,td{padding:.35rem .4rem}th{white-space:normal}td.wrap{min-width:0}}
        """
}

/// Who is looking: a secretary or admin with an open session, as the roster has them now.
struct WebViewer: Sendable {
    var person: Person
    var sessionID: String
    var session: WebLogins.Session

    var isAdmin: Bool { person.permission == .admin }
    var role: String { isAdmin ? "管理员" : "\(person.branch)书记" }

    /// The hidden field every form of the session carries.
    var csrfField: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(WebHTML.escape(session.csrf))\">" }
}

/// The responses of the office: pages with their security headers, files, redirects.
enum WebResponse {
    static func securityHeaders(_ csp: String) -> HTTPFields {
        [
            .contentSecurityPolicy: csp, .xContentTypeOptions: "nosniff", .cacheControl: "no-store",
            HTTPField.Name("Referrer-Policy") ?? .cacheControl: "no-referrer",
            HTTPField.Name("X-Frame-Options") ?? .cacheControl: "DENY",
        ]
    }

    static func html(
        _ page: String, status: HTTPResponse.Status = .ok, styles: [String], unsafeHashes: Bool = false,
        extra: HTTPFields = [:]
    ) -> Response {
        var headers = securityHeaders(WebHTML.contentSecurityPolicy(styles: styles, unsafeHashes: unsafeHashes))
        headers[.contentType] = "text/html; charset=utf-8"
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func file(_ data: Data, name: String, type: String) -> Response {
        var headers = securityHeaders("default-src 'none'; frame-ancestors 'none'")
        headers[.contentType] = type
        let ascii = name.unicodeScalars.allSatisfy { $0.isASCII } ? name : "cxzy-download"
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(WebHTML.query(name))"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func redirect(_ location: String, cookie: String? = nil) -> Response {
        var headers = securityHeaders("default-src 'none'; frame-ancestors 'none'")
        headers[.location] = location
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }
}
