import CampaignIntents
import Foundation

/// The demo-lesson schedule as text, and how one lesson is described.
extension Turn {
    func lessonsText(from: CalendarDate?, to: CalendarDate?) -> String {
        let start = from ?? today
        let lessons = state.lessons
            .filter { lesson in lesson.isActive && lesson.date >= start && (to.map { lesson.date <= $0 } ?? true) }
            .sorted { ($0.date, $0.period) < ($1.date, $1.period) }
        let range = to.map { "\(start.chinese)—\($0.chinese)" } ?? t("\(start.chinese)起", "from \(start)")
        guard !lessons.isEmpty else { return t("示范课安排（\(range)）：暂无。", "Lessons (\(range)): none.") }
        var lines = [t("示范课安排（\(range)），共 \(lessons.count) 节：", "Lessons (\(range)), \(lessons.count):")]
        for lesson in lessons.prefix(50) {
            let teacher = state.roster[lesson.staffID]?.name ?? lesson.staffID
            lines.append(
                "\(lesson.id) \(lesson.date.month)/\(lesson.date.day) \(weekday(lesson.date)) "
                    + t("第\(lesson.period)节", "P\(lesson.period)")
                    + " \(lesson.className) \(teacher)" + (lesson.topic.map { "《\($0)》" } ?? "")
                    + (lesson.level == .school
                        ? t("【全校】", " [school]") : lesson.nominated ? t("【推荐】", " [nominated]") : ""))
        }
        if lessons.count > 50 {
            lines.append(t("……还有 \(lessons.count - 50) 节，请缩小日期范围。", "… \(lessons.count - 50) more; narrow the range."))
        }
        return lines.joined(separator: "\n")
    }

    func describe(_ lesson: Lesson) -> String {
        var text =
            english
            ? "\(lesson.date) (\(weekday(lesson.date))) period \(lesson.period), \(lesson.className)"
            : "\(lesson.date.chinese)（\(lesson.date.chineseWeekday)）第\(lesson.period)节，\(lesson.className)"
        if let topic = lesson.topic { text += english ? ", “\(topic)”" : "，课题《\(topic)》" }
        text += english ? ", \(lesson.level.rawValue)" : "，\(lesson.level.chineseName)"
        return text
    }

    func weekday(_ date: CalendarDate) -> String {
        english ? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][date.weekday - 1] : date.chineseWeekday
    }
}
