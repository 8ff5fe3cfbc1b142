import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

@Suite("Campaign file")
struct CampaignFileTests {
    var builtInText: String { String(decoding: (try? CampaignFile.encode(.builtIn)) ?? Data(), as: UTF8.self) }

    /// The built-in campaign as lines, with the 1-based number of the first line (at or after `after`) containing `needle`.
    func lineNumber(of needle: String, in lines: [String], after: Int = 0) throws -> Int {
        let index = try #require(
            lines.indices.first { $0 >= after && lines[$0].contains(needle) }, "no line with \(needle)")
        return index + 1
    }

    func problem(_ text: String) -> CampaignFile.Problem? {
        do {
            _ = try CampaignFile.load(Data(text.utf8))
            Issue.record("the campaign file was accepted")
            return nil
        } catch let problem as CampaignFile.Problem {
            return problem
        } catch {
            Issue.record("not a Problem: \(error)")
            return nil
        }
    }

    @Test("the built-in campaign round-trips through a campaign file")
    func roundTrip() throws {
        let data = try CampaignFile.encode(.builtIn)
        let loaded = try CampaignFile.load(data)
        #expect(try CampaignFile.encode(loaded) == data)
        #expect(loaded.phases.count == 4 && loaded.pledgeDeadline.description == "2010-07-31")
        #expect(CampaignFile.validate(.builtIn).isEmpty)
    }

    @Test("a wrong type names the field and its line")
    func wrongType() throws {
        var lines = builtInText.components(separatedBy: "\n")
        let n = try lineNumber(of: "\"lessonPhase\"", in: lines)
        lines[n - 1] = "  \"lessonPhase\" : \"two\","
        let p = try #require(problem(lines.joined(separator: "\n")))
        #expect(p.field == "lessonPhase")
        #expect(p.line == n)
        #expect(p.description.contains("lessonPhase") && p.description.contains("line \(n)"))
    }

    @Test("a wrong type deep inside names the whole path")
    func wrongTypeNested() throws {
        var lines = builtInText.components(separatedBy: "\n")
        let phases = try lineNumber(of: "\"phases\"", in: lines)
        // phases[2].number
        var n = phases
        for _ in 0..<3 { n = try lineNumber(of: "\"number\"", in: lines, after: n) }
        lines[n - 1] = lines[n - 1].replacingOccurrences(of: "3", with: "\"three\"")
        let p = try #require(problem(lines.joined(separator: "\n")))
        #expect(p.field == "phases[2].number")
        #expect(p.line == n)
    }

    @Test("a missing field is named, with the line of the object that lacks it")
    func missingField() throws {
        var lines = builtInText.components(separatedBy: "\n")
        let phases = try lineNumber(of: "\"phases\"", in: lines)
        // The name of phases[1] (its first key, so the JSON stays well-formed): the second "name" after "phases".
        let first = try lineNumber(of: "\"name\"", in: lines, after: phases)
        let second = try lineNumber(of: "\"name\"", in: lines, after: first)
        lines.remove(at: second - 1)
        let objectStart = second - 1
        #expect(lines[objectStart - 1].trimmingCharacters(in: .whitespaces) == "{")
        let p = try #require(problem(lines.joined(separator: "\n")))
        #expect(p.field == "phases[1].name")
        #expect(p.message.contains("missing"))
        #expect(p.line == objectStart)
    }

    @Test("an impossible date names the field and its line")
    func impossibleDate() throws {
        var lines = builtInText.components(separatedBy: "\n")
        let n = try lineNumber(of: "\"pledgeDeadline\"", in: lines)
        lines[n - 1] = lines[n - 1].replacingOccurrences(of: "2010-07-31", with: "2010-02-30")
        let p = try #require(problem(lines.joined(separator: "\n")))
        #expect(p.field == "pledgeDeadline")
        #expect(p.line == n)
        #expect(p.message.contains("2010-02-30"))
    }

    @Test("overlapping phases name the phase and the line")
    func overlappingPhases() throws {
        var lines = builtInText.components(separatedBy: "\n")
        let phases = try lineNumber(of: "\"phases\"", in: lines)
        let firstFrom = try lineNumber(of: "\"from\"", in: lines, after: phases)
        let secondFrom = try lineNumber(of: "\"from\"", in: lines, after: firstFrom)
        #expect(lines[secondFrom - 1].contains("2010-07-01"))
        lines[secondFrom - 1] = lines[secondFrom - 1].replacingOccurrences(of: "2010-07-01", with: "2010-06-20")
        let p = try #require(problem(lines.joined(separator: "\n")))
        #expect(p.field == "phases[1].span.from")
        #expect(p.line == secondFrom)
        #expect(p.message.contains("overlaps"))
    }

    @Test("not JSON at all is a clear problem, not a crash")
    func notJSON() throws {
        let p = try #require(problem("phases: 4\n"))
        #expect(!p.message.isEmpty)
    }

    @Test("a school's own campaign drives the rules")
    func ownCampaign() throws {
        var campaign = Campaign.builtIn
        campaign.pledgeDeadline = try #require(CalendarDate(year: 2010, month: 12, day: 31))
        let loaded = try CampaignFile.load(try CampaignFile.encode(campaign))
        let h = try Session(campaign: loaded)
        try h.login("T001")
        let pledge = try h.say("承诺 教学之星 上精品课", as: "T001")
        #expect(pledge.contains("P-0001") && !pledge.contains("逾期"))
    }
}
