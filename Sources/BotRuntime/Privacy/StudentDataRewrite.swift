import CampaignCore
import CampaignStorage
import Foundation

/// Student data in the store's JSON history (backed-up snapshots and journals), found and removed without the Swift
/// types of the version that wrote them: any object whose `id` is an erased visit loses its `student` (→ 某同学),
/// `note` and `beforeStudent`; history lines of those visits are cut after the date; files attached to them go; and
/// every string anywhere loses the erased words (replies, questions, older history lines that copied them).
enum StudentDataRewrite {
    static let studentKeys: Set<String> = ["student", "note", "beforeStudent"]

    /// The student data the backups hold for `visits` (names changed since, notes edited away).
    static func studentData(in values: [JSONValue], visits: Set<String>) -> [StudentData] {
        var found: Set<String> = []
        func collect(_ value: JSONValue, inside: Bool) {
            switch value {
            case .object(let members):
                let mine = inside || (members["id"].flatMap(\.stringValue).map(visits.contains) ?? false)
                for (key, member) in members {
                    if mine, studentKeys.contains(key), case .string(let text) = member, !text.isEmpty {
                        found.insert(text)
                    }
                    // A snapshot's `history` is keyed by record id.
                    collect(member, inside: mine || visits.contains(key))
                }
            case .array(let items): for item in items { collect(item, inside: inside) }
            default: return
            }
        }
        for value in values { collect(value, inside: false) }
        return found.filter { $0 != StudentData.erasedName }.sorted().map(StudentData.init)
    }

    static func rewrite(words: [StudentData], visits: Set<String>) -> HistoryRewrite {
        let words = StudentData.longestFirst(words)
        let clean: @Sendable (JSONValue) -> JSONValue = { value in scrub(value, words: words, visits: visits) }
        return HistoryRewrite(
            state: { backup, _ in clean(backup) },
            change: { change in
                // A file attached to an erased visit goes with it.
                if case .object(let members) = change, let attach = members["attach"],
                    let record = attach["recordID"]?.stringValue, visits.contains(record)
                {
                    return nil
                }
                return clean(change)
            })
    }

    static func scrub(_ value: JSONValue, words: [StudentData], visits: Set<String>, mine: Bool = false) -> JSONValue {
        switch value {
        case .string(let text): return .string(scrub(text, words))
        case .array(let items): return .array(items.map { scrub($0, words: words, visits: visits, mine: mine) })
        case .object(var members):
            let isVisit = mine || (members["id"].flatMap(\.stringValue).map(visits.contains) ?? false)
            if isVisit {
                if members["student"]?.stringValue != nil { members["student"] = .string(StudentData.erasedName) }
                members["note"] = nil
                members["beforeStudent"] = nil
                if let before = members["before"]?.stringValue, let cut = BotState.legacyDetails(before) {
                    members["before"] = .string(cut)
                }
            }
            if var attachments = members["attachments"], case .object(var byRecord) = attachments {
                for id in visits { byRecord[id] = nil }
                attachments = .object(byRecord)
                members["attachments"] = attachments
            }
            var out: [String: JSONValue] = [:]
            for (key, member) in members {
                out[key] = scrub(member, words: words, visits: visits, mine: isVisit || visits.contains(key))
            }
            return .object(out)
        default: return value
        }
    }

    static func scrub(_ text: String, _ words: [StudentData]) -> String {
        words.reduce(text) { $1.removed(from: $0) }
    }

    /// Text files under `folder` that hold one of `words`.
    static func exportsHolding(_ words: [StudentData], in folder: URL) -> [String] {
        textFiles(in: folder).filter { _, text in words.contains { $0.occurs(in: text) } }.map(\.0.lastPathComponent)
    }

    /// Rewrites the text files under `folder` that hold one of `words` without them; returns their names.
    static func scrubExports(_ words: [StudentData], in folder: URL) throws -> [String] {
        var changed: [String] = []
        for (url, text) in textFiles(in: folder) where words.contains(where: { $0.occurs(in: text) }) {
            try Data(scrub(text, StudentData.longestFirst(words)).utf8).write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
            changed.append(url.lastPathComponent)
        }
        return changed
    }

    private static func textFiles(in folder: URL) -> [(URL, String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                let text = String(data: data, encoding: .utf8)
            else { return nil }
            return (url, text)
        }
    }
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
