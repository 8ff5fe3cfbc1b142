import CampaignIntents
import Foundation

/// Home visits: only past days inside the campaign; the details stay between the teacher and the admins.
extension Turn {
    mutating func visit(_ person: Person, _ report: VisitReport) throws {
        if try refusedAfterCampaign() { return }
        guard report.date <= today else {
            try reply(VisitReply.inFuture(report.date))
            return
        }
        guard report.date >= campaign.start else {
            // A date without a year is read backward (the latest one), so say which date that was.
            try reply(VisitReply.beforeStart(report.date, start: campaign.start))
            return
        }
        guard report.date <= campaign.end else {
            try reply(VisitReply.afterEnd(campaign.end))
            return
        }
        let holiday = campaign.isHoliday(report.date)
        let visit = Visit(
            id: state.nextID("V"), staffID: person.staffID, date: report.date, student: StudentData(report.student),
            mode: report.mode, note: report.note.map(StudentData.init), holiday: holiday, at: now)
        try emit(.addVisit(visit))
        var dayNote: VisitDayNote?
        if let workday = campaign.makeUpWorkday(on: report.date) {
            dayNote = .makeUpWorkday(workday.name)
        } else if !holiday {
            dayNote = .notHoliday
        }
        try replyPrivately(
            inGroup: VisitReply.recorded(visit, dayNote),
            VisitDetails(visit: visit, dayKind: dayKind(report.date), note: dayNote))
    }

    /// What kind of day it was, for the confirmation: 节假日 (with the holiday's name), 调休上班日, or nothing.
    func dayKind(_ date: CalendarDate) -> String? {
        if let holiday = campaign.holiday(on: date) { return "节假日：" + holiday.name }
        if campaign.makeUpWorkday(on: date) != nil { return "调休上班日" }
        return date.isWeekend ? "节假日" : nil
    }
}
