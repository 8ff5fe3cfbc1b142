import CampaignIntents
import Testing

@Suite("Trial findings: 表彰 as written")
struct TrialAwardTests {
    @Test("a named phase and 通知全校 after the reason")
    func phaseAndAnnounce() throws {
        let ctx = try context("2011-07-07")
        #expect(
            IntentParser.parse("表彰 T002 科学之星 第2阶段 理由：论文获市一等奖 通知全校", context: ctx).jsonLine
                == #"{"intent":"award","action":"propose","who":"T002","star":"research","phase":2,"reason":"论文获市一等奖","announce":true}"#
        )
        #expect(
            IntentParser.parse("表彰 T002 科学之星 理由：论文获市一等奖通知全校", context: ctx).jsonLine
                == #"{"intent":"award","action":"propose","who":"T002","star":"research","reason":"论文获市一等奖","announce":true}"#
        )
        #expect(
            IntentParser.parse("表彰 确认 A-0001 理由：好 通知全校", context: ctx).jsonLine
                == #"{"intent":"award","action":"confirm","id":"A-0001","announce":true}"#)
    }
}
