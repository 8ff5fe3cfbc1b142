import CampaignStorage
import Foundation

/// The 评议 settings: config file section `"evaluation": {"minRaters": 5}`, environment `CXZY_EVALUATION_MIN_RATERS`.
extension Configuration {
    package static let defaultEvaluationMinRaters = 5

    /// How many raters a subject needs before its 评议 result is shown; problems are added to `problems`.
    static func evaluationMinRaters(file: JSONValue?, environment: [String: String], problems: inout [String]) -> Int {
        if let text = environment["CXZY_EVALUATION_MIN_RATERS"] {
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 1 else {
                problems.append("CXZY_EVALUATION_MIN_RATERS must be a whole number of at least 1, not “\(text)”")
                return defaultEvaluationMinRaters
            }
            return value
        }
        guard let file else { return defaultEvaluationMinRaters }
        guard case .object(let fields) = file else {
            problems.append("evaluation in the config file must be an object, e.g. {\"minRaters\": 5}")
            return defaultEvaluationMinRaters
        }
        for key in fields.keys where key != "minRaters" {
            problems.append("the config file's evaluation section has an unknown key “\(key)” (known: minRaters)")
        }
        switch fields["minRaters"] {
        case nil: return defaultEvaluationMinRaters
        case .integer(let n)? where n >= 1: return Int(n)
        default:
            problems.append("evaluation.minRaters in the config file must be a whole number of at least 1")
            return defaultEvaluationMinRaters
        }
    }

    /// For the commands that open the store without a config file (console, report): the environment only.
    package static func evaluationMinRaters(environment: [String: String]) -> Int {
        var ignored: [String] = []
        return evaluationMinRaters(file: nil, environment: environment.filter { !$0.value.isEmpty }, problems: &ignored)
    }
}
