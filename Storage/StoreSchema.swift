import Foundation

/// Describes what a `JSONStore` keeps: the state, the changes that move it, and how older files are upgraded.
/// The store knows nothing else about the application.
public protocol StoreSchema: Sendable {
    associatedtype State: Codable & Sendable
    associatedtype Change: Codable & Sendable

    /// Written into every snapshot. Raise it when `State` or `Change` change shape, and add a migration step.
    static var currentVersion: Int { get }

    /// The state of a store that has never been written to.
    static func initialState() -> State

    /// Applies one change. Throw if the change is invalid for `state`; the commit is then rejected.
    static func apply(_ change: Change, to state: inout State) throws

    /// Applies the changes of one commit, all or none: if it throws, `state` must be as it was.
    /// The default applies to a copy, which copies each collection the commit touches (Swift copy-on-write).
    /// Override it when the whole batch can be validated before mutating in place, to keep commits O(1).
    static func applyAll(_ changes: [Change], to state: inout State) throws

    /// Upgrades a snapshot's state from `version` to `version + 1`. Called once per step.
    static func migrate(state: JSONValue, from version: Int) throws -> JSONValue

    /// Upgrades one journal change from `version` to `version + 1`. Called once per step.
    static func migrate(change: JSONValue, from version: Int) throws -> JSONValue

    /// For a person reading a recovery report: what a journal entry did, and why `refusal` (thrown by `applyAll`)
    /// stops it — in Chinese and in English. nil: the report shows the schema's own error only.
    static func explain(_ changes: [Change], refusal: any Error) -> (chinese: String, english: String)?
}

/// Thrown by the default migrations: the schema declares no way up from `version`.
public struct MissingMigration: Error, CustomStringConvertible {
    public var version: Int
    public var description: String { "the schema has no migration from version \(version)" }
    public init(version: Int) { self.version = version }
}

extension StoreSchema {
    public static func explain(_ changes: [Change], refusal: any Error) -> (chinese: String, english: String)? {
        nil
    }

    public static func applyAll(_ changes: [Change], to state: inout State) throws {
        var next = state
        for change in changes { try apply(change, to: &next) }
        state = next
    }

    public static func migrate(state: JSONValue, from version: Int) throws -> JSONValue {
        throw MissingMigration(version: version)
    }

    public static func migrate(change: JSONValue, from version: Int) throws -> JSONValue {
        throw MissingMigration(version: version)
    }
}
