package import CampaignCore
import CampaignIntents
package import Foundation

/// The report's 图片展: photos attached to demo lessons and finished works. Never a home-visit photo (a minor's
/// personal data), never a document.
package enum Gallery {
    /// At most this many pictures, the newest records first (the report stays printable).
    package static let limit = 24

    /// The pictures, newest record first; a file that cannot be read is left out.
    package static func pictures(state: BotState, load: (StoredFile) throws -> Data) -> [GalleryPicture] {
        var items: [(at: Date, file: StoredFile, caption: String, credit: String)] = []
        for lesson in state.lessons where lesson.isActive {
            let who = state.roster[lesson.staffID]
            let caption = "示范课：" + (lesson.topic.map { "《\($0)》" } ?? "") + lesson.className
            let credit = [who?.name, who?.branch, lesson.date.chinese].compactMap { $0 }.joined(separator: " · ")
            for file in images(lesson.id, state) {
                items.append((lesson.bookedAt, file, caption, credit))
            }
        }
        for work in state.works {
            let who = state.roster[work.staffID]
            let caption = "\(work.kind.chineseName)：《\(work.title)》"
            let credit = [who?.name, who?.branch, CampaignTime.local(work.at).date.chinese].compactMap { $0 }
                .joined(separator: " · ")
            for file in images(work.id, state) {
                items.append((work.at, file, caption, credit))
            }
        }
        var pictures: [GalleryPicture] = []
        for item in items.sorted(by: { $0.at > $1.at }) where pictures.count < limit {
            if let picture = try? picture(item.file, item.caption, item.credit, load) { pictures.append(picture) }
        }
        return pictures
    }

    private static func images(_ id: String, _ state: BotState) -> [StoredFile] {
        (state.attachments[id] ?? []).map(\.file).filter(\.kind.isImage)
    }

    private static func picture(
        _ file: StoredFile, _ caption: String, _ credit: String, _ load: (StoredFile) throws -> Data
    ) throws -> GalleryPicture {
        GalleryPicture(caption: caption, kind: file.kind == .png ? .png : .jpeg, data: try load(file), credit: credit)
    }
}
