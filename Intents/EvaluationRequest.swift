/// What a `评议` message asks for.
public enum EvaluationRequest: Equatable, Sendable {
    /// `评议`: start or resume one's own ballot in the open round.
    case rate
    /// `评议 开始 党员评议 截止 7月10日 [全校|按支部]` (admins): a new round, open until the end of `deadline`; `scope`
    /// nil when the admin did not say who rates whom (within each branch unless that leaves results unpublishable).
    case open(round: String, kind: EvaluationRoundKind, deadline: CalendarDate, scope: EvaluationScope? = nil)
    /// `评议 结束` (admins): close the open round before its deadline.
    case close
    /// `评议 结果 [数学支部]`: the released results one may see.
    case results(branch: String?)
}

/// Who is rated in a round.
public enum EvaluationRoundKind: String, Codable, Sendable, CaseIterable {
    /// Every rater rates each Party member of their own branch (民主评议党员).
    case members
    /// Phase 4: every rater rates their branch's and the school's campaign work as a whole.
    case campaign

    /// A round's kind follows its name: a name that mentions 党员 rates members; otherwise one that mentions
    /// 活动, 工作 or 支部 (活动评议, 创先争优工作评议) rates the campaign work; any other name rates members.
    public static func of(roundName name: String) -> EvaluationRoundKind {
        if name.contains("党员") { return .members }
        return ["活动", "工作", "支部"].contains { name.contains($0) } ? .campaign : .members
    }

    public var chineseName: String { self == .members ? "评议党员" : "评议支部和学校的活动" }
}

/// Who rates whom in a round: everyone within their own branch, or everyone across the whole school.
public enum EvaluationScope: String, Codable, Sendable, CaseIterable {
    case branch, school

    /// The word that asks for it at the end of `评议 开始 …`.
    public var chineseName: String { self == .branch ? "按支部" : "全校" }
}
