package import CampaignIntents

/// What the visit rule decided, and all of its words; the student and the note only in `VisitDetails`.
package enum VisitReply: Reply, Equatable {
    /// The visit's day has not come yet.
    case inFuture(CalendarDate)
    /// The day is before the campaign's first day.
    case beforeStart(CalendarDate, start: CalendarDate)
    /// The day is after the campaign's last day.
    case afterEnd(CalendarDate)
    /// Recorded: what a group hears.
    case recorded(Visit, VisitDayNote?)

    package func text(english: Bool) -> String {
        switch self {
        case .inFuture(let date):
            return english
                ? "\(date) is in the future; report visits after they happen."
                : "家访日期\(date.chinese)还没到，请在家访之后再登记。"
        case .beforeStart(let date, let start):
            return english
                ? "Visits count from \(start). Please check the date, e.g. \(IntentKind.reportVisit.example.en)"
                : "家访日期须在活动期间（\(start.chinese)起），\(date.chinese)不在其中。请核对日期（没写年份的日期按已经过去的最近一天算），例如：\(IntentKind.reportVisit.example.zh)"
        case .afterEnd(let end):
            return english
                ? "Visits count until \(end). Please check the date." : "家访日期须在活动期间（\(end.chinese)前）。请核对日期。"
        case .recorded(let visit, let note):
            return
                (english
                ? "Visit \(visit.id) recorded (\(visit.date)). Details are visible only to you and the admins."
                : "已登记家访 \(visit.id)（\(visit.date.chinese)）。详情只有您本人和管理员能看到。")
                + (note?.text(english: english) ?? "")
        }
    }
}

/// Why a recorded visit does not count for 德育之星.
package enum VisitDayNote: Reply, Equatable {
    /// A make-up workday (调休上班日) named `name`.
    case makeUpWorkday(String)
    case notHoliday

    package func text(english: Bool) -> String {
        switch self {
        case .makeUpWorkday(let name):
            return english
                ? "\nNote: that day was a make-up workday (\(name)), not a holiday. The Moral Education Star counts holiday visits; this one is recorded but does not count for it."
                : "\n提示：这一天是调休上班日（\(name)），不算节假日。德育之星统计的是节假日（寒暑假、周末、法定假日）的亲情家访；这次家访已记录，但不计入德育之星。"
        case .notHoliday:
            return english
                ? "\nNote: this was not a holiday. The Moral Education Star counts holiday visits; this one is recorded but does not count for it."
                : "\n提示：这一天不是节假日。德育之星统计的是节假日（寒暑假、周末、法定假日）的亲情家访；这次家访已记录，但不计入德育之星。"
        }
    }
}

/// A recorded visit's details for the teacher alone: the day (`dayKind`: 节假日 …), the student, the note.
package struct VisitDetails: PrivateReply {
    package var visit: Visit
    package var dayKind: String?
    package var note: VisitDayNote?

    package func text(english: Bool, for reader: borrowing PrivateReader) -> String {
        let date = visit.date
        let day = "\(date.chinese)（\(date.chineseWeekday)\(dayKind.map { "，" + $0 } ?? "")）"
        var text =
            english
            ? "Visit \(visit.id) recorded: \(date), \(visit.student.text(for: reader))"
            : "已登记家访 \(visit.id)：\(day)，\(visit.student.text(for: reader))"
        if let mode = visit.mode { text += english ? ", \(mode.rawValue)" : "，\(mode.chineseName)" }
        if let note = visit.note { text += (english ? ", note: " : "，备注：") + note.text(for: reader) }
        text += english ? ".\nOnly you and the admins can see this record." : "。\n这条记录只有您本人和管理员能看到。"
        return text + (note?.text(english: english) ?? "")
    }
}

/// 我的家访: a teacher's visits; in a group the ids only, the students in private.
struct VisitListReply: Reply, PrivateReply {
    var teacher: String
    /// Oldest first; not empty.
    var visits: [Visit]

    private func heading(english: Bool) -> String {
        let holidays = visits.filter(\.holiday).count
        return english
            ? "Your home visits (\(visits.count), \(holidays) on holidays)"
            : "\(teacher)老师的家访（共 \(visits.count) 次，节假日 \(holidays) 次）"
    }

    func text(english: Bool) -> String {
        let ids = visits.map(\.id).joined(separator: english ? ", " : "、")
        return heading(english: english) + (english ? ": " + ids + "." : "：" + ids + "。")
    }

    func text(english: Bool, for reader: borrowing PrivateReader) -> String {
        var lines = [heading(english: english) + (english ? ":" : "：")]
        for v in visits {
            let day =
                "\(v.id) \(v.date.chinese)（\(v.date.chineseWeekday)\(v.holiday ? (english ? ", holiday" : "，节假日") : "")）"
            lines.append(day + " " + StudentData.visitLine(v, english: english, compact: true).text(for: reader))
        }
        // The footer's example is one of the teacher's own visits.
        let example = visits.last?.id ?? "V-0001"
        lines.append(
            english
                ? "Fix: /edit \(example) date:2010-10-09; withdraw: /withdraw \(example)"
                : "改错：修改 \(example) 日期:10月9日；撤销：撤销 \(example)")
        return lines.joined(separator: "\n")
    }
}

/// A teacher with no visits yet, asking for theirs.
struct NoVisitsReply: Reply {
    func text(english: Bool) -> String {
        english
            ? "You have not reported a visit yet, e.g. \(IntentKind.reportVisit.example.en)"
            : "您还没有登记家访。例如：\(IntentKind.reportVisit.example.zh)"
    }
}
