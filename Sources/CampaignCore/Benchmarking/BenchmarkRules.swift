import CampaignIntents
import Foundation

/// 对标定位 (phase 3, 对标定位，晋档升级): a Party member writes down the model they measure themselves against,
/// their gaps and their steps. A part left out is asked for (the conversation of Conversation.swift), or kept from the
/// member's current entry when they revise it; each revision goes into the entry's history.
extension Turn {
    mutating func benchmark(_ person: Person, _ given: BenchmarkEntry) throws {
        guard let phase = campaign.benchmarkPhase else {
            try reply(BenchmarkReply.noPhase)
            return
        }
        let current = state.benchmark(of: person.staffID, phase: phase.number)
        if given.isEmpty {
            try reply(BenchmarkReply.shown(current, phase: phase, today: today))
            return
        }
        guard person.partyMember else {
            try reply(BenchmarkReply.notPartyMember)
            return
        }
        guard phase.span.contains(today) else {
            try reply(today < phase.span.from ? BenchmarkReply.notOpenYet(phase) : BenchmarkReply.closed(phase))
            return
        }
        let model = given.model ?? current?.model, gaps = given.gaps ?? current?.gaps,
            steps = given.steps ?? current?.steps
        guard let model, let gaps, let steps else {
            try askBenchmarkPart(model: model, gaps: gaps, steps: steps)
            return
        }
        var entry = Benchmark(
            id: current?.id ?? state.nextID("B"), staffID: person.staffID, phase: phase.number,
            model: model, gaps: gaps, steps: steps, at: current?.at ?? now, revisedAt: current == nil ? nil : now)
        if let current, current.model == model, current.gaps == gaps, current.steps == steps {
            try reply(BenchmarkReply.unchanged(current))
            return
        }
        let history = current.map {
            RecordHistoryEntry(
                at: now, by: person.staffID, action: "修改", before: words(BenchmarkReply.earlierText($0)))
        }
        if current == nil { entry.revisedAt = nil }
        try emit(.benchmark(entry, entry: history))
        try reply(BenchmarkReply.recorded(entry, revised: current != nil))
    }

    /// Asks for the first missing part and remembers the question, so the answer completes the entry.
    private mutating func askBenchmarkPart(model: String?, gaps: String?, steps: String?) throws {
        let part: BenchmarkReply.Part = model == nil ? .model : gaps == nil ? .gaps : .steps
        let known = [("model", model), ("gaps", gaps), ("steps", steps)].compactMap { key, value in
            value.map { "\(key):\($0)" }
        }
        let text = ([english ? "/benchmark" : "对标"] + known).joined(separator: " ")
        guard !message.isGroup else {
            try reply(BenchmarkReply.ask(part, inGroup: true))
            return
        }
        try emit(
            .setPending(
                identity: message.identity.key, PendingQuestion(text: text, argument: part.rawValue, askedAt: now)))
        try reply(BenchmarkReply.ask(part, inGroup: false))
    }

    /// The progress lines of 对标定位: in phase 3 for Party members, and afterwards for those who wrote one.
    func benchmarkProgress(_ person: Person) -> ProgressReply.BenchmarkLine? {
        guard let phase = campaign.benchmarkPhase, person.partyMember, today >= phase.span.from else { return nil }
        if let b = state.benchmark(of: person.staffID, phase: phase.number) { return .filled(b) }
        guard phase.span.contains(today) else { return nil }
        return .due(phase.span.to)
    }
}
