package import CampaignCore
package import CampaignStorage
package import Foundation
package import Logging

/// Everything a running bot needs, opened the same way by `cxzy`, by tests and by benchmarks.
package struct Bot: Sendable {
    package let store: CampaignStore
    package let dispatcher: Dispatcher
    package let engine: Engine
    package var campaign: Campaign { engine.campaign }
    package let clock: any CampaignClock
    package let logger: Logger
    /// Makes charts, reports and attached files for the outbox (and the console).
    package let media: MediaMaker
    /// Checks and keeps files teachers send.
    package var intake: FileIntake { media.intake }

    package static func open(
        directory: URL, campaign: Campaign, clock: any CampaignClock, logger: Logger,
        botNames: [String] = [], broadcastChannels: [ChatAddress] = [],
        storeOptions: StoreOptions? = nil, renderer: (any MediaRenderer)? = nil,
        evaluationMinRaters: Int = 5, applyRetention: Bool = true, webAccess: (any WebAccess)? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Bot {
        var options = storeOptions ?? StoreOptions()
        options.now = { clock.now() }
        let seal = try BallotKey.load(
            storeDirectory: directory, environment: environment, create: options.createIfMissing)
        options = BallotKey.options(options, seal: seal)
        let store = try await CampaignStore.open(directory: directory, options: options, logger: logger)
        var engine = Engine(
            campaign: campaign, botNames: botNames, broadcastChannels: broadcastChannels,
            hashCode: BindCodes.slowHash)
        engine.verifyCode = BindCodes.verify
        engine.evaluationMinRaters = evaluationMinRaters
        engine.webAccess = webAccess
        let dispatcher = Dispatcher(store: store, engine: engine, clock: clock, logger: logger)
        // A crash between counting a ballot and forgetting it leaves the mark: forget now.
        do {
            if seal != nil { try await dispatcher.dropUnreadableSeals() }
            try await dispatcher.forgetBallotsIfNeeded()
            // Past the retention date, visits' students and notes go before anything else happens.
            if applyRetention, let report = try await dispatcher.applyRetentionIfDue(storeDirectory: directory) {
                logger.notice(
                    "retention date passed: visits' student data erased",
                    metadata: ["visits": "\(report.visits.count)", "files": "\(report.files.count)"])
            }
        } catch {
            try? await store.close()
            throw error
        }
        let media = MediaMaker(
            renderer: renderer, intake: FileIntake(storeDirectory: directory), campaign: campaign,
            state: { await store.state })
        return Bot(store: store, dispatcher: dispatcher, engine: engine, clock: clock, logger: logger, media: media)
    }

    package func close() async throws { try await store.close() }

    /// Imports a roster: updates people by staff id, deactivates those no longer listed, and returns one-time bind
    /// codes for everyone who has no listed chat identity, is not bound yet, and has no code (or all unbound when
    /// `renewCodes`). The codes are shown once; only their hashes are kept.
    package func importRoster(_ people: [Person], renewCodes: Bool = false) async throws -> [(Person, String)] {
        let state = await store.state
        var codes: [(Person, String)] = []
        for person in people where person.listedIdentities.isEmpty {
            let bound = state.bindings.values.contains(person.staffID)
            guard !bound, renewCodes || state.bindCodes[person.staffID] == nil else { continue }
            codes.append((person, BindCodes.make()))
        }
        let hashed = await BindCodes.slowHashes(codes.map(\.1))
        let hashes = Dictionary(zip(codes.map(\.0.staffID), hashed), uniquingKeysWith: { _, last in last })
        try await dispatcher.commit([Transports.importChange(people: people, codes: hashes)])
        return codes
    }

    /// Loads the fictional demo roster into an empty store (console only).
    package func seedDemoRosterIfEmpty() async throws -> Bool {
        guard await store.state.roster.isEmpty else { return false }
        _ = try await importRoster(try RosterCSV.parse(Data(DemoRoster.csv.utf8)))
        return true
    }
}
