package import CampaignIntents
package import Foundation

/// Finished work (论文, 讲座, 班会, 精品课, 案例, 课题 …).
extension Work {
    /// A title as a work's name is written in Chinese: in 《》, unless it brings its own (《荷塘月色》教学案例).
    package static func quoted(_ title: String) -> String {
        let bare = title.trimmingCharacters(in: .whitespaces)
        return bare.contains("《") || bare.contains("》") ? bare : "《\(bare)》"
    }
}

package struct Work: Codable, Sendable, Hashable {
    package var id: String
    package var staffID: String
    package var kind: WorkKind
    package var title: String
    package var at: Date

    package init(id: String, staffID: String, kind: WorkKind, title: String, at: Date) {
        self.id = id
        self.staffID = staffID
        self.kind = kind
        self.title = title
        self.at = at
    }
}
