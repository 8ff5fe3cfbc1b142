package import CampaignIntents
import Foundation

/// Which visits lose their student data: all of them once the retention date has passed, a family's request (one
/// student's name), or a teacher who left (their visits).
package enum ErasureScope: Sendable, Equatable {
    case retention
    case student(String)
    case staff(String)
}

extension Campaign {
    /// Until when a visit's student and note are kept: the campaign file's date, else its end + 180 days.
    package var studentDataRetainedUntil: CalendarDate {
        studentDataRetention ?? end.adding(days: 180)
    }
}

extension BotState {
    /// The visits (ids; withdrawn ones included, by their history) whose student data `scope` covers and that still
    /// hold some.
    package func visitsToErase(_ scope: ErasureScope) -> [String] {
        var ids: [String] = []
        for visit in visits
        where !visit.student.isErased || visit.note != nil || !(attachments[visit.id] ?? []).isEmpty
            || history[visit.id]?.contains(where: { $0.beforeStudent != nil || Self.legacyDetails($0.before) != nil })
                == true
        {
            switch scope {
            case .retention: ids.append(visit.id)
            case .student(let name): if visit.student.isNamed(name) { ids.append(visit.id) }
            case .staff(let staffID): if visit.staffID == staffID { ids.append(visit.id) }
            }
        }
        // Withdrawn visits live on in their history only.
        let live = Set(visits.map(\.id))
        for (id, entries) in history where id.hasPrefix("V-") && !live.contains(id) {
            let holds = entries.contains { $0.beforeStudent != nil || Self.legacyDetails($0.before) != nil }
            guard holds else { continue }
            switch scope {
            case .retention: ids.append(id)
            case .student(let name):
                if entries.contains(where: { $0.beforeStudent?.isNamed(name) == true || $0.before.contains(name) }) {
                    ids.append(id)
                }
            case .staff(let staffID):
                if entries.contains(where: { $0.by == staffID }) { ids.append(id) }
            }
        }
        return ids.sorted()
    }

    /// Every piece of student data the visits `ids` hold, in the state: to be removed from wherever else it was
    /// copied (replies not yet sent, questions waiting for an answer, histories written before it had a type).
    package func studentData(of ids: [String]) -> [StudentData] {
        var words: [StudentData] = []
        for visit in visits where ids.contains(visit.id) {
            words.append(visit.student)
            if let note = visit.note { words.append(note) }
        }
        for id in ids { words += (history[id] ?? []).compactMap(\.beforeStudent) }
        return words.filter { !$0.isErased }
    }

    /// The content files (sha256) attached to the visits `ids` that no other record uses: erased with them.
    package func filesOnlyOn(_ ids: [String]) -> [String] {
        let doomed = Set(ids)
        let kept = Set(attachments.filter { !doomed.contains($0.key) }.values.flatMap { $0.map(\.file.sha256) })
            .union(heldFiles.values.map(\.file.sha256))
        return Set(ids.flatMap { (attachments[$0] ?? []).map(\.file.sha256) }).subtracting(kept).sorted()
    }

    /// Applies `Change.eraseStudentData`: the name becomes 某同学, the note and the visit's files go, and every copy
    /// the state made of them is scrubbed.
    mutating func eraseStudentData(_ ids: [String]) {
        let words = StudentData.longestFirst(studentData(of: ids))
        let doomed = Set(ids)
        for i in visits.indices where doomed.contains(visits[i].id) {
            visits[i].student = StudentData(StudentData.erasedName)
            visits[i].note = nil
        }
        for id in ids {
            attachments[id] = nil
            guard var entries = history[id] else { continue }
            for j in entries.indices {
                entries[j].beforeStudent = nil
                if let cut = Self.legacyDetails(entries[j].before) { entries[j].before = cut }
            }
            history[id] = entries
        }
        guard !words.isEmpty else { return }
        func scrub(_ text: String) -> String { words.reduce(text) { $1.removed(from: $0) } }
        for i in outbox.indices { outbox[i].text = scrub(outbox[i].text) }
        for (key, question) in pending {
            var question = question
            question.text = scrub(question.text)
            pending[key] = question
        }
        for (id, entries) in history where !doomed.contains(id) {
            history[id] = entries.map { entry in
                var entry = entry
                entry.before = scrub(entry.before)
                return entry
            }
        }
    }

    /// A visit's history line written before student data had its own type (“家访 V-0001：2010年7月15日，张小雨，…”):
    /// the line cut after the date; nil when there is nothing after it.
    package static func legacyDetails(_ line: String) -> String? {
        let prefixes = ["家访 V-", "visit V-"]
        guard prefixes.contains(where: { line.hasPrefix($0) }) else { return nil }
        guard let colon = line.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
        let rest = line[line.index(after: colon)...]
        guard let comma = rest.firstIndex(where: { $0 == "，" || $0 == "," }) else { return nil }
        return String(line[..<comma])
    }
}
