package import CampaignIntents

/// A span of whole days, both ends included.
package struct DateSpan: Codable, Sendable, Hashable {
    package var from: CalendarDate
    package var to: CalendarDate
    package init(from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
    }
    package func contains(_ date: CalendarDate) -> Bool { from <= date && date <= to }
    package var chinese: String { "\(from.chinese)—\(to.chinese)" }
}

package struct Phase: Codable, Sendable, Hashable {
    package var number: Int
    package var name: String
    package var span: DateSpan
    package var summary: String
}

/// Who a milestone's reminders go to.
package enum ReminderAudience: String, Codable, Sendable {
    /// Every Party member (七一).
    case partyMembers = "party_members"
    /// Everyone who still owes something (phase ends, 教师节).
    case owing
    /// Everyone without a pledge (the pledge deadline).
    case withoutPledge = "without_pledge"
}

package struct Milestone: Codable, Sendable, Hashable {
    /// Stable id used to remember which reminders were sent (e.g. `qiyi-2010`, `phase-2-end`).
    package var id: String
    package var name: String
    package var date: CalendarDate
    package var audience: ReminderAudience
    /// Days before the milestone at which to remind.
    package var offsets: [Int]
    /// What the reminder says about the occasion.
    package var note: String
}

/// A public holiday (法定节假日) or a school vacation (寒暑假): no demo lessons; home visits on it count for 德育之星.
/// In a campaign file: `{"name": "国庆节", "from": "2010-10-01", "to": "2010-10-07", "kind": "holiday"}`; `name` and
/// `kind` may be left out (older files listed the days only).
package struct Holiday: Codable, Sendable, Hashable {
    package enum Kind: String, Codable, Sendable {
        /// 法定节假日
        case holiday
        /// 寒暑假
        case vacation
    }

    package var name: String
    package var from: CalendarDate
    package var to: CalendarDate
    package var kind: Kind

    package init(name: String, from: CalendarDate, to: CalendarDate, kind: Kind = .holiday) {
        self.name = name
        self.from = from
        self.to = to
        self.kind = kind
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decode(CalendarDate.self, forKey: .from)
        to = try c.decode(CalendarDate.self, forKey: .to)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .holiday
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? (kind == .vacation ? "假期" : "节假日")
    }

    package var span: DateSpan { DateSpan(from: from, to: to) }
    package func contains(_ date: CalendarDate) -> Bool { from <= date && date <= to }
}

/// A weekend day worked in exchange for a holiday (调休上班日): a school day like any other.
package struct MakeUpWorkday: Codable, Sendable, Hashable {
    package var date: CalendarDate
    /// What it makes up for, e.g. 国庆节调休.
    package var name: String

    package init(date: CalendarDate, name: String) {
        self.date = date
        self.name = name
    }
}
