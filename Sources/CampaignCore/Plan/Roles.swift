package import CampaignIntents

/// Roles of the roster (SPEC §2): they decide which stars a person may strive for and who teaches demo lessons.
package enum Role: String, Codable, Sendable, CaseIterable {
    /// 行政人员 / 教育工作者
    case administrative
    /// 班主任
    case classTeacher = "class_teacher"
    /// 一线教师
    case frontline

    package var chineseName: String {
        switch self {
        case .administrative: "行政"
        case .classTeacher: "班主任"
        case .frontline: "一线"
        }
    }
}

/// One thing a star needs: any of the work kinds, or a number of holiday home visits.
package struct Requirement: Codable, Sendable, Hashable {
    package var name: String
    package var anyOf: [WorkKind]
    package var holidayVisits: Int

    package init(name: String, anyOf: [WorkKind] = [], holidayVisits: Int = 0) {
        self.name = name
        self.anyOf = anyOf
        self.holidayVisits = holidayVisits
    }
}

package struct StarRule: Codable, Sendable, Hashable {
    package var star: Star
    /// Empty means every teacher may strive for it.
    package var eligibleRoles: [Role]
    package var requirements: [Requirement]
    package var eligibility: String
    /// Only Party members may be commended as this star's 先进典型 (评选表彰); absent: anyone who completed it.
    package var awardForPartyMembersOnly: Bool?
}
