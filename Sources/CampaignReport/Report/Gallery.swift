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
        var items: [(at: Date, file: StoredFile, caption: String, credit: String, date: CalendarDate, attached: Date)] =
            []
        for lesson in state.lessons where lesson.isActive {
            let who = state.roster[lesson.staffID]
            // A 全校 lesson booked without a topic repeats the teacher's group lesson: its topic is that one's.
            let topic =
                lesson.topic
                ?? (lesson.level == .school
                    ? state.lessons.first { $0.staffID == lesson.staffID && $0.level == .group && $0.nominated }?.topic
                    : nil)
            let caption = "示范课：" + (topic.map(ReportDocument.titled) ?? "") + lesson.className
            let credit = [who?.name, who?.branch, lesson.date.chinese].compactMap { $0 }.joined(separator: " · ")
            for (file, at) in images(lesson.id, state) {
                items.append((lesson.bookedAt, file, caption, credit, lesson.date, at))
            }
        }
        for work in state.works {
            let who = state.roster[work.staffID]
            let caption = "\(work.kind.displayName)：\(Work.quoted(work.title))"
            let day = CampaignTime.local(work.at).date
            let credit = [who?.name, who?.branch, day.chinese].compactMap { $0 }.joined(separator: " · ")
            for (file, at) in images(work.id, state) {
                items.append((work.at, file, caption, credit, day, at))
            }
        }
        var pictures: [GalleryPicture] = []
        for item in items.sorted(by: { $0.at > $1.at }) where pictures.count < limit {
            if var picture = try? picture(item.file, item.caption, item.credit, load) {
                picture.date = item.date
                picture.attachedOn = CampaignTime.local(item.attached).date
                pictures.append(picture)
            }
        }
        return pictures
    }

    private static func images(_ id: String, _ state: BotState) -> [(StoredFile, Date)] {
        (state.attachments[id] ?? []).filter(\.file.kind.isImage).map { ($0.file, $0.at) }
    }

    private static func picture(
        _ file: StoredFile, _ caption: String, _ credit: String, _ load: (StoredFile) throws -> Data
    ) throws -> GalleryPicture {
        GalleryPicture(caption: caption, kind: file.kind == .png ? .png : .jpeg, data: try load(file), credit: credit)
    }
}
