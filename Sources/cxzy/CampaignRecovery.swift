import CampaignCore

/// What `cxzy store recover` lets the campaign's state skip after a lost journal entry.
///
/// The state numbers outbox messages and records (P-, L-, V-, W-) without gaps, and `BotState.apply` refuses a
/// number that skips ahead, so that replaying a whole journal rebuilds exactly the same state. After a lost entry
/// the later ones use numbers past the ones it took; letting them skip keeps a later reply or record that is
/// fine in itself. Anything else the rules refuse (a cancellation of a lesson that was in the lost entry) stays
/// refused and is listed.
enum CampaignRecovery {
    @Sendable static func bridge(_ changes: [Change], _ state: inout BotState) -> [String] {
        var notes: [String] = []
        // Numbers as the entry's own changes will have moved them: an entry may queue several replies or add two
        // records, and only the first one follows the gap.
        var counters = state.counters
        var nextOutboxID = state.nextOutboxID
        func skip(to id: String) {
            guard let dash = id.firstIndex(of: "-"), let number = Int(id[id.index(after: dash)...]) else { return }
            let prefix = String(id[..<dash])
            let last = counters[prefix] ?? 0
            defer { counters[prefix] = max(last, number) }
            guard number > last + 1 else { return }
            notes.append(
                number == last + 2
                    ? "\(RecordID.make(prefix, last + 1)) skipped"
                    : "\(RecordID.make(prefix, last + 1))…\(RecordID.make(prefix, number - 1)) skipped")
            state.counters[prefix] = number - 1
        }
        for change in changes {
            switch change {
            case let .enqueue(message):
                defer { nextOutboxID = max(nextOutboxID, message.id + 1) }
                guard message.id > nextOutboxID else { continue }
                notes.append(
                    message.id == nextOutboxID + 1
                        ? "outbox message \(nextOutboxID) skipped"
                        : "outbox messages \(nextOutboxID)…\(message.id - 1) skipped")
                state.nextOutboxID = message.id
            case let .pledge(pledge): skip(to: pledge.id)
            case let .bookLesson(lesson): skip(to: lesson.id)
            case let .addVisit(visit): skip(to: visit.id)
            case let .addWork(work): skip(to: work.id)
            default: break
            }
        }
        return notes
    }
}
