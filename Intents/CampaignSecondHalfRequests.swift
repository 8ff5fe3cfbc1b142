/// 对标定位: the model a Party member measures themselves against, their gaps and their steps. A part left out is
/// asked for in chat, or kept from the member's current entry when they revise it.
public struct BenchmarkEntry: Equatable, Sendable {
    public var model: String?
    public var gaps: String?
    public var steps: String?

    public init(model: String? = nil, gaps: String? = nil, steps: String? = nil) {
        self.model = model
        self.gaps = gaps
        self.steps = steps
    }

    /// `对标` alone: show the member's current entry.
    public var isEmpty: Bool { model == nil && gaps == nil && steps == nil }
}

/// 评选表彰: what a secretary or admin asks of the commendations.
public enum AwardRequest: Equatable, Sendable {
    /// `表彰 T003 德育之星 [第2阶段] [理由]`: show the evidence and ask to confirm; `confirmed` once the proposer said
    /// 确认. `phase`: the phase the award is for when it is not the current one (recognised after it ended).
    /// `announce` (通知全校, wherever it stands): an admin's direct award is also announced to everyone.
    case propose(who: String, star: Star, phase: Int? = nil, reason: String?, confirmed: Bool, announce: Bool)
    /// `表彰 确认 A-0001 [通知全校]` (admins).
    case confirm(id: String, announce: Bool)
    /// `表彰 驳回 A-0001 理由…` (admins).
    case reject(id: String, reason: String?)
    /// `表彰 通知 A-0001`: announce a confirmed award to everyone (admins).
    case announce(id: String)
    /// `表彰 撤销 A-0001 理由…`: take back a confirmed award or a waiting proposal (admins; a proposer their own
    /// waiting proposal).
    case revoke(id: String, reason: String?)
    /// `表彰 名单 [第3阶段] [德育之星]`.
    case list(phase: Int?, star: Star?)

    /// The action's id in `cxzy parse` JSON.
    public var action: String {
        switch self {
        case .propose: "propose"
        case .confirm: "confirm"
        case .reject: "reject"
        case .announce: "announce"
        case .revoke: "revoke"
        case .list: "list"
        }
    }
}
