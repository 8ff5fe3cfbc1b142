/// A report that cannot be made as asked.
package enum ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    case unknownPhase(Int, phases: [Int])
    /// Round `number` of 评议 has nothing released to draw (no closed round, or every tally under the threshold).
    case noEvaluationResults(round: Int)

    package var description: String {
        switch self {
        case .unknownPhase(let number, let phases):
            let list = phases.map(String.init).joined(separator: "、")
            return
                "没有第\(number)阶段（本活动的阶段：\(list)）。 / There is no phase \(number); the campaign's phases are \(phases.map(String.init).joined(separator: ", "))."
        case .noEvaluationResults(let number):
            return "评议第\(number)轮没有可公布的结果。 / Evaluation round \(number) has no released results."
        }
    }
}
