package import CampaignStorage
import Foundation

/// How stores written by earlier versions are read (one step per schema version).
///
/// Version 1 → 2 (the transport seam): a person's `telegram` / `matrix` fields become the `chats` map; the roster
/// import carries the private chats the listed ids give (version 1 derived them for Telegram when replaying); the state
/// gains `seenDeliveries`.
///
/// Version 2 → 3 (corrections, conversations): the state gains `history` (each record's corrections) and `pending`
/// (questions waiting for an answer); changes are unchanged.
///
/// Version 3 → 4 (the campaign's second half): the state gains the containers in `addedInVersion4` (each empty);
/// changes are unchanged.
///
/// Version 4 → 5 (sealed ballots): a group's sealed 评议 sum is written only encrypted (`SealedBallots`, `box`);
/// version 4 wrote it in the clear (`grades`), which is still read, and written sealed from then on. Nothing to
/// change in the state or the changes; the version keeps an older program from taking the box for no grades.
extension CampaignSchema {
    /// State keys new in version 4, with the value a version-3 store means by their absence.
    static let addedInVersion4: [String: JSONValue] = [
        "benchmarks": .array([]),
        "awards": .array([]),
        "attachments": .object([:]),
        "heldFiles": .object([:]),
        "evaluations": .object(["rounds": .array([]), "ballots": .object([:]), "unforgotten": .integer(0)]),
    ]

    package static func migrate(state: JSONValue, from version: Int) throws -> JSONValue {
        if version == 4 { return state }
        if version == 3 {
            var state = state
            for (key, empty) in addedInVersion4 where state[key] == nil { state[key] = empty }
            return state
        }
        if version == 2 {
            var state = state
            if state["history"] == nil { state["history"] = .object([:]) }
            if state["pending"] == nil { state["pending"] = .object([:]) }
            return state
        }
        guard version == 1 else { throw MissingMigration(version: version) }
        var state = state
        if case .object(let roster)? = state["roster"] {
            state["roster"] = .object(roster.mapValues(personV2))
        }
        if state["seenDeliveries"] == nil { state["seenDeliveries"] = .object([:]) }
        return state
    }

    package static func migrate(change: JSONValue, from version: Int) throws -> JSONValue {
        if version == 2 || version == 3 || version == 4 { return change }
        guard version == 1 else { throw MissingMigration(version: version) }
        guard var body = change["importRoster"], case .array(let people)? = body["people"] else { return change }
        var directChats: [String: JSONValue] = [:]
        for person in people {
            // Version 1 opened the Telegram private chat of every listed Telegram id on replay.
            if case .string(let staffID)? = person["staffID"], case .string(let user)? = person["telegram"] {
                directChats[staffID] = .array([
                    .object(["transport": .string(TelegramTransport.name), "chat": .string(user)])
                ])
            }
        }
        body["people"] = .array(people.map(personV2))
        body["directChats"] = .object(directChats)
        return .object(["importRoster": body])
    }

    static func personV2(_ person: JSONValue) -> JSONValue {
        var person = person
        var chats: [String: JSONValue] = [:]
        for platform in [TelegramTransport.name, MatrixTransport.name] {
            if case .string(let id)? = person[platform] { chats[platform] = .string(id) }
            person[platform] = nil
        }
        person["chats"] = .object(chats)
        return person
    }
}
