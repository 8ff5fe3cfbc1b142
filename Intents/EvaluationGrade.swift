/// The grades of 评议, best first.
public enum EvaluationGrade: String, CaseIterable, Codable, Sendable {
    case excellent, qualified, basicallyQualified = "basically_qualified", unqualified

    public var chineseName: String {
        switch self {
        case .excellent: "优秀"
        case .qualified: "合格"
        case .basicallyQualified: "基本合格"
        case .unqualified: "不合格"
        }
    }
}
