import CampaignCore
import Foundation

/// What a recovery report says of an entry it could not keep: what the entry did (record ids and who, never message
/// texts or students) and why the rules refused it, in Chinese as clearly as in English.
extension CampaignSchema {
    package static func explain(_ changes: [Change], refusal: any Error) -> (chinese: String, english: String)? {
        var zh: [String] = [], en: [String] = []
        var replies = 0
        for change in changes {
            switch change {
            case .pledge(let p): (zh, en) = (zh + ["承诺 \(p.id)"], en + ["pledge \(p.id)"])
            case .bookLesson(let l): (zh, en) = (zh + ["预约示范课 \(l.id)"], en + ["booking \(l.id)"])
            case .cancelLesson(let id, _): (zh, en) = (zh + ["取消示范课 \(id)"], en + ["cancelling \(id)"])
            case .nominate(let id): (zh, en) = (zh + ["推荐示范课 \(id)"], en + ["nominating \(id)"])
            case .addVisit(let v): (zh, en) = (zh + ["家访 \(v.id)"], en + ["visit \(v.id)"])
            case .addWork(let w): (zh, en) = (zh + ["成果 \(w.id)"], en + ["work \(w.id)"])
            case .amend(let record, let entry):
                (zh, en) = (zh + ["\(entry.by) 修改 \(record.id)"], en + ["\(entry.by) editing \(record.id)"])
            case .withdraw(let id, let entry):
                (zh, en) = (zh + ["\(entry.by) 撤销 \(id)"], en + ["\(entry.by) withdrawing \(id)"])
            case .confirmLesson(let id, let held, _):
                (zh, en) = (zh + ["确认示范课 \(id) \(held ? "已上" : "未上")"], en + ["confirming \(id)"])
            case .award(let award): (zh, en) = (zh + ["表彰 \(award.id)"], en + ["commendation \(award.id)"])
            case .benchmark(let b, _): (zh, en) = (zh + ["对标 \(b.id)"], en + ["benchmark \(b.id)"])
            case .attach(let id, _): (zh, en) = (zh + ["\(id) 的附件"], en + ["a file on \(id)"])
            case .enqueue: replies += 1
            default: continue
            }
        }
        if replies > 0 { (zh, en) = (zh + ["回复或通知 \(replies) 条"], en + ["\(replies) replies or notices"]) }
        let did = (
            zh.isEmpty ? "一项更改" : zh.joined(separator: "、"), en.isEmpty ? "a change" : en.joined(separator: ", ")
        )
        let why = reason(refusal)
        return ("这一条是\(did.0)；\(why.0)", "it was \(did.1); \(why.1)")
    }

    /// The rules' refusal in words: mostly a record that only the lost entry had.
    static func reason(_ error: any Error) -> (String, String) {
        let text = "\(error)"
        if let match = text.firstMatch(of: /^no (person|lesson|work|visit|pledge|record) (\S+)$/) {
            let kind =
                ["person": "人员", "lesson": "示范课", "work": "成果", "visit": "家访", "pledge": "承诺", "record": "记录"][
                    String(match.1)] ?? "记录"
            return (
                "它用到的\(kind) \(match.2) 不存在——多半是在丢失的那一条里登记的，请当事人重新登记后再做这一步",
                "it needs \(match.1) \(match.2), which does not exist: most likely it was made in the lost entry; have it entered again first"
            )
        }
        return ("规则不接受：\(text)", "the rules refused it: \(text)")
    }
}
