package import CampaignIntents

/// The lessons from a day (to a day), at most 50 listed.
package struct LessonScheduleReply: Reply, Equatable {
    package struct Entry: Sendable, Equatable {
        package var lesson: Lesson
        /// The teacher's name; nil when they are no longer on the roster.
        package var teacher: String?
    }

    package var from: CalendarDate
    package var to: CalendarDate?
    package var lessons: [Entry]

    package func text(english: Bool) -> String {
        let range = to.map { "\(from.chinese)—\($0.chinese)" } ?? (english ? "from \(from)" : "\(from.chinese)起")
        guard !lessons.isEmpty else { return english ? "Lessons (\(range)): none." : "示范课安排（\(range)）：暂无。" }
        var lines = [english ? "Lessons (\(range)), \(lessons.count):" : "示范课安排（\(range)），共 \(lessons.count) 节："]
        for entry in lessons.prefix(50) {
            let lesson = entry.lesson
            let teacher = entry.teacher ?? lesson.staffID
            lines.append(
                "\(lesson.id) \(lesson.date.month)/\(lesson.date.day) \(lesson.date.weekdayName(english: english)) "
                    + (english ? "P\(lesson.period)" : "第\(lesson.period)节")
                    + " \(lesson.className) \(teacher)" + (lesson.topic.map { "《\($0)》" } ?? "")
                    + (lesson.level == .school
                        ? (english ? " [school]" : "【全校】")
                        : lesson.nominated ? (english ? " [nominated]" : "【推荐】") : ""))
        }
        if lessons.count > 50 {
            lines.append(
                english ? "… \(lessons.count - 50) more; narrow the range." : "……还有 \(lessons.count - 50) 节，请缩小日期范围。")
        }
        return lines.joined(separator: "\n")
    }
}
