import CampaignIntents
import Foundation

/// What anyone may ask, bound or not: the menu, and linking a chat to a roster entry.
extension Turn {
    mutating func help(_ topic: IntentKind?, person: Person?) throws {
        if let topic {
            try reply(HelpAndBindReply.topic(topic))
            return
        }
        guard let person, person.active else {
            try reply(HelpAndBindReply.welcome)
            return
        }
        try reply(HelpAndBindReply.menu(person.permission.audience))
    }

    mutating func bind(who: String, code: String, current: Person?) throws {
        let identity = message.identity
        if let current {
            try reply(HelpAndBindReply.alreadyBound(current))
            return
        }
        if (state.failedBinds[identity.key] ?? 0) >= engine.maxBindFailures {
            try reply(HelpAndBindReply.tooManyFailures)
            return
        }
        let matches = state.roster.values.filter {
            $0.active && ($0.staffID.caseInsensitiveCompare(who) == .orderedSame || $0.name == who)
        }
        guard !matches.isEmpty else {
            try emit(.bindFailed(identity: identity))
            try reply(HelpAndBindReply.notOnRoster(who))
            return
        }
        guard matches.count == 1, let person = matches.first else {
            try reply(
                HelpAndBindReply.ambiguousName(who, count: matches.count, firstID: matches.map(\.staffID).sorted()[0]))
            return
        }
        if state.bindings.contains(where: { $0.value == person.staffID && $0.key.hasPrefix(identity.transport + ":") })
        {
            try reply(HelpAndBindReply.boundElsewhere(person))
            return
        }
        guard let stored = state.bindCodes[person.staffID], engine.verifyCode(code, stored) else {
            try emit(.bindFailed(identity: identity))
            try reply(HelpAndBindReply.wrongCode)
            return
        }
        try emit(.bind(identity: identity, staffID: person.staffID, address: message.isGroup ? nil : message.chat))
        try reply(HelpAndBindReply.bound(person))
    }
}
