import CampaignIntents
import Foundation

/// Home visits: only past days inside the campaign; the details stay between the teacher and the admins.
extension Turn {
    mutating func visit(_ person: Person, _ report: VisitReport) throws {
        if try refusedAfterCampaign() { return }
        guard report.date <= today else {
            try reply(
                t(
                    "家访日期\(report.date.chinese)还没到，请在家访之后再登记。",
                    "\(report.date) is in the future; report visits after they happen."))
            return
        }
        guard report.date >= campaign.start else {
            // A date without a year is read backward (the latest one), so say which date that was.
            try reply(
                t(
                    "家访日期须在活动期间（\(campaign.start.chinese)起），\(report.date.chinese)不在其中。请核对日期（没写年份的日期按已经过去的最近一天算），例如：\(IntentKind.reportVisit.example.zh)",
                    "Visits count from \(campaign.start). Please check the date, e.g. \(IntentKind.reportVisit.example.en)"
                ))
            return
        }
        guard report.date <= campaign.end else {
            try reply(
                t(
                    "家访日期须在活动期间（\(campaign.end.chinese)前）。请核对日期。",
                    "Visits count until \(campaign.end). Please check the date."))
            return
        }
        let holiday = campaign.isHoliday(report.date)
        let visit = Visit(
            id: state.nextID("V"), staffID: person.staffID, date: report.date, student: StudentData(report.student),
            mode: report.mode, note: report.note.map(StudentData.init), holiday: holiday, at: now)
        try emit(.addVisit(visit))
        let day = "\(report.date.chinese)（\(report.date.chineseWeekday)\(dayKind(report.date).map { "，" + $0 } ?? "")）"
        var dayNote = ""
        if let workday = campaign.makeUpWorkday(on: report.date) {
            dayNote = t(
                "\n提示：这一天是调休上班日（\(workday.name)），不算节假日。德育之星统计的是节假日（寒暑假、周末、法定假日）的亲情家访；这次家访已记录，但不计入德育之星。",
                "\nNote: that day was a make-up workday (\(workday.name)), not a holiday. The Moral Education Star counts holiday visits; this one is recorded but does not count for it."
            )
        } else if !holiday {
            dayNote = t(
                "\n提示：这一天不是节假日。德育之星统计的是节假日（寒暑假、周末、法定假日）的亲情家访；这次家访已记录，但不计入德育之星。",
                "\nNote: this was not a holiday. The Moral Education Star counts holiday visits; this one is recorded but does not count for it."
            )
        }
        let english = english
        try replyPrivately(
            inGroup: t(
                "已登记家访 \(visit.id)（\(report.date.chinese)）。详情只有您本人和管理员能看到。",
                "Visit \(visit.id) recorded (\(report.date)). Details are visible only to you and the admins.")
                + dayNote
        ) { reader in
            var text =
                english
                ? "Visit \(visit.id) recorded: \(report.date), \(visit.student.text(for: reader))"
                : "已登记家访 \(visit.id)：\(day)，\(visit.student.text(for: reader))"
            if let mode = report.mode { text += english ? ", \(mode.rawValue)" : "，\(mode.chineseName)" }
            if let note = visit.note { text += (english ? ", note: " : "，备注：") + note.text(for: reader) }
            text +=
                english ? ".\nOnly you and the admins can see this record." : "。\n这条记录只有您本人和管理员能看到。"
            return text + dayNote
        }
    }

    /// What kind of day it was, for the confirmation: 节假日 (with the holiday's name), 调休上班日, or nothing.
    func dayKind(_ date: CalendarDate) -> String? {
        if let holiday = campaign.holiday(on: date) { return "节假日：" + holiday.name }
        if campaign.makeUpWorkday(on: date) != nil { return "调休上班日" }
        return date.isWeekend ? "节假日" : nil
    }
}
