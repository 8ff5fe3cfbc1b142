import CampaignCore
import CampaignStorage
import Foundation
import Logging

/// Everything a running bot needs, opened the same way by `cxzy`, by tests and by benchmarks.
public struct Bot: Sendable {
    public let store: CampaignStore
    public let dispatcher: Dispatcher
    public let engine: Engine
    public var campaign: Campaign { engine.campaign }
    public let clock: any CampaignClock
    public let logger: Logger

    public static func open(directory: URL, campaign: Campaign, clock: any CampaignClock, logger: Logger,
                            botNames: [String] = [], broadcastChannels: [ChatAddress] = [],
                            storeOptions: StoreOptions? = nil, evaluationMinRaters: Int = 5) async throws -> Bot {
        var options = storeOptions ?? StoreOptions()
        options.now = { clock.now() }
        let store = try await CampaignStore.open(directory: directory, options: options, logger: logger)
        var engine = Engine(campaign: campaign, botNames: botNames, broadcastChannels: broadcastChannels,
                            hashCode: BindCodes.hash)
        engine.evaluationMinRaters = evaluationMinRaters
        let dispatcher = Dispatcher(store: store, engine: engine, clock: clock, logger: logger)
        // A crash between counting a ballot and forgetting it leaves the mark: forget now.
        do {
            try await dispatcher.forgetBallotsIfNeeded()
        } catch {
            try? await store.close()
            throw error
        }
        return Bot(store: store, dispatcher: dispatcher, engine: engine, clock: clock, logger: logger)
    }

    public func close() async throws { try await store.close() }

    /// Imports a roster: updates people by staff id, deactivates those no longer listed, and returns one-time bind
    /// codes for everyone who has no listed chat identity, is not bound yet, and has no code (or all unbound when
    /// `renewCodes`). The codes are shown once; only their hashes are kept.
    public func importRoster(_ people: [Person], renewCodes: Bool = false) async throws -> [(Person, String)] {
        let state = await store.state
        var codes: [(Person, String)] = []
        var hashes: [String: String] = [:]
        for person in people where person.listedIdentities.isEmpty {
            let bound = state.bindings.values.contains(person.staffID)
            guard !bound, renewCodes || state.bindCodes[person.staffID] == nil else { continue }
            let code = BindCodes.make()
            codes.append((person, code))
            hashes[person.staffID] = BindCodes.hash(code)
        }
        try await dispatcher.commit([Transports.importChange(people: people, codes: hashes)])
        return codes
    }

    /// Loads the fictional demo roster into an empty store (console only).
    public func seedDemoRosterIfEmpty() async throws -> Bool {
        guard await store.state.roster.isEmpty else { return false }
        _ = try await importRoster(try RosterCSV.parse(Data(DemoRoster.csv.utf8)))
        return true
    }
}
