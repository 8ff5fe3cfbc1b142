import CampaignIntents
import Foundation

/// The demo-lesson schedule, and how one lesson is described in the asker's language.
extension Turn {
    func lessonSchedule(from: CalendarDate?, to: CalendarDate?) -> LessonScheduleReply {
        let start = from ?? today
        let lessons = state.lessons
            .filter { lesson in lesson.isActive && lesson.date >= start && (to.map { lesson.date <= $0 } ?? true) }
            .sorted { ($0.date, $0.period) < ($1.date, $1.period) }
        return LessonScheduleReply(
            from: start, to: to,
            lessons: lessons.map { LessonScheduleReply.Entry(lesson: $0, teacher: state.roster[$0.staffID]?.name) })
    }

    func describe(_ lesson: Lesson) -> String { lesson.described(english: english) }
}
