import CampaignCore
import Foundation
import Testing
import TestSupport

@Suite("Roster staff ids")
struct RosterCaseTests {
    @Test("staff ids that differ only by case are duplicates (binding ignores case)")
    func caseInsensitiveDuplicates() throws {
        let csv = "工号,姓名\nT001,李明\nt001,王芳\n"
        #expect(throws: RosterCSV.ImportError.self) {
            try RosterCSV.parse(Data(csv.utf8), platforms: TestRosters.platforms)
        }
        do {
            _ = try RosterCSV.parse(Data(csv.utf8), platforms: TestRosters.platforms)
        } catch let RosterCSV.ImportError.lines(errors) {
            #expect(errors.map(\.line) == [3])
            #expect(errors.first?.message.contains("第2行") == true)
        }
    }
}
