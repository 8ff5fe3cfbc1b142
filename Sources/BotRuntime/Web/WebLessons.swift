import CampaignCore
import CampaignIntents
import Foundation
import Hummingbird

/// 示范课日历: the demo lessons of a month, day by day (组内 and 全校, taught, to be confirmed or ahead), as
/// `CampaignQuery` has them today. On a phone the month reads as a list of the days that have lessons.
extension WebRoutes {
    func addLessonRoutes(to router: Router<ListenerRequestContext>) {
        router.get("/lessons") { request, _ in
            try await guarded(request) { viewer, state in try lessons(viewer, state, query(request)) }
        }
    }

    func lessons(_ viewer: WebViewer, _ state: BotState, _ query: [String: String]) throws -> Response {
        let branch = try Self.branch(viewer, asked: query["branch"], state: state)
        let campaign = bot.campaign
        let today = CampaignTime.local(office.clock.now()).date
        let span = campaign.lessonSpan ?? DateSpan(from: campaign.start, to: campaign.end)
        let fallback = span.contains(today) ? today : today < span.from ? span.from : span.to
        let (year, month) = query["month"].flatMap(Self.month) ?? (fallback.year, fallback.month)
        guard let first = CalendarDate(year: year, month: month, day: 1) else { throw WebFailure.notFound }
        let days = CalendarDate.daysIn(month: month, year: year)
        let campaignQuery = CampaignQuery(state: state, campaign: campaign, asOf: today)
        let names = Dictionary(campaignQuery.people.map { ($0.staffID, $0.name) }) { a, _ in a }
        let lessons = campaignQuery.lessons(branch: branch).filter {
            $0.isActive && $0.date.year == year && $0.date.month == month
        }
        let whom = branch ?? "全校"
        var body = "<h1>\(WebHTML.escape(whom))示范课日历</h1>"
        body += "<p class=\"sub\">\(year)年\(month)月 · \(lessons.count) 节 · 已取消的不列出</p>"
        let keep = branch.flatMap { viewer.isAdmin ? "branch=" + WebHTML.query($0) : nil }
        if viewer.isAdmin {
            body += branchTabs(state, current: branch, path: "/lessons", extra: "month=\(year)-\(month)")
        }
        let previous = first.adding(days: -1), next = first.adding(days: days)
        func link(_ date: CalendarDate, _ label: String) -> String {
            let href = office.link("/lessons") + "?month=\(date.year)-\(date.month)" + (keep.map { "&amp;" + $0 } ?? "")
            return "<a href=\"\(href)\">\(label)</a>"
        }
        body += "<div class=\"tabs noprint\">\(link(previous, "← 上个月"))\(link(next, "下个月 →"))</div>"
        body += "<div class=\"legend\"><span class=\"l-held\">已上</span><span class=\"l-awaiting\">待确认</span>"
        body += "<span class=\"l-booked\">已预约</span><span class=\"l-not_held\">未上</span></div>"
        if lessons.isEmpty { body += "<p class=\"notice\">\(year)年\(month)月没有示范课。</p>" }
        body += "<div class=\"month\">"
        for name in ["一", "二", "三", "四", "五", "六", "日"] { body += "<div class=\"wd\">周\(name)</div>" }
        for _ in 1..<first.weekday { body += "<div class=\"day blank\"></div>" }
        for day in 1...days {
            let date = first.adding(days: day - 1)
            let todays = lessons.filter { $0.date == date }.sorted { ($0.period, $0.id) < ($1.period, $1.id) }
            let classes = [
                "day", todays.isEmpty ? "empty" : "", date == today ? "today" : "", date.isWeekend ? "weekend" : "",
            ]
            body += "<div class=\"\(classes.filter { !$0.isEmpty }.joined(separator: " "))\">"
            body += "<div class=\"date\">\(month)月\(day)日 <span>周\(date.chineseWeekday.suffix(1))</span></div>"
            for lesson in todays {
                let state = campaignQuery.state(of: lesson)
                let topic = campaignQuery.topic(of: lesson).map { "《\(WebHTML.escape($0))》" } ?? ""
                body +=
                    "<div class=\"lesson l-\(state.rawValue)\"><b>第\(lesson.period)节</b> \(WebHTML.escape(lesson.className))<br>"
                body += "\(WebHTML.escape(names[lesson.staffID] ?? lesson.staffID))\(topic)"
                body +=
                    " <small>\(lesson.level.chineseName)\(lesson.nominated ? "·推荐" : "") · \(state.chineseName)</small></div>"
            }
            body += "</div>"
        }
        body += "</div>"
        return WebPage(title: "\(whom)示范课日历", section: .lessons, viewer: viewer, body: body)
            .response(office, extraStyle: Self.calendarStyle)
    }

    /// `2010-10` → (2010, 10).
    static func month(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (2000...2100).contains(parts[0]), (1...12).contains(parts[1]) else { return nil }
        return (parts[0], parts[1])
    }

    static let calendarStyle = """
        .month{display:grid;grid-template-columns:repeat(7,minmax(0,1fr));gap:4px}\
        .wd{font-weight:600;text-align:center;color:var(--muted);font-size:.9rem}\
        .day{background:#fff;border:1px solid var(--line);border-radius:6px;min-height:5.5rem;padding:.3rem .4rem;\
        font-size:.85rem;overflow-wrap:anywhere}\
        .day.blank{background:transparent;border:0}.day.weekend{background:#faf8f5}\
        .day.today{outline:2px solid var(--red)}\
        .day .date span{display:none}.day .date{color:var(--muted);font-size:.8rem}\
        .lesson{margin:.25rem 0;padding:.15rem .3rem;border-left:3px solid;border-radius:2px;line-height:1.4}\
        .lesson small{color:var(--muted)}\
        .l-held{border-color:#2e7d32;background:#edf7ee}.l-awaiting{border-color:#e0912b;background:#fdf3e3}\
        .l-booked{border-color:#1f5fa8;background:#eaf1fa}.l-not_held{border-color:#888;background:#f1f1f1}\
        .legend{display:flex;gap:.8rem;margin:.4rem 0 .8rem;font-size:.85rem}\
        .legend span{border-left-style:solid;border-left-width:3px;padding:0 .4rem}\
        @media (max-width:700px){.month{display:block}.wd,.day.blank,.day.empty{display:none}\
        .day{min-height:0;margin-bottom:6px}.day .date span{display:inline}}
        """
}
