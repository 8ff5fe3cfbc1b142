import CampaignStorage
import Foundation

/// The back office's setting: config file section `"web": {"baseURL": "https://…/cxzy"}`, environment
/// `CXZY_WEB_BASE_URL` (which wins). Unset: no back office.
extension Configuration {
    /// The back office's base URL, checked as `WebOffice` will read it; problems are added to `problems`.
    static func webAddress(file: JSONValue?, environment: [String: String], problems: inout [String]) -> String? {
        var base = environment["CXZY_WEB_BASE_URL"]
        if let file {
            if case .object(let fields) = file {
                for key in fields.keys.sorted() where key != "baseURL" {
                    problems.append(
                        "the config file's web section has an unknown key “\(key)”"
                            + suggestion(key, among: ["baseURL"]) + " (known: baseURL)")
                }
                switch fields["baseURL"] {
                case nil: break
                case .string(let text)?: base = base ?? text
                default: problems.append("web.baseURL in the config file must be a string, e.g. \"\(example)\"")
                }
            } else {
                problems.append("web in the config file must be an object, e.g. {\"baseURL\": \"\(example)\"}")
            }
        }
        guard let base, !base.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        do {
            return try WebOffice.normalized(base)
        } catch {
            problems.append(error.description)
            return nil
        }
    }

    static let example = "https://dangjian.school.example/cxzy"
}
